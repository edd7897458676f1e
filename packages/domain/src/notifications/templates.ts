/**
 * Texts of notifications, in Kazakh and Russian (a member reads one of them on a simple phone, so they are
 * short and plain). Amounts are formatted here, from minor units, like every amount shown to a person.
 */
import type { Locale } from "../i18n/locale";
import { formatMoney } from "../money/money";

export const notificationTemplates = [
  "meeting_receipt",
  "loan_arrears_notice",
  "loan_receipt",
  "share_out_receipt",
] as const;
export type NotificationTemplate = (typeof notificationTemplates)[number];

export interface MeetingReceipt {
  readonly groupName: string;
  readonly heldOn: string;
  readonly paidMinor: string;
  readonly receivedMinor: string;
  readonly savingsMinor: string;
  readonly loanBalanceMinor: string;
}

/**
 * The notice of a delay a lender must send within 10 days of it (DOMAIN.md, Kazakhstan rules): how much is
 * overdue, since when, and that the borrower may ask within 30 days to change the terms.
 */
export interface LoanArrearsNotice {
  readonly lenderName: string;
  readonly loanNumber: number;
  readonly overdueMinor: string;
  /** The due date that was missed. */
  readonly sinceOn: string;
}

/** A receipt for a loan payment: what was paid, on which loan, and what remains of the principal. */
export interface LoanReceipt {
  readonly lenderName: string;
  readonly loanNumber: number;
  readonly paidOn: string;
  readonly paidMinor: string;
  readonly principalOutstandingMinor: string;
}

/**
 * A member's receipt of a savings group's share-out: her shares, what they are worth, what settled her loan,
 * the cash she took home, and the shares she carried into the next cycle.
 */
export interface ShareOutReceipt {
  readonly groupName: string;
  readonly heldOn: string;
  readonly cycleNumber: number;
  readonly shares: number;
  readonly payoutMinor: string;
  readonly loansDeductedMinor: string;
  readonly cashPaidMinor: string;
  readonly reinvestedShares: number;
  readonly reinvestedMinor: string;
}

export type NotificationPayload = MeetingReceipt | LoanArrearsNotice | LoanReceipt | ShareOutReceipt;

