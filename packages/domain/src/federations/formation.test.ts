import { describe, expect, it } from "vitest";
import { formationItems, formationProgress, isFormationItem } from "./formation";

describe("formation of a federation", () => {
  it("stands at the first stage with an item open, whatever was done later", () => {
    const progress = formationProgress(
      new Map([
        ["community_meeting_held", "2025-01-10"],
        ["leaders_identified", "2025-01-20"],
        ["groups_formed", "2025-03-01"],
        ["registered", "2025-06-01"],
      ]),
    );
    expect(progress.currentStage).toBe("group_formation");
    expect(progress.stages[0]).toEqual({
      stage: "mobilization",
      done: 2,
      total: 2,
      completedOn: "2025-01-20",
    });
    expect(progress.stages[3]).toMatchObject({ stage: "registration", done: 1, completedOn: null });
  });

  it("is formed when every item is done", () => {
    expect(formationProgress(new Map(formationItems.map((i) => [i, "2025-01-01"]))).currentStage).toBeNull();
    expect(formationProgress(new Map()).currentStage).toBe("mobilization");
  });

  it("knows its own checklist items and no others", () => {
    expect(isFormationItem("registered")).toBe(true);
    expect(isFormationItem("bribe_paid")).toBe(false);
  });
});
