import "@mantine/core/styles.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { browserLanguages, createI18n, detectLocale, readStoredLocale } from "./i18n/i18n";
import { AppProviders } from "./providers";

const container = document.getElementById("root");
if (container === null) throw new Error("index.html has no #root element");

const i18n = createI18n(detectLocale(readStoredLocale(), browserLanguages()));

createRoot(container).render(
  <StrictMode>
    <AppProviders i18n={i18n}>
      <App />
    </AppProviders>
  </StrictMode>,
);
