import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "./testing/test-app";

describe("operations routes", () => {
  const testApp = useTestApp();

  it("says it is alive", async () => {
    const response = await testApp().app.inject({ url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("says it is ready when its database answers", async () => {
    const response = await testApp().app.inject({ url: "/ready" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ready", engine: testApp().database.engine });
    expect(response.json().migrations).toBeGreaterThanOrEqual(1);
  });

  it("serves an OpenAPI 3.1 document and its viewer at /docs", async () => {
    const json = await testApp().app.inject({ url: "/docs/json" });
    expect(json.statusCode).toBe(200);
    const document = json.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/health", "/ready"]));
    const page = await testApp().app.inject({ url: "/docs" });
    expect([200, 302]).toContain(page.statusCode);
  });

  it("gives every response a request id, and keeps a UUID sent by a proxy", async () => {
    const made = await testApp().app.inject({ url: "/health" });
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const sent = "01890a5d-ac96-774b-bcce-b302099a8057";
    const kept = await testApp().app.inject({ url: "/health", headers: { "x-request-id": sent } });
    expect(kept.headers["x-request-id"]).toBe(sent);
    const forged = await testApp().app.inject({ url: "/health", headers: { "x-request-id": "<script>" } });
    expect(forged.headers["x-request-id"]).not.toBe("<script>");
  });

  it("logs requests as JSON without query strings, headers or personal data", async () => {
    await testApp().app.inject({
      url: "/api/v1/people?iin=061211600012&name=Aigul",
      headers: { authorization: "Bearer secret-token", cookie: "sid=secret-cookie" },
    });
    const text = JSON.stringify(testApp().logLines);
    expect(
      testApp().logLines.some((line) => (line.req as { path?: string })?.path === "/api/v1/people"),
    ).toBe(true);
    for (const secret of ["061211600012", "Aigul", "secret-token", "secret-cookie"])
      expect(text).not.toContain(secret);
  });
});

describe("the web app at /", () => {
  const dist = mkdtempSync(join(tmpdir(), "moldir-dist-"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Moldir</title><div id=root></div>");
  const testApp = useTestApp({ webDistDir: dist });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("serves index.html at / and for the app's own paths", async () => {
    for (const url of ["/", "/login", "/calculator"]) {
      const response = await testApp().app.inject({ url, headers: { accept: "text/html" } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain("<title>Moldir</title>");
    }
  });

  it("never answers an API path with the page", async () => {
    const response = await testApp().app.inject({ url: "/api/v1/missing", headers: { accept: "text/html" } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("route_must_exist");
  });
});
