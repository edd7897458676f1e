import { describe, expect, it } from "vitest";
import { addDays, plainDate } from "../calendar/plain-date";
import {
  ageBandOf,
  ageBands,
  birthDatesOfAgeBand,
  computeIndicators,
  type EnrolmentFact,
  indicatorValue,
  type PersonProfile,
  progressBps,
  type ServiceFact,
} from "./indicators";

const d = plainDate;

// A hand-counted fixture. Two projects, P and Q; Aigul is enrolled in both and must count once.
//   person   sex  born        region  vulnerabilities          P            Q
//   aigul    F    1990-05-01  TAL     single_mother            2024-01-10   2024-02-01
//   bibigul  F    2010-03-03  TAL     —                        2024-01-15, exited 2024-03-31
//   saule    F    1960-01-01  —       widow, pensioner         —            2024-05-01
//   daulet   M    1985-12-12  ALM     disability               2023-01-01, exited 2023-12-31 (before the period)
//   erlan    M    —           ALM     —                        2024-06-30 (after the period)
const profiles: PersonProfile[] = [
  {
    personId: "aigul",
    sex: "female",
    birthDate: d("1990-05-01"),
    regionId: "TAL",
    vulnerabilities: ["single_mother"],
  },
  { personId: "bibigul", sex: "female", birthDate: d("2010-03-03"), regionId: "TAL", vulnerabilities: [] },
  {
    personId: "saule",
    sex: "female",
    birthDate: d("1960-01-01"),
    regionId: null,
    vulnerabilities: ["widow", "pensioner"],
  },
  {
    personId: "daulet",
    sex: "male",
    birthDate: d("1985-12-12"),
    regionId: "ALM",
    vulnerabilities: ["disability"],
  },
  { personId: "erlan", sex: "male", birthDate: null, regionId: "ALM", vulnerabilities: [] },
];
const enrolments: EnrolmentFact[] = [
  { projectId: "P", personId: "aigul", enrolledOn: d("2024-01-10"), exitedOn: null },
  { projectId: "Q", personId: "aigul", enrolledOn: d("2024-02-01"), exitedOn: null },
  { projectId: "P", personId: "bibigul", enrolledOn: d("2024-01-15"), exitedOn: d("2024-03-31") },
  { projectId: "Q", personId: "saule", enrolledOn: d("2024-05-01"), exitedOn: null },
  { projectId: "P", personId: "daulet", enrolledOn: d("2023-01-01"), exitedOn: d("2023-12-31") },
  { projectId: "P", personId: "erlan", enrolledOn: d("2024-06-30"), exitedOn: null },
];
const service = (
  projectId: string,
  personId: string,
  kind: ServiceFact["kind"],
  on: string,
  valueMinor = 0n,
  quantity = 1,
): ServiceFact => ({
  projectId,
  personId,
  kind,
  deliveredOn: d(on),
  quantity,
  valueMinor,
});
const services: ServiceFact[] = [
  service("P", "aigul", "grant", "2024-02-01", 5_000_000n),
  service("P", "aigul", "training", "2024-02-10"),
  service("Q", "aigul", "consultation", "2024-03-01"),
  service("P", "bibigul", "school_package", "2024-03-01", 2_000_000n, 2),
  service("Q", "saule", "grant", "2024-05-15", 3_000_000n),
  service("P", "daulet", "grant", "2023-06-01", 9_000_000n), // before the period
  service("P", "erlan", "food_package", "2024-07-01"), // after the period
];

describe("indicators over hand-counted facts", () => {
  const from = d("2024-01-01");
  const to = d("2024-06-29");

  it("counts each person once across both projects", () => {
    const all = computeIndicators({ from, to, profiles, enrolments, services });
    // aigul (once, though in P and Q), bibigul, saule. Not daulet (left before), not erlan (came after).
    expect(all.beneficiaries.total).toBe(3);
    expect(all.beneficiaries.bySex).toEqual({ female: 3, male: 0 });
    expect(all.beneficiaries.byAgeBand).toEqual({
      "0-17": 1,
      "18-29": 0,
      "30-44": 1,
      "45-59": 0,
      "60+": 1,
      unknown: 0,
    });
    expect(all.beneficiaries.byRegion).toEqual({ TAL: 2, unknown: 1 });
    expect(all.beneficiaries.byVulnerability).toEqual({ single_mother: 1, widow: 1, pensioner: 1 });
    expect(all.newEnrolments).toBe(4);
    expect(all.exits).toBe(1);
    expect(all.peopleServed.total).toBe(3);
    expect(all.services).toBe(5);
    expect(all.servicesByKind.grant).toEqual({ count: 2, quantity: 2, valueMinor: 8_000_000n });
    expect(all.servicesByKind.school_package).toEqual({ count: 1, quantity: 2, valueMinor: 2_000_000n });
    expect(all.assistanceValueMinor).toBe(8_000_000n);
  });

  it("counts one project's people and services alone", () => {
    const p = computeIndicators({
      from,
      to,
      profiles,
      enrolments: enrolments.filter((e) => e.projectId === "P"),
      services: services.filter((s) => s.projectId === "P"),
    });
    expect(p.beneficiaries.total).toBe(2);
    expect(p.services).toBe(3);
    expect(p.assistanceValueMinor).toBe(5_000_000n);
    const q = computeIndicators({
      from,
      to,
      profiles,
      enrolments: enrolments.filter((e) => e.projectId === "Q"),
      services: services.filter((s) => s.projectId === "Q"),
    });
    expect(q.beneficiaries.total).toBe(2);
    // The projects' sums are 4 people; the organization's true count is 3.
    expect(p.beneficiaries.total + q.beneficiaries.total).toBe(4);
  });

  it("takes age on the last day of the period", () => {
    const later = computeIndicators({ from, to: d("2028-03-03"), profiles, enrolments, services: [] });
    // bibigul turns 18 on 2028-03-03; erlan enrolled with no birth date.
    expect(later.beneficiaries.byAgeBand["0-17"]).toBe(0);
    expect(later.beneficiaries.byAgeBand.unknown).toBe(1);
  });

  it("measures progress toward a target", () => {
    const all = computeIndicators({ from, to, profiles, enrolments, services });
    expect(indicatorValue(all, "beneficiaries")).toBe(3n);
    expect(progressBps(indicatorValue(all, "beneficiaries"), 4n)).toBe(7_500);
    expect(progressBps(indicatorValue(all, "assistance_value_minor"), 4_000_000n)).toBe(20_000);
    expect(progressBps(0n, 0n)).toBe(10_000);
  });
});

describe("birthDatesOfAgeBand", () => {
  it("agrees with ageBandOf on every day around each band's edges, leap days included", () => {
    for (const on of ["2024-02-29", "2025-02-28", "2025-03-01", "2025-12-31"].map(plainDate)) {
      for (let offset = -40_000; offset <= 0; offset += 37) {
        const birth = addDays(on, offset);
        for (const band of ageBands.filter((b) => b !== "unknown")) {
          const { after, onOrBefore } = birthDatesOfAgeBand(band, on);
          const inRange = birth <= onOrBefore && (after === null || birth > after);
          expect(inRange, `${birth} on ${on} in ${band}`).toBe(ageBandOf(birth, on) === band);
        }
      }
    }
  });
});