export function renderNotification(
  template: NotificationTemplate,
  locale: Locale,
  payload: NotificationPayload,
): string {
  const money = (minor: string) => formatMoney(BigInt(minor), "KZT", locale === "en" ? "en" : locale);
  switch (template) {
    case "share_out_receipt":
      return renderShareOutReceipt(payload as ShareOutReceipt, locale, money);
    case "loan_receipt": {
      const receipt = payload as LoanReceipt;
      if (locale === "kk") {
        return `${receipt.lenderName}: №${receipt.loanNumber} қарыз бойынша ${receipt.paidOn} ${money(receipt.paidMinor)} қабылданды. Негізгі борыш қалдығы: ${money(receipt.principalOutstandingMinor)}.`;
      }
      if (locale === "ru") {
        return `${receipt.lenderName}: по займу №${receipt.loanNumber} ${receipt.paidOn} принято ${money(receipt.paidMinor)}. Остаток основного долга: ${money(receipt.principalOutstandingMinor)}.`;
      }
      return `${receipt.lenderName}: ${money(receipt.paidMinor)} received on loan No. ${receipt.loanNumber} on ${receipt.paidOn}. Principal outstanding: ${money(receipt.principalOutstandingMinor)}.`;
    }
    case "loan_arrears_notice": {
      const notice = payload as LoanArrearsNotice;
      if (locale === "kk") {
        return `${notice.lenderName}: №${notice.loanNumber} қарыз бойынша ${notice.sinceOn} бастап ${money(notice.overdueMinor)} мерзімі өткен. Төлеңіз немесе 30 күн ішінде шарт талаптарын өзгертуді сұраңыз.`;
      }
      if (locale === "ru") {
        return `${notice.lenderName}: по займу №${notice.loanNumber} просрочено ${money(notice.overdueMinor)} с ${notice.sinceOn}. Оплатите или в течение 30 дней попросите изменить условия договора.`;
      }
      return `${notice.lenderName}: loan No. ${notice.loanNumber} is ${money(notice.overdueMinor)} overdue since ${notice.sinceOn}. Please pay, or ask within 30 days to change the terms.`;
    }
    case "meeting_receipt": {
      const receipt = payload as MeetingReceipt;
      const received = BigInt(receipt.receivedMinor) > 0n;
      if (locale === "kk") {
        return [
          `${receipt.groupName}, ${receipt.heldOn}.`,
          `Төледіңіз: ${money(receipt.paidMinor)}.`,
          ...(received ? [`Алдыңыз: ${money(receipt.receivedMinor)}.`] : []),
          `Жинағыңыз: ${money(receipt.savingsMinor)}. Қарыз қалдығы: ${money(receipt.loanBalanceMinor)}.`,
        ].join(" ");
      }
      if (locale === "ru") {
        return [
          `${receipt.groupName}, ${receipt.heldOn}.`,
          `Вы внесли: ${money(receipt.paidMinor)}.`,
          ...(received ? [`Вы получили: ${money(receipt.receivedMinor)}.`] : []),
          `Ваши сбережения: ${money(receipt.savingsMinor)}. Остаток займа: ${money(receipt.loanBalanceMinor)}.`,
        ].join(" ");
      }
      return [
        `${receipt.groupName}, ${receipt.heldOn}.`,
        `You paid: ${money(receipt.paidMinor)}.`,
        ...(received ? [`You received: ${money(receipt.receivedMinor)}.`] : []),
        `Your savings: ${money(receipt.savingsMinor)}. Loan balance: ${money(receipt.loanBalanceMinor)}.`,
      ].join(" ");
    }
  }
}

function renderShareOutReceipt(r: ShareOutReceipt, locale: Locale, money: (minor: string) => string): string {
  const deducted = BigInt(r.loansDeductedMinor) > 0n;
  const carried = r.reinvestedShares > 0;
  if (locale === "kk") {
    return [
      `${r.groupName}, ${r.heldOn}: ${r.cycleNumber}-цикл бөлісуі.`,
      `Үлестеріңіз: ${r.shares}. Тиесілі сома: ${money(r.payoutMinor)}.`,
      ...(deducted ? [`Қарызыңызға ұсталды: ${money(r.loansDeductedMinor)}.`] : []),
      `Қолыңызға берілді: ${money(r.cashPaidMinor)}.`,
      ...(carried
        ? [`Келесі циклге қалдырылды: ${r.reinvestedShares} үлес (${money(r.reinvestedMinor)}).`]
        : []),
    ].join(" ");
  }
  if (locale === "ru") {
    return [
      `${r.groupName}, ${r.heldOn}: раздел цикла ${r.cycleNumber}.`,
      `Ваши доли: ${r.shares}. Причитается: ${money(r.payoutMinor)}.`,
      ...(deducted ? [`Удержано в счёт займа: ${money(r.loansDeductedMinor)}.`] : []),
      `Выдано на руки: ${money(r.cashPaidMinor)}.`,
      ...(carried
        ? [`Оставлено на следующий цикл: ${r.reinvestedShares} дол. (${money(r.reinvestedMinor)}).`]
        : []),
    ].join(" ");
  }
  return [
    `${r.groupName}, ${r.heldOn}: share-out of cycle ${r.cycleNumber}.`,
    `Your shares: ${r.shares}. Your payout: ${money(r.payoutMinor)}.`,
    ...(deducted ? [`Deducted for your loan: ${money(r.loansDeductedMinor)}.`] : []),
    `Paid to you in cash: ${money(r.cashPaidMinor)}.`,
    ...(carried
      ? [`Carried into the next cycle: ${r.reinvestedShares} shares (${money(r.reinvestedMinor)}).`]
      : []),
  ].join(" ");
}
