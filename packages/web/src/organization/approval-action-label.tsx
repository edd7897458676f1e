import type { ApprovalAction } from "@moldir/contract";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** What an action that may need a second person is called (its code has dots, which i18next reads as paths). */
export function approvalActionText(action: ApprovalAction, t: TFunction): string {
  switch (action) {
    case "user.roles.change":
      return t("approvalActions.userRolesChange");
    case "journal.manual_entry":
      return t("approvalActions.journalManualEntry");
    case "period.reopen":
      return t("approvalActions.periodReopen");
    case "loan.disburse":
      return t("approvalActions.loanDisburse");
    case "loan.write_off":
      return t("approvalActions.loanWriteOff");
    case "transaction.reverse":
      return t("approvalActions.transactionReverse");
    case "product.rate_change":
      return t("approvalActions.productRateChange");
    case "person.merge":
      return t("approvalActions.personMerge");
    case "meeting.reverse":
      return t("approvalActions.meetingReverse");
    case "loan.event.reverse":
      return t("approvalActions.loanEventReverse");
    case "project.grant":
      return t("approvalActions.projectGrant");
    case "fund_loan.disburse":
      return t("approvalActions.fundLoanDisburse");
    default: {
      // The compiler checks that every action has a name; an action newer than this build shows its code.
      const newer: never = action;
      return String(newer);
    }
  }
}

export function ApprovalActionLabel({ action }: { readonly action: ApprovalAction }) {
  const { t } = useTranslation();
  return <>{approvalActionText(action, t)}</>;
}
