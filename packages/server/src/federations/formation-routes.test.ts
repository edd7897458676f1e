import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("the formation board", () => {
  const testApp = useTestApp();
  let admin: Client;
  let reader: Client;
  let formationId: string;

  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    reader = await signIn(testApp().app, (await buildUser(testApp().database, orgId, ["me_officer"])).email);
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/formations",
      payload: {
        name: "Еңбекшіқазақ federation",
        partnerName: "Жаңа өмір",
        regionId: "KZ-19-TALGAR",
        startedOn: "2025-01-01",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    formationId = created.json().id;
  });

  const tick = (item: string, doneOn: string, evidence = "Minutes no. 1") =>
    admin.request({
      method: "POST",
      url: `/api/v1/formations/${formationId}/checklist`,
      payload: { item, doneOn, evidence },
    });

  it("starts at mobilization with every item open", async () => {
    const board = (await reader.request({ url: "/api/v1/formations" })).json().items;
    expect(board).toMatchObject([
      { name: "Еңбекшіқазақ federation", currentStage: "mobilization", partnerName: "Жаңа өмір" },
    ]);
    expect(board[0].stages.map((s: { stage: string }) => s.stage)).toEqual([
      "mobilization",
      "group_formation",
      "training",
      "registration",
      "first_grading",
      "first_fund",
    ]);
  });

  it("moves to the next stage when a stage's checklist is done, keeping dates and evidence", async () => {
    expect((await tick("community_meeting_held", "2025-01-15")).json().currentStage).toBe("mobilization");
    const moved = (await tick("leaders_identified", "2025-02-01", "List of 12 leaders")).json();
    expect(moved.currentStage).toBe("group_formation");
    expect(moved.stages[0]).toMatchObject({
      done: 2,
      completedOn: "2025-02-01",
      items: [{ item: "community_meeting_held", doneOn: "2025-01-15" }, { evidence: "List of 12 leaders" }],
    });
  });

  it.each([
    ["an item done twice", "community_meeting_held", "2025-03-01", 409, "formation_item_must_be_open"],
    ["a day before the start", "groups_formed", "2024-12-31", 422, "date_must_not_precede_start"],
    ["an item not on the checklist", "bribe_paid", "2025-03-01", 400, "request_must_be_valid"],
  ] as const)("refuses %s and changes nothing", async (_why, item, doneOn, status, code) => {
    const before = (await admin.request({ url: `/api/v1/formations/${formationId}` })).json();
    const response = await tick(item, doneOn);
    expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    expect((await admin.request({ url: `/api/v1/formations/${formationId}` })).json()).toEqual(before);
  });

  it("lets a reader see the board but not change it", async () => {
    const response = await reader.request({
      method: "POST",
      url: `/api/v1/formations/${formationId}/checklist`,
      payload: { item: "groups_formed", doneOn: "2025-03-01", evidence: "x" },
    });
    expect(response.statusCode).toBe(403);
  });
});
