import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiRequest, toApiError } from "./client";

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("apiRequest", () => {
  it("sends the language and JSON headers and returns the body", async () => {
    const fetchMock = stubFetch(json({ hello: "world" }, 200));
    const body = await apiRequest<{ hello: string }>("/api/v1/thing", {
      method: "POST",
      body: { a: 1 },
      locale: "kk",
    });
    expect(body).toEqual({ hello: "world" });
    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe("/api/v1/thing");
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe('{"a":1}');
    expect(init?.headers).toMatchObject({
      "Accept-Language": "kk",
      Accept: "application/json",
      "Content-Type": "application/json",
    });
  });

  it("turns a catalogue error into an ApiError with code, message, details and status", async () => {
    stubFetch(
      json({ error: { code: "value_must_be_valid", message: "Неверно", details: { field: "login" } } }, 400),
    );
    const error = await apiRequest("/api/v1/x", { locale: "ru" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "value_must_be_valid",
      message: "Неверно",
      details: { field: "login" },
      status: 400,
      field: "login",
    });
  });

  it("reports an answer that is not the agreed JSON as unexpected_response", async () => {
    stubFetch(new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(apiRequest("/api/v1/x", { locale: "en" })).rejects.toMatchObject({
      code: "unexpected_response",
      status: 502,
    });
  });

  it("reports a request that got no answer as network_unavailable", async () => {
    stubFetch(new TypeError("Failed to fetch"));
    await expect(apiRequest("/api/v1/x", { locale: "en" })).rejects.toMatchObject({
      code: "network_unavailable",
      status: 0,
    });
  });
});

describe("toApiError", () => {
  it.each([null, "text", { error: "x" }, { error: { message: "no code" } }])(
    "reads %j as unexpected_response",
    (body) => {
      expect(toApiError(body, 500).code).toBe("unexpected_response");
    },
  );
});
