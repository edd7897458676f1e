/**
 * A stand-in for the server in jsdom tests: answers by "METHOD /path" (query string included when the
 * route names one), records every request, and answers anything else as the server would an unknown
 * address. The server's own tests cover the HTTP side; Playwright covers the whole path.
 */
import { vi } from "vitest";

/** An answer, or a function giving one (a promise holds the answer back until the test lets it go). */
export type FakeAnswer = Response | ((request: RecordedRequest) => Response | Promise<Response>);

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function apiError(
  code: string,
  message: string,
  status: number,
  details: Record<string, unknown> = {},
): Response {
  return json({ error: { code, message, details } }, status);
}

/** Stubs `fetch` with `routes`; returns the requests made, in order. */
export function fakeApi(routes: Readonly<Record<string, FakeAnswer>>): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? "GET";
    // Header names in lower case, as HTTP treats them.
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const request: RecordedRequest = { method, path, headers, body };
    requests.push(request);
    const answer = routes[`${method} ${path}`] ?? routes[`${method} ${path.split("?")[0]}`];
    if (answer === undefined) return apiError("route_must_exist", `No route ${method} ${path}`, 404);
    return typeof answer === "function" ? answer(request) : answer.clone();
  });
  return requests;
}
