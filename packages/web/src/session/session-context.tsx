/**
 * Who is signed in. On start the app asks the server (`GET /api/v1/session`); the answer says who the person
 * is, in which organization she works now, what she may do there, and the CSRF token that every write must
 * carry. Every later session answer (login, second factor, switching organization, profile changes) replaces
 * it. The server checks every permission again: this only decides what to show.
 *
 * The language follows the signed-in person: her saved language is applied when a session starts, and a
 * language she picks while signed in is saved to her profile.
 */
import type { SessionResponse } from "@moldir/contract";
import { isLocale, type Permission } from "@moldir/domain";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { ApiError, apiRequest, onSessionEnded, sessionMissingCode, setCsrfToken } from "../api/client";
import { useLocale } from "../i18n/use-locale";

/** What the app knows about the session. */
export type SessionState =
  | { readonly status: "loading" }
  /** The server could not be asked (offline, down): the app offers to try again. */
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "signed_out" }
  | { readonly status: "signed_in"; readonly session: SessionResponse };

export interface SessionContextValue {
  readonly state: SessionState;
  /** Takes a session answered by the server (login, second factor, switching organization, profile). */
  accept(session: SessionResponse): void;
  /** Asks the server again who is signed in. */
  refresh(): void;
  /** Ends this session, or with `everywhere` every session of the person on every device. */
  signOut(options?: { readonly everywhere?: boolean }): Promise<void>;
  /** Works in another of the person's organizations from now on. */
  switchOrganization(orgId: string): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The session, for any component under `SessionProvider`. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error("useSession must be used under <SessionProvider>");
  return value;
}

/** The signed-in session, or null while loading or signed out. */
export function useSignedInSession(): SessionResponse | null {
  const { state } = useSession();
  return state.status === "signed_in" ? state.session : null;
}

/**
 * Whether the person holds `permission` over the whole organization she works in now, or with `anyScope`
 * in some part of it (an office, a group). Each screen asks as its server routes do.
 */
export function hasPermission(
  session: SessionResponse | null,
  permission: Permission,
  { anyScope = false }: { readonly anyScope?: boolean } = {},
): boolean {
  const held = anyScope ? session?.permissions : session?.organizationPermissions;
  return held?.includes(permission) === true;
}

/** Whether the session is complete: signed in, no verification code still owed. */
export function isSessionComplete(state: SessionState): boolean {
  return state.status === "signed_in" && !state.session.secondFactorPending;
}

export interface SessionProviderProps {
  /**
   * A session already known (tests; a page that starts signed out on purpose): the server is not asked at
   * start. Without it the provider asks `GET /api/v1/session`.
   */
  readonly initial?: SessionState;
  readonly children: ReactNode;
}

export function SessionProvider({ initial, children }: SessionProviderProps) {
  const { i18n } = useTranslation();
  const locale = useLocale();
  const [state, setState] = useState<SessionState>(initial ?? { status: "loading" });
  const isKnownAtStart = useRef(initial !== undefined);
  // The latest state for listeners registered once (language changes, ended sessions).
  const stateRef = useRef(state);
  stateRef.current = state;
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const accept = useCallback(
    (session: SessionResponse) => {
      setCsrfToken(session.csrfToken);
      setState({ status: "signed_in", session });
      const preferred = session.user.preferredLocale;
      if (isLocale(preferred) && preferred !== i18n.language) void i18n.changeLanguage(preferred);
    },
    [i18n],
  );

  const forget = useCallback(() => {
    setCsrfToken("");
    setState({ status: "signed_out" });
  }, []);

  const load = useCallback(
    (signal?: AbortSignal) => {
      apiRequest<SessionResponse>("/api/v1/session", {
        locale: localeRef.current,
        ...(signal === undefined ? {} : { signal }),
      }).then(accept, (error: unknown) => {
        if (signal?.aborted === true) return;
        if (error instanceof ApiError && error.status === 401) forget();
        else setState({ status: "failed", error });
      });
    },
    [accept, forget],
  );

  useEffect(() => {
    if (isKnownAtStart.current) {
      const known = stateRef.current;
      if (known.status === "signed_in") setCsrfToken(known.session.csrfToken);
      return;
    }
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // A session that ended on the server (expired, ended on another device) ends here too.
  useEffect(() => onSessionEnded(forget), [forget]);

  // A language picked while signed in becomes the person's own.
  useEffect(() => {
    const save = (language: string) => {
      const current = stateRef.current;
      if (current.status !== "signed_in" || current.session.secondFactorPending) return;
      if (!isLocale(language) || language === current.session.user.preferredLocale) return;
      apiRequest<SessionResponse>("/api/v1/me", {
        method: "PATCH",
        body: { preferredLocale: language },
        locale: language,
      }).then(
        (session) => {
          setCsrfToken(session.csrfToken);
          setState({ status: "signed_in", session });
        },
        // The page has switched already; the choice is saved again the next time she changes it.
        () => {},
      );
    };
    i18n.on("languageChanged", save);
    return () => i18n.off("languageChanged", save);
  }, [i18n]);

  const signOut = useCallback(
    async ({ everywhere = false }: { readonly everywhere?: boolean } = {}) => {
      const path = everywhere ? "/api/v1/auth/logout-everywhere" : "/api/v1/auth/logout";
      try {
        await apiRequest(path, { method: "POST", locale: localeRef.current });
      } catch (error) {
        // An ended session is what was asked for; anything else is worth telling.
        if (!(error instanceof ApiError && error.code === sessionMissingCode)) throw error;
      }
      forget();
    },
    [forget],
  );

  const switchOrganization = useCallback(
    async (orgId: string) => {
      const session = await apiRequest<SessionResponse>("/api/v1/session/organization", {
        method: "POST",
        body: { orgId },
        locale: localeRef.current,
      });
      accept(session);
    },
    [accept],
  );

  const refresh = useCallback(() => load(), [load]);

  const value = useMemo<SessionContextValue>(
    () => ({ state, accept, refresh, signOut, switchOrganization }),
    [state, accept, refresh, signOut, switchOrganization],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
