/** The typed shape of what the loan reports read instead of replaying loans (migration 0022, ADR 0020). */
import type { Json } from "./schema";

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

export interface LoanReportsSchema {
  loan_daily_flows: LoanDailyFlowsTable;
  loan_flow_snapshots: LoanFlowSnapshotsTable;
  loan_due_states: LoanDueStatesTable;
}
