// Mantine's styles per component rather than all of them (36 KB gzipped): the first load carries only what
// the login page and the loaders use, in the order of Mantine's own bundle. Screens loaded on demand import
// the styles of their own components.
import "@mantine/core/styles/baseline.css";
import "@mantine/core/styles/default-css-variables.css";
import "@mantine/core/styles/global.css";
import "@mantine/core/styles/UnstyledButton.css";
import "@mantine/core/styles/Paper.css";
import "@mantine/core/styles/Loader.css";
import "@mantine/core/styles/ActionIcon.css";
import "@mantine/core/styles/CloseButton.css";
import "@mantine/core/styles/Group.css";
import "@mantine/core/styles/Input.css";
import "@mantine/core/styles/FloatingIndicator.css";
import "@mantine/core/styles/Alert.css";
import "@mantine/core/styles/Text.css";
import "@mantine/core/styles/Anchor.css";
import "@mantine/core/styles/Button.css";
import "@mantine/core/styles/Center.css";
import "@mantine/core/styles/PasswordInput.css";
import "@mantine/core/styles/SegmentedControl.css";
import "@mantine/core/styles/Stack.css";
import "@mantine/core/styles/Title.css";
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
