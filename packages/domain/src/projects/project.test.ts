import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import {
  checkBeneficiaryEligibility,
  type EligibilityCriteria,
  type EligibilityFacts,
  tengeFromDonorMinor,
} from "./project";

const d = plainDate;
const woman: EligibilityFacts = {
  sex: "female",
  birthDate: d("1990-06-15"),
  regionId: "KZ-19-TALGAR",
  vulnerabilities: ["single_mother"],
};

describe("eligibility of a person for a project", () => {
  const rows: [string, EligibilityCriteria, EligibilityFacts, string | null][] = [
    ["no criteria admits anyone", {}, woman, null],
    ["women only admits a woman", { sexes: ["female"] }, woman, null],
    ["women only refuses a man", { sexes: ["female"] }, { ...woman, sex: "male" }, "sex"],
    ["18–35 admits a woman of 34", { ageMinYears: 18, ageMaxYears: 35 }, woman, null],
    ["up to 33 refuses a woman on her 34th birthday", { ageMaxYears: 33 }, woman, "age"],
    ["35 and over refuses a woman of 34", { ageMinYears: 35 }, woman, "age"],
    ["an age bound refuses an unknown birth date", { ageMinYears: 18 }, { ...woman, birthDate: null }, "age"],
    ["a region list admits her region", { regionIds: ["KZ-19-TALGAR", "KZ-75"] }, woman, null],
    ["a region list refuses another region", { regionIds: ["KZ-75"] }, woman, "region"],
    [
      "a region list refuses an unknown region",
      { regionIds: ["KZ-75"] },
      { ...woman, regionId: null },
      "region",
    ],
    ["any of the vulnerabilities admits", { vulnerabilitiesAny: ["widow", "single_mother"] }, woman, null],
    ["none of the vulnerabilities refuses", { vulnerabilitiesAny: ["widow"] }, woman, "vulnerability"],
    ["sex is checked before age", { sexes: ["male"], ageMinYears: 99 }, woman, "sex"],
  ];
  for (const [name, criteria, facts, criterion] of rows) {
    it(name, () => {
      const result = checkBeneficiaryEligibility(criteria, facts, d("2024-06-15"));
      if (criterion === null) expect(result.ok).toBe(true);
      else
        expect(result).toEqual({
          ok: false,
          code: "beneficiary_must_meet_eligibility",
          details: { criterion },
        });
    });
  }
});

describe("a donor's budget in tenge", () => {
  it("converts dollars at 478.5 ₸ to the tiyn", () => {
    expect(tengeFromDonorMinor(1_000_00n, "USD", 478_500_000n)).toBe(47_850_000n);
  });
  it("rounds half to even", () => {
    // 0.01 $ at 0.5 ₸ is 0.005 ₸: half a tiyn, rounded to the even 0.
    expect(tengeFromDonorMinor(1n, "USD", 500_000n)).toBe(0n);
    expect(tengeFromDonorMinor(3n, "USD", 500_000n)).toBe(2n);
  });
  it("knows a currency with no minor unit", () => {
    expect(tengeFromDonorMinor(1000n, "JPY", 3_200_000n)).toBe(320_000n);
  });
  it("keeps tenge as tenge at the rate of one", () => {
    expect(tengeFromDonorMinor(123_456n, "KZT", 1_000_000n)).toBe(123_456n);
  });
});
