import { limits } from "@moldir/domain";
import type { FastifyInstance, InjectOptions } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestApp } from "../testing/test-app";
import { AppError } from "./app-error";

// A route for the plumbing only: it shows how every real route's input is checked and refused.
function addEchoRoute(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/test/echo",
    {
      config: { access: { kind: "public" } },
      schema: {
        hide: true,
        body: z.strictObject({
          name: z.string().min(1),
          count: z.number().int().positive(),
          kind: z.enum(["a", "b"]).optional(),
        }),
      },
    },
    async (request) => request.body,
  );
  app.get(
    "/api/v1/test/refuse",
    { config: { access: { kind: "public" } }, schema: { hide: true } },
    async () => {
      throw new AppError("amount_must_have_at_most_minor_digits", { minorDigits: 2 });
    },
  );
  app.get(
    "/api/v1/test/crash",
    { config: { access: { kind: "public" } }, schema: { hide: true } },
    async () => {
      throw new Error("secret internal detail");
    },
  );
}

describe("error responses", () => {
  const testApp = useTestApp({ extend: addEchoRoute });
  const inject = (options: InjectOptions) => testApp().app.inject(options);

  it("answers an unknown route with the catalogue's 404 in the caller's language", async () => {
    for (const [language, text] of [
      ["kk", "Мұндай мекенжай жоқ: GET /api/v1/nothing"],
      ["ru", "Такого адреса нет: GET /api/v1/nothing"],
      ["en", "There is no such address: GET /api/v1/nothing"],
    ]) {
      const response = await inject({ url: "/api/v1/nothing?q=1", headers: { "accept-language": language } });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: {
          code: "route_must_exist",
          message: text,
          details: { method: "GET", path: "/api/v1/nothing" },
        },
      });
    }
  });

  it("speaks Russian when Accept-Language names no language it knows", async () => {
    const response = await inject({ url: "/api/v1/nothing", headers: { "accept-language": "de" } });
    expect(response.json().error.message).toBe("Такого адреса нет: GET /api/v1/nothing");
  });

  it("accepts a valid body", async () => {
    const response = await inject({
      method: "POST",
      url: "/api/v1/test/echo",
      payload: { name: "Айгүл", count: 2 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: "Айгүл", count: 2 });
  });

  it.each([
    [{ count: 2 }, "name", "required"],
    [{ name: "", count: 2 }, "name", "too_small"],
    [{ name: "x", count: "2" }, "count", "invalid_type"],
    [{ name: "x", count: 1.5 }, "count", "invalid_type"],
    [{ name: "x", count: 2, kind: "c" }, "kind", "invalid_value"],
    [{ name: "x", count: 2, extra: true }, "extra", "unknown_field"],
  ])("refuses %j naming the field %s (%s)", async (payload, field, reason) => {
    const response = await inject({
      method: "POST",
      url: "/api/v1/test/echo",
      payload,
      headers: { "accept-language": "en" },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe("request_must_be_valid");
    expect(error.details.field).toBe(field);
    expect(error.details.fields[0]).toMatchObject({ field, reason });
    expect(error.message).toContain(`“${field}”`);
  });

  it("refuses malformed JSON", async () => {
    const response = await inject({
      method: "POST",
      url: "/api/v1/test/echo",
      payload: '{"name": "x",',
      headers: { "content-type": "application/json", "accept-language": "kk" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "body_must_be_valid_json",
      message: "Сұраудың денесі дұрыс JSON емес.",
    });
  });

  it("refuses a body larger than the limit", async () => {
    const response = await inject({
      method: "POST",
      url: "/api/v1/test/echo",
      payload: JSON.stringify({ name: "x".repeat(limits.requestBodyMaxBytes), count: 1 }),
      headers: { "content-type": "application/json", "accept-language": "en" },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({
      code: "body_must_not_exceed_limit",
      details: { limitBytes: limits.requestBodyMaxBytes },
    });
  });

  it("refuses a content type it does not read", async () => {
    const response = await inject({
      method: "POST",
      url: "/api/v1/test/echo",
      payload: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("content_type_must_be_supported");
  });

  it("answers an expected refusal with its catalogue status and message", async () => {
    const response = await inject({ url: "/api/v1/test/refuse", headers: { "accept-language": "ru" } });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toEqual({
      code: "amount_must_have_at_most_minor_digits",
      message: "В сумме не больше 2 знаков после запятой.",
      details: { minorDigits: 2 },
    });
  });

  it("hides internals of an unexpected error and logs it with the request id", async () => {
    const response = await inject({ url: "/api/v1/test/crash", headers: { "accept-language": "en" } });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe("internal_error");
    expect(response.body).not.toContain("secret internal detail");
    const logged = testApp().logLines.find((line) => line.msg === "request failed");
    expect(logged?.reqId).toBe(response.headers["x-request-id"]);
  });
});
