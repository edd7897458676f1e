import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("organization profile and offices", () => {
  const testApp = useTestApp();
  let admin: Client;
  let trainer: Client;
  let orgId: string;
  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database, { name: "Мөлдір" }));
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    trainer = await signIn(testApp().app, (await buildUser(testApp().database, orgId, ["trainer"])).email);
  });

  it("reads and changes the profile with a version, refusing a stale one and a bad BIN", async () => {
    const current = (await admin.request({ url: "/api/v1/organization" })).json();
    expect(current).toMatchObject({ orgId, currency: "KZT", timeZone: "Asia/Almaty", version: 1 });
    const badBin = await admin.request({
      method: "PATCH",
      url: "/api/v1/organization",
      payload: { version: 1, bin: "061211600013" },
    });
    expect(badBin.statusCode).toBe(422);
    expect(badBin.json().error).toMatchObject({ code: "bin_must_be_valid", details: { field: "bin" } });
    const badRegion = await admin.request({
      method: "PATCH",
      url: "/api/v1/organization",
      payload: { version: 1, regionId: "KZ-00" },
    });
    expect(badRegion.json().error.code).toBe("region_must_exist");
    const changed = await admin.request({
      method: "PATCH",
      url: "/api/v1/organization",
      payload: { version: 1, bin: "061211600012", regionId: "KZ-19", phone: "+7 727 000 00 00" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ bin: "061211600012", regionId: "KZ-19", version: 2 });
    const stale = await admin.request({
      method: "PATCH",
      url: "/api/v1/organization",
      payload: { version: 1, phone: "x" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("version_must_match");
    const audit = (await admin.request({ url: "/api/v1/audit-events?action=organization.update" })).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].summary.after.bin).toBe("061211600012");
  });

  it("refuses a profile change by a role without the permission, and changes nothing", async () => {
    const refused = await trainer.request({
      method: "PATCH",
      url: "/api/v1/organization",
      payload: { version: 2, phone: "1" },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("permission_must_be_granted");
    expect((await admin.request({ url: "/api/v1/organization" })).json().version).toBe(2);
  });

  it("builds a tree of offices and refuses a cycle", async () => {
    const names = (n: string) => ({ kk: n, ru: n, en: n });
    const head = (
      await admin.request({
        method: "POST",
        url: "/api/v1/offices",
        payload: { parentId: null, names: names("Алматы"), regionId: "KZ-75" },
      })
    ).json();
    const branch = (
      await admin.request({
        method: "POST",
        url: "/api/v1/offices",
        payload: { parentId: head.id, names: names("Талғар"), regionId: "KZ-19-TALGAR" },
      })
    ).json();
    const village = await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId: branch.id, names: names("Бесағаш") },
    });
    expect(village.statusCode).toBe(201);
    const cycle = await admin.request({
      method: "PATCH",
      url: `/api/v1/offices/${head.id}`,
      payload: { version: 1, parentId: village.json().id },
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.code).toBe("office_must_not_be_its_own_ancestor");
    const self = await admin.request({
      method: "PATCH",
      url: `/api/v1/offices/${head.id}`,
      payload: { version: 1, parentId: head.id },
    });
    expect(self.json().error.code).toBe("office_must_not_be_its_own_ancestor");
    const orphan = await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId: "01890a5d-ac96-774b-bcce-b302099a8057", names: names("x") },
    });
    expect(orphan.json().error.code).toBe("office_parent_must_exist");
    const renamed = await admin.request({
      method: "PATCH",
      url: `/api/v1/offices/${branch.id}`,
      payload: { version: 1, names: names("Талғар филиалы") },
    });
    expect(renamed.json()).toMatchObject({ version: 2, names: { kk: "Талғар филиалы" } });
    const list = (await trainer.request({ url: "/api/v1/offices" })).json();
    expect(list.items).toHaveLength(3);
  });

  it("lists regions of Kazakhstan", async () => {
    const regions = (await trainer.request({ url: "/api/v1/regions" })).json().items;
    expect(regions.length).toBeGreaterThanOrEqual(20);
    expect(regions.find((r: { id: string }) => r.id === "KZ-19")).toMatchObject({
      level: "oblast",
      names: { ru: "Алматинская область" },
    });
  });
});
