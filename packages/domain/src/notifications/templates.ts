/**
 * Texts of notifications, in Kazakh and Russian (a member reads one of them on a simple phone, so they are
 * short and plain). Amounts are formatted here, from minor units, like every amount shown to a person.
 */
import type { Locale } from "../i18n/locale";
import { formatMoney } from "../money/money";

export const notificationTemplates = ["meeting_receipt"] as const;
export type NotificationTemplate = (typeof notificationTemplates)[number];

export interface MeetingReceipt {
  readonly groupName: string;
  readonly heldOn: string;
  readonly paidMinor: string;
  readonly receivedMinor: string;
  readonly savingsMinor: string;
  readonly loanBalanceMinor: string;
}

export function renderNotification(
  template: NotificationTemplate,
  locale: Locale,
  payload: MeetingReceipt,
): string {
  const money = (minor: string) => formatMoney(BigInt(minor), "KZT", locale === "en" ? "en" : locale);
  switch (template) {
    case "meeting_receipt": {
      const received = BigInt(payload.receivedMinor) > 0n;
      if (locale === "kk") {
        return [
          `${payload.groupName}, ${payload.heldOn}.`,
          `Төледіңіз: ${money(payload.paidMinor)}.`,
          ...(received ? [`Алдыңыз: ${money(payload.receivedMinor)}.`] : []),
          `Жинағыңыз: ${money(payload.savingsMinor)}. Қарыз қалдығы: ${money(payload.loanBalanceMinor)}.`,
        ].join(" ");
      }
      if (locale === "ru") {
        return [
          `${payload.groupName}, ${payload.heldOn}.`,
          `Вы внесли: ${money(payload.paidMinor)}.`,
          ...(received ? [`Вы получили: ${money(payload.receivedMinor)}.`] : []),
          `Ваши сбережения: ${money(payload.savingsMinor)}. Остаток займа: ${money(payload.loanBalanceMinor)}.`,
        ].join(" ");
      }
      return [
        `${payload.groupName}, ${payload.heldOn}.`,
        `You paid: ${money(payload.paidMinor)}.`,
        ...(received ? [`You received: ${money(payload.receivedMinor)}.`] : []),
        `Your savings: ${money(payload.savingsMinor)}. Loan balance: ${money(payload.loanBalanceMinor)}.`,
      ].join(" ");
    }
  }
}
