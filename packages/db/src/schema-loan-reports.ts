/**
 * The typed shape of what the loan reports and close of business read instead of replaying loans or reading
 * the wide loan rows (migrations 0022–0024, ADRs 0020, 0023 and 0024).
 */
import type { Generated, Json } from "./schema";

/** Money paid out and principal repaid on a value date, as deltas (several rows a day until merged). */
export interface LoanDailyFlowsTable {
  org_id: string;
  value_date: string;
  disbursed_minor: bigint;
  principal_repaid_minor: bigint;
}

/** The flows to a business date, kept when its close of business finished. */
export interface LoanFlowSnapshotsTable {
  org_id: string;
  business_date: string;
  disbursed_minor: bigint;
  principal_repaid_minor: bigint;
}

/** One installment in `loan_due_states.installments`: due date, scheduled and open minor units, final. */
export type StoredDueInstallment = [
  dueOn: string,
  scheduledMinor: string,
  openMinor: string,
  isFinal: boolean,
];

/** A loan's installments due on or after `as_of`, as the replay of its last event left them. */
export interface LoanDueStatesTable {
  org_id: string;
  loan_id: string;
  loan_version: number;
  as_of: string;
  installments: Json<StoredDueInstallment[]>;
}

/**
 * What close of business changes every day for a running loan, apart from the wide loan row (migration 0023,
 * ADR 0023): the interest recognized, the last business date closed, and the interest to recognize on the
 * replayed date and each quiet day after it (`quiet_interest[1]` is `quiet_from`).
 */
export interface LoanAccrualsTable {
  org_id: string;
  loan_id: string;
  number: number;
  book_id: string;
  product_id: string;
  recognized_interest_minor: Generated<bigint>;
  cob_date: string | null;
  quiet_from: string | null;
  quiet_interest: string[] | null;
}

/**
 * A running loan's position for the live portfolio report (migration 0024, ADR 0024): a copy of the loan's
 * columns that report reads, kept by a trigger on `loans`; only the trigger writes it.
 */
export interface LoanPositionsTable {
  org_id: string;
  loan_id: string;
  office_id: string | null;
  officer_user_id: string | null;
  product_id: string;
  principal_outstanding_minor: bigint;
  overdue_minor: bigint;
  days_past_due: number;
}

export interface LoanReportsSchema {
  loan_accruals: LoanAccrualsTable;
  loan_daily_flows: LoanDailyFlowsTable;
  loan_flow_snapshots: LoanFlowSnapshotsTable;
  loan_due_states: LoanDueStatesTable;
  loan_positions: LoanPositionsTable;
}
