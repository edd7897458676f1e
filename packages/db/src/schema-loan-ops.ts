/** The typed shape of the loan guarantee circles and term change requests (migration 0013). */
import type { Generated } from "./schema";
import type { LoanReportsSchema } from "./schema-loan-reports";

export interface LoanGuaranteesTable {
  org_id: string;
  id: string;
  loan_id: string;
  group_id: string;
  guarantor_person_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface LoanTermChangeRequestsTable {
  org_id: string;
  id: string;
  loan_id: string;
  received_on: string;
  delay_started_on: string;
  window_ends_on: string;
  answer_due_on: string;
  proposal: string;
  status: Generated<"pending" | "approved" | "refused">;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  reschedule_event_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface LoanOpsSchema extends LoanReportsSchema {
  loan_guarantees: LoanGuaranteesTable;
  loan_term_change_requests: LoanTermChangeRequestsTable;
}
