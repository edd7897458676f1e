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

  it.each([
    [
      "kk",
      { loansDeductedMinor: "0", reinvestedShares: 0, reinvestedMinor: "0", cashPaidMinor: "550000" },
      "Бақыт, 2025-12-20: 1-цикл бөлісуі. Үлестеріңіз: 10. Тиесілі сома: 5\u00a0500,00\u00a0₸. Қолыңызға берілді: 5\u00a0500,00\u00a0₸.",
    ],
    [
      "ru",
      {
        loansDeductedMinor: "200000",
        reinvestedShares: 3,
        reinvestedMinor: "30000",
        cashPaidMinor: "320000",
      },
      "Бақыт, 2025-12-20: раздел цикла 1. Ваши доли: 10. Причитается: 5\u00a0500,00\u00a0₸. Удержано в счёт займа: 2\u00a0000,00\u00a0₸. Выдано на руки: 3\u00a0200,00\u00a0₸. Оставлено на следующий цикл: 3 дол. (300,00\u00a0₸).",
    ],
  ] as const)(
    "writes a share-out receipt in %s: payout, loan deducted, cash, carry-over",
    (locale, parts, text) => {
      const payload = {
        groupName: "Бақыт",
        heldOn: "2025-12-20",
        cycleNumber: 1,
        shares: 10,
        payoutMinor: "550000",
        ...parts,
      };
      expect(renderNotification("share_out_receipt", locale, payload)).toBe(text);
    },
  );
});
