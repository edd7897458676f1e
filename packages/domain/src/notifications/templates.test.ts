import { describe, expect, it } from "vitest";
import { renderNotification } from "./templates";

const receipt = {
  groupName: "Бақыт",
  heldOn: "2025-01-08",
  paidMinor: "60000",
  receivedMinor: "0",
  savingsMinor: "150000",
  loanBalanceMinor: "40000",
};

describe("renderNotification", () => {
  it("writes a meeting receipt in Kazakh and in Russian", () => {
    expect(renderNotification("meeting_receipt", "kk", receipt)).toBe(
      "Бақыт, 2025-01-08. Төледіңіз: 600,00\u00a0₸. Жинағыңыз: 1\u00a0500,00\u00a0₸. Қарыз қалдығы: 400,00\u00a0₸.",
    );
    expect(renderNotification("meeting_receipt", "ru", { ...receipt, receivedMinor: "60000" })).toContain(
      "Вы получили: 600,00\u00a0₸.",
    );
  });
});
