import { describe, expect, it } from "vitest";
import { addDays, type PlainDate, plainDate } from "../calendar/plain-date";
import { checkGradingRubric, defaultGradingRubric, type GradingInput, gradeGroup, gradeOf } from "./grading";

function weeklyMeetings(from: PlainDate, count: number, members = 10, saving = 10) {
  return Array.from({ length: count }, (_, i) => ({
    heldOn: addDays(from, 7 * (i + 1)),
    membersExpected: members,
    membersSaving: saving,
    hasCashDifference: false,
  }));
}

const asOf = plainDate("2025-07-01");
const healthy: GradingInput = {
  asOf,
  frequency: "weekly",
  formedOn: plainDate("2024-01-01"),
  meetings: weeklyMeetings(plainDate("2025-01-01"), 25),
  loans: [{ loanId: "l", dueOn: plainDate("2025-09-01"), outstandingMinor: 600_000n }],
  cashMinor: 400_000n,
};

describe("gradeGroup", () => {
  it("grades a group that meets, saves, lends and repays as A", () => {
    const grade = gradeGroup(healthy);
    expect(grade.grade).toBe("A");
    expect(grade.rating).toBeGreaterThan(85);
    expect(grade.scores.map((s) => s.principle)).toEqual([
      "regularMeetings",
      "regularSavings",
      "regularLending",
      "timelyRepayment",
      "upToDateBooks",
    ]);
  });

  it("says why a score is low: missed meetings", () => {
    const grade = gradeGroup({
      ...healthy,
      meetings: weeklyMeetings(plainDate("2025-01-01"), 12).filter((_, i) => i % 2 === 0),
    });
    const meetings = grade.scores.find((s) => s.principle === "regularMeetings");
    expect(meetings?.why).toMatchObject({ meetingsHeld: 6 });
    expect(meetings?.points).toBeLessThan(10);
  });

  it("takes points for late loans and stale books", () => {
    const grade = gradeGroup({
      ...healthy,
      meetings: weeklyMeetings(plainDate("2025-01-01"), 10),
      loans: [{ loanId: "l", dueOn: plainDate("2025-03-01"), outstandingMinor: 600_000n }],
    });
    expect(grade.scores.find((s) => s.principle === "timelyRepayment")?.points).toBe(0);
    expect(grade.scores.find((s) => s.principle === "upToDateBooks")?.points).toBe(0);
    expect(grade.grade).toBe("C");
  });

  it.each([
    [90, "A"],
    [85.1, "A"],
    [85, "B"],
    [75, "B"],
    [74.9, "C"],
    [0, "C"],
  ] as const)("a rating of %d is grade %s", (rating, expected) => {
    expect(gradeOf(rating)).toBe(expected);
  });
});

describe("checkGradingRubric", () => {
  it.each([
    ["the default", {}, "ok"],
    [
      "weights of nothing",
      {
        weights: {
          ...defaultGradingRubric.weights,
          regularMeetings: 0,
          regularSavings: 0,
          regularLending: 0,
          timelyRepayment: 0,
          upToDateBooks: 0,
        },
      },
      "weights",
    ],
    ["a negative weight", { weights: { ...defaultGradingRubric.weights, regularMeetings: -1 } }, "weights"],
    ["a window of no months", { windowMonths: 0 }, "windowMonths"],
    ["a lending target above all", { lendingUtilizationTarget: 1.5 }, "lendingUtilizationTarget"],
    ["B above A", { gradeA: 70, gradeB: 80 }, "gradeA"],
  ])("checks %s", (_why, change, field) => {
    const checked = checkGradingRubric({ ...defaultGradingRubric, ...change });
    expect(checked.ok ? "ok" : checked.details.field).toBe(field);
  });
});
