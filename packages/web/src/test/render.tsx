import type { Locale } from "@moldir/domain";
import { render } from "@testing-library/react";
import type { i18n as I18n } from "i18next";
import type { ReactElement } from "react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { createI18n } from "../i18n/i18n";
import { AppProviders } from "../providers";

export interface RenderOptions {
  readonly locale?: Locale;
  readonly path?: string;
}

/** Renders a screen with everything around it that the app provides, at a path, in a language. */
export function renderWithApp(ui: ReactElement, { locale = "ru", path = "/" }: RenderOptions = {}) {
  const i18n: I18n = createI18n(locale);
  const location = memoryLocation({ path, record: true });
  const view = render(
    <AppProviders i18n={i18n} env="test">
      <Router hook={location.hook}>{ui}</Router>
    </AppProviders>,
  );
  return { ...view, i18n, location };
}
