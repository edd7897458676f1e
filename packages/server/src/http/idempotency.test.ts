import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("Idempotency-Key", () => {
  const testApp = useTestApp();
  let admin: Client;
  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
  });
  const names = { kk: "Кеңсе", ru: "Офис", en: "Office" };

  it("answers a repeat with the first response and changes nothing", async () => {
    const headers = { "idempotency-key": "office-create-0001" };
    const first = await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId: null, names },
      headers,
    });
    const second = await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId: null, names },
      headers,
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers["idempotent-replayed"]).toBe("true");
    const offices = (await admin.request({ url: "/api/v1/offices" })).json().items;
    expect(offices).toHaveLength(1);
  });

  it("refuses the same key with a different request", async () => {
    const headers = { "idempotency-key": "office-create-0002" };
    await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId: null, names },
      headers,
    });
    const other = await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId: null, names: { ...names, en: "Another" } },
      headers,
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("idempotency_key_must_match_request");
  });

  it("repeats a refusal as it was", async () => {
    const headers = { "idempotency-key": "office-create-0003" };
    const payload = { parentId: "01890a5d-ac96-774b-bcce-b302099a8057", names };
    const first = await admin.request({ method: "POST", url: "/api/v1/offices", payload, headers });
    const second = await admin.request({ method: "POST", url: "/api/v1/offices", payload, headers });
    expect(first.statusCode).toBe(422);
    expect(second.json()).toEqual(first.json());
  });

  it("refuses a malformed key", async () => {
    const response = await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId: null, names },
      headers: { "idempotency-key": "bad key!" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("idempotency_key_must_be_valid");
  });
});
