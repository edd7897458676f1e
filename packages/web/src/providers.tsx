import { MantineProvider } from "@mantine/core";
import type { i18n as I18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { SessionProvider, type SessionState } from "./session/session-context";
import { colorSchemeManager, theme } from "./theme";

export interface AppProvidersProps {
  readonly i18n: I18n;
  /** `test` turns off transitions and portals for jsdom. */
  readonly env?: "default" | "test";
  /** A session known at start; without it the server is asked who is signed in. */
  readonly session?: SessionState;
  readonly children: ReactNode;
}

/** Theme, colour scheme, language and session: everything a screen needs around it, in the app and in tests. */
export function AppProviders({ i18n, env = "default", session, children }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider
        theme={theme}
        colorSchemeManager={colorSchemeManager}
        defaultColorScheme="auto"
        env={env}
      >
        {session === undefined ? (
          <SessionProvider>{children}</SessionProvider>
        ) : (
          <SessionProvider initial={session}>{children}</SessionProvider>
        )}
      </MantineProvider>
    </I18nextProvider>
  );
}
