import type { SessionResponse } from "@moldir/contract";
import type { Locale } from "@moldir/domain";
import { render } from "@testing-library/react";
import type { i18n as I18n } from "i18next";
import type { ReactElement } from "react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { createI18n } from "../i18n/i18n";
import { AppProviders } from "../providers";
import type { SessionState } from "../session/session-context";

export interface RenderOptions {
  readonly locale?: Locale;
  readonly path?: string;
  /**
   * Who is signed in: a session, nobody (`null`, the default: screens that do not care ask nothing about
   * it), or `"ask-server"` to start as the app does, with `GET /api/v1/session` (stub fetch for it).
   */
  readonly session?: SessionResponse | null | "ask-server";
}

/** Renders a screen with everything around it that the app provides, at a path, in a language. */
export function renderWithApp(
  ui: ReactElement,
  { locale = "ru", path = "/", session = null }: RenderOptions = {},
) {
  const i18n: I18n = createI18n(locale);
  const location = memoryLocation({ path, record: true });
  const known: SessionState | undefined =
    session === "ask-server"
      ? undefined
      : session === null
        ? { status: "signed_out" }
        : { status: "signed_in", session };
  const view = render(
    <AppProviders i18n={i18n} env="test" session={known}>
      <Router hook={location.hook}>{ui}</Router>
    </AppProviders>,
  );
  return { ...view, i18n, location };
}
