/**
 * The one way the web app talks to the server. Every request says which language the person reads
 * (`Accept-Language`), so error messages come back ready to show; every error comes back as an `ApiError`
 * with the catalogue's code, whatever went wrong on the way.
 */
import type { Locale } from "@moldir/domain";

/** Detail values of an error: a field name, a limit. Never personal data. */
export type ApiErrorDetails = Readonly<Record<string, unknown>>;

/** Codes the client itself produces when no catalogue error came back. */
export const clientErrorCodes = {
  /** The request never got an answer (offline, server down, CORS, aborted). */
  networkUnavailable: "network_unavailable",
  /** An answer came back that is not the agreed JSON (a proxy's HTML page, a crash). */
  unexpectedResponse: "unexpected_response",
} as const;

/** An error answered by the server (`{"error":{"code","message","details"}}`) or met on the way. */
export class ApiError extends Error {
  /** snake_case code from the error catalogue, or one of `clientErrorCodes`. */
  readonly code: string;
  /** Values that explain the error; `details.field` names the offending input when there is one. */
  readonly details: ApiErrorDetails;
  /** HTTP status, 0 when no answer came back. */
  readonly status: number;

  constructor(code: string, message: string, details: ApiErrorDetails, status: number) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = details;
    this.status = status;
  }

  /** The input this error is about (`details.field`), if the server named one. */
  get field(): string | null {
    const field = this.details["field"];
    return typeof field === "string" && field.length > 0 ? field : null;
  }
}

/**
 * The session's CSRF token, kept from the last session response. The server refuses a cookie-authenticated
 * write without it, so every write carries it; reads do not need it.
 */
let csrfToken = "";

/** Remembers the CSRF token of the session (an empty string after signing out). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const sessionEndedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the server answers that there is no valid session (it expired, or was ended on
 * another device), so the app can send the person back to the login page. Returns the unsubscribe function.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** The code the server answers when a request needs a session and has none. */
export const sessionMissingCode = "session_must_be_valid";

export interface ApiRequestOptions {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, instead of `body` (an import file). */
  readonly file?: { readonly body: Blob; readonly contentType: string };
  /** The language of the answer's messages. */
  readonly locale: Locale;
  readonly signal?: AbortSignal;
}

/** Sends a request to the API and returns its JSON body, or throws an `ApiError`. */
export async function apiRequest<T>(path: string, options: ApiRequestOptions): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": options.locale,
  };
  const init: RequestInit = { method: options.method ?? "GET", headers, credentials: "same-origin" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  if (options.file !== undefined) {
    headers["Content-Type"] = options.file.contentType;
    init.body = options.file.body;
  }
  if (options.signal !== undefined) init.signal = options.signal;
  const method = init.method ?? "GET";
  if (method !== "GET" && csrfToken !== "") headers["X-CSRF-Token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(clientErrorCodes.networkUnavailable, "", {}, 0);
  }
  const body = await readJson(response);
  if (response.ok) {
    if (body === undefined) throw unexpected(response.status);
    return body as T;
  }
  const error = toApiError(body, response.status);
  if (error.status === 401 && error.code === sessionMissingCode) {
    for (const listener of sessionEndedListeners) listener();
  }
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads the agreed error shape; anything else is an unexpected response. */
export function toApiError(body: unknown, status: number): ApiError {
  if (!isRecord(body) || !isRecord(body["error"])) return unexpected(status);
  const { code, message, details } = body["error"];
  if (typeof code !== "string" || code.length === 0) return unexpected(status);
  return new ApiError(
    code,
    typeof message === "string" ? message : "",
    isRecord(details) ? details : {},
    status,
  );
}

function unexpected(status: number): ApiError {
  return new ApiError(clientErrorCodes.unexpectedResponse, "", {}, status);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
