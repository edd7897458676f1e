/**
 * The typed shape of the database for Kysely. Each tenant table carries `org_id` and a primary key that
 * begins with it (docs/adr/0002-ids-and-keys.md), so every tenant's rows co-locate when sharded by
 * organization. Column types say what the drivers return: int8 → bigint, numeric → string, date → string.
 */
import type { ColumnType } from "kysely";
import type { GroupCyclesSchema } from "./schema-groups";
import type { LoanOpsSchema } from "./schema-loan-ops";
import type { PeopleSchema } from "./schema-people";
import type { ProjectsSchema } from "./schema-projects";

/** A column the database fills in on insert. */
export type Generated<T> = ColumnType<T, T | undefined, T>;
/** A timestamptz column: read as Date, written as Date or ISO text, defaulted by the database. */
export type Instant = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A jsonb column. */
export type Json<T = Record<string, unknown>> = ColumnType<T, string, string>;

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface RegionsTable {
  id: string;
  parent_id: string | null;
  level: "oblast" | "city" | "district" | "settlement";
  name_kk: string;
  name_ru: string;
  name_en: string;
}

export type OrganizationKind = "network" | "ngo" | "federation" | "mco";

export interface OrganizationsTable {
  org_id: string;
  kind: OrganizationKind;
  name_kk: string;
  name_ru: string;
  name_en: string;
  bin: string | null;
  region_id: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  currency: Generated<string>;
  time_zone: Generated<string>;
  require_two_factor_for_admins: Generated<boolean>;
  version: Generated<number>;
  created_at: Instant;
}

export interface NetworkMembershipsTable {
  org_id: string;
  network_org_id: string;
  joined_on: string;
  shares_aggregates: Generated<boolean>;
  /** Named data of members who consented to sharing with the network (migration 0015). */
  shares_named_data: Generated<boolean>;
}

export interface OfficesTable {
  org_id: string;
  id: string;
  parent_id: string | null;
  name_kk: string;
  name_ru: string;
  name_en: string;
  region_id: string | null;
  version: Generated<number>;
  created_at: Instant;
}

export interface UsersTable {
  id: string;
  email: string | null;
  phone: string | null;
  display_name: string;
  preferred_locale: Generated<"kk" | "ru" | "en">;
  is_disabled: Generated<boolean>;
  version: Generated<number>;
  created_at: Instant;
}

export interface UserCredentialsTable {
  user_id: string;
  password_hash: string;
  password_changed_at: Instant;
  totp_secret: string | null;
  totp_enabled_at: NullableInstant;
  locked_until: NullableInstant;
}

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  is_active: Generated<boolean>;
  created_at: Instant;
}

export interface RoleAssignmentsTable {
  org_id: string;
  id: string;
  user_id: string;
  role: string;
  scope_kind: "organization" | "office" | "federation" | "group";
  scope_id: string | null;
  created_at: Instant;
}

export interface SessionsTable {
  token_hash: Uint8Array;
  user_id: string;
  org_id: string | null;
  csrf_token: string;
  created_at: Instant;
  last_seen_at: Instant;
  expires_at: Instant;
  revoked_at: NullableInstant;
  is_second_factor_pending: Generated<boolean>;
}

export interface LoginAttemptsTable {
  at: Instant;
  login_hash: Uint8Array;
  address: string;
  succeeded: boolean;
}

export interface SecurityEventsTable {
  id: string;
  at: Instant;
  user_id: string | null;
  address: string | null;
  event: string;
  details: Json;
}

export interface ApiTokensTable {
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: Uint8Array;
  permissions: string[];
  expires_at: Instant;
  revoked_at: NullableInstant;
  last_used_at: NullableInstant;
  created_at: Instant;
}

export interface AuditEventsTable {
  org_id: string;
  id: string;
  at: Instant;
  actor_user_id: string | null;
  actor_address: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  summary: Json;
}

export interface ApprovalPoliciesTable {
  org_id: string;
  action: string;
  requires_approval: boolean;
}

export interface PendingActionsTable {
  org_id: string;
  id: string;
  action: string;
  payload: Json<unknown>;
  summary: Json;
  maker_user_id: string;
  made_at: Instant;
  status: Generated<"pending" | "approved" | "rejected">;
  checker_user_id: string | null;
  decided_at: NullableInstant;
  decision_comment: string | null;
  result: Json<unknown> | null;
}

export interface IdempotencyKeysTable {
  org_id: string;
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: Instant;
}

export type BookTemplateName = "mco" | "federation" | "shg" | "ngo";
export type AccountTypeName = "asset" | "liability" | "equity" | "income" | "expense";

export interface BooksTable {
  org_id: string;
  id: string;
  owner_kind: "organization" | "group" | "federation_node";
  group_id: string | null;
  /** The federation node that owns the book (owner_kind = 'federation_node'). */
  federation_node_id: Generated<string | null>;
  template: BookTemplateName;
  name_kk: string;
  name_ru: string;
  name_en: string;
  currency: Generated<string>;
  closed_through: string | null;
  version: Generated<number>;
  created_at: Instant;
}

export interface AccountsTable {
  org_id: string;
  id: string;
  book_id: string;
  parent_id: string | null;
  code: string;
  type: AccountTypeName;
  name_kk: string;
  name_ru: string;
  name_en: string;
  is_header: Generated<boolean>;
  purpose: string | null;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: Instant;
}

export interface JournalEntriesTable {
  org_id: string;
  id: string;
  book_id: string;
  seq: Generated<bigint>;
  value_date: string;
  posted_at: Instant;
  source_type: string;
  source_id: string | null;
  narration: string;
  reverses_entry_id: string | null;
  reversal_reason: string | null;
  total_minor: bigint;
  line_count: number;
  created_by: string | null;
}

export interface JournalLinesTable {
  org_id: string;
  entry_id: string;
  line_no: number;
  book_id: string;
  account_id: string;
  value_date: string;
  debit_minor: bigint;
  credit_minor: bigint;
  project_id: string | null;
  memo: string | null;
}

export interface AccountDailyTotalsTable {
  org_id: string;
  account_id: string;
  value_date: string;
  debit_minor: bigint;
  credit_minor: bigint;
}

export interface LedgerPeriodEventsTable {
  org_id: string;
  id: string;
  book_id: string;
  event: "close" | "reopen" | "year_end_close";
  closed_through_before: string | null;
  closed_through_after: string | null;
  entry_id: string | null;
  user_id: string | null;
  at: Instant;
}

export interface PersonsTable {
  org_id: string;
  id: string;
  surname: string;
  given_name: string;
  patronymic: string | null;
  name_key: string;
  sex: "female" | "male";
  birth_date: string | null;
  iin: string | null;
  phones: Generated<string[]>;
  address: string | null;
  region_id: string | null;
  documents: Json<unknown[]>;
  vulnerabilities: Generated<string[]>;
  income_band: string | null;
  dependants: number | null;
  languages: Generated<string[]>;
  merged_into_id: string | null;
  erased_at: NullableInstant;
  version: Generated<number>;
  created_at: Instant;
  /** The user who registered the person (migration 0014); null for records made before it. */
  created_by: Generated<string | null>;
}

export interface HouseholdsTable {
  org_id: string;
  id: string;
  name: string;
  address: string | null;
  region_id: string | null;
  version: Generated<number>;
  created_at: Instant;
}

export interface HouseholdMembersTable {
  org_id: string;
  household_id: string;
  person_id: string;
  relationship: string;
  joined_on: string | null;
  left_on: string | null;
}

export interface ConsentsTable {
  org_id: string;
  id: string;
  person_id: string;
  purpose: "membership" | "credit" | "project" | "photo" | "network_sharing";
  given_on: string;
  valid_until: string | null;
  withdrawn_on: string | null;
  allows_third_parties: boolean;
  allows_cross_border: boolean;
  document: string | null;
  recorded_by: string | null;
  created_at: Instant;
}

export interface PersonMergesTable {
  org_id: string;
  id: string;
  survivor_id: string;
  duplicate_id: string;
  survivor_before: Json;
  filled_fields: string[];
  moved: Json<Record<string, string[]>>;
  merged_at: Instant;
  unmerged_at: NullableInstant;
}

export interface GroupsTable {
  org_id: string;
  id: string;
  name: string;
  methodology: "shg" | "vsla";
  stage: Generated<"forming" | "active" | "mature" | "dormant" | "closed">;
  region_id: string | null;
  village: string | null;
  meeting_place: string | null;
  frequency: "weekly" | "fortnightly" | "monthly";
  meeting_day: number | null;
  facilitator_user_id: string | null;
  bank_account: string | null;
  office_id: string | null;
  book_id: string;
  formed_on: string;
  version: Generated<number>;
  created_at: Instant;
}

export interface GroupBylawsTable {
  org_id: string;
  group_id: string;
  effective_from: string;
  bylaws: Json;
  created_by: string | null;
  created_at: Instant;
}

export interface GroupMembersTable {
  org_id: string;
  id: string;
  group_id: string;
  person_id: string;
  joined_on: string;
  left_on: string | null;
}

export interface MeetingsTable {
  org_id: string;
  id: string;
  group_id: string;
  held_on: string;
  command_hash: string;
  command: Json<unknown>;
  entry_id: string | null;
  cash_computed_minor: bigint;
  cash_counted_minor: bigint;
  cash_difference_minor: bigint;
  cash_difference_explanation: string | null;
  decisions: string | null;
  minutes: string | null;
  recorded_by: string | null;
  recorded_at: Instant;
  reversed_at: NullableInstant;
  reversal_reason: string | null;
  reversal_entry_id: string | null;
  kind: Generated<"meeting" | "share_out" | "opening">;
}

export interface MeetingAttendanceTable {
  org_id: string;
  meeting_id: string;
  member_id: string;
  status: "present" | "represented" | "absent";
}

export interface GroupMovementsTable {
  org_id: string;
  meeting_id: string;
  line_no: number;
  group_id: string;
  member_id: string;
  held_on: string;
  kind: string;
  amount_minor: bigint;
  loan_id: string | null;
  shares: number | null;
}

export interface GroupLoansTable {
  org_id: string;
  id: string;
  group_id: string;
  member_id: string;
  meeting_id: string;
  principal_minor: bigint;
  term_months: number;
  rate_bps_per_month: number;
  disbursed_on: string;
  /** The group's meeting frequency when the loan was given: one installment per meeting (migration 0018). */
  repayment_frequency: "weekly" | "fortnightly" | "monthly";
}

export type LoanClientKind = "individual" | "joint_liability" | "shg";
export type LoanStatus = "applied" | "approved" | "rejected" | "active" | "closed" | "written_off";
export type LoanEventKind =
  | "disbursement"
  | "repayment"
  | "prepayment"
  | "waiver"
  | "reschedule"
  | "write_off"
  | "recovery"
  | "reversal";

export interface LoanProductsTable {
  org_id: string;
  id: string;
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  client_kind: LoanClientKind;
  loan_kind: "mfo_microloan" | "bank_loan" | "federation_loan" | "group_internal_loan";
  currency: string;
  active: Generated<boolean>;
  version: Generated<number>;
  settings: Json<unknown>;
  created_at: Generated<Date>;
  created_by: string;
}

export interface LoanProductVersionsTable {
  org_id: string;
  product_id: string;
  version: number;
  settings: Json<unknown>;
  created_at: Generated<Date>;
  created_by: string;
  approved_by: string | null;
}

export interface LendingRulesTable {
  org_id: string;
  effective_from: string;
  debt_burden_max_percent: number;
  arrears_bucket_starts: Generated<number[]>;
  created_at: Generated<Date>;
  created_by: string;
}

export interface LoansTable {
  org_id: string;
  id: string;
  number: number;
  product_id: string;
  product_version: number;
  client_kind: LoanClientKind;
  person_id: string | null;
  group_id: string | null;
  office_id: string | null;
  officer_user_id: string | null;
  book_id: string;
  status: Generated<LoanStatus>;
  principal_minor: bigint;
  installments: number;
  expected_disbursement_on: string;
  first_repayment_on: string | null;
  purpose: string;
  monthly_income_minor: bigint;
  monthly_expenses_minor: bigint;
  monthly_payment_minor: bigint;
  debt_burden_basis_points: number;
  terms: Json<unknown>;
  gesv_tenths: number;
  applied_by: string;
  applied_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  disbursed_on: string | null;
  closed_on: string | null;
  principal_outstanding_minor: Generated<bigint>;
  overdue_minor: Generated<bigint>;
  days_past_due: Generated<number>;
  state_as_of: string | null;
  arrears_bucket: Generated<number>;
  arrears_notified_since: string | null;
  cob_event_count: Generated<number | null>;
  recognized_penalty_minor: Generated<bigint>;
  posted_disbursed_minor: Generated<bigint>;
  posted_principal_repaid_minor: Generated<bigint>;
  posted_interest_paid_minor: Generated<bigint>;
  posted_fee_paid_minor: Generated<bigint>;
  posted_penalty_paid_minor: Generated<bigint>;
  posted_overpaid_minor: Generated<bigint>;
  posted_written_off_minor: Generated<bigint>;
  posted_recovered_minor: Generated<bigint>;
  version: Generated<number>;
}

export interface LoanEventsTable {
  org_id: string;
  id: string;
  loan_id: string;
  kind: LoanEventKind;
  value_date: string;
  amount_minor: bigint | null;
  details: Json<unknown>;
  reason: string | null;
  entry_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CobRunsTable {
  org_id: string;
  business_date: string;
  status: Generated<"running" | "done">;
  chunk_count: Generated<number>;
  chunks_done: Generated<number>;
  loans_processed: Generated<number>;
  entries_posted: Generated<number>;
  requested_by: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

export interface CobChunksTable {
  org_id: string;
  business_date: string;
  chunk_no: number;
  first_number: number;
  last_number: number;
  status: Generated<"pending" | "done">;
  loans: Generated<number>;
  done_at: Date | null;
}

export interface ParSnapshotsTable {
  org_id: string;
  business_date: string;
  office_id: string | null;
  officer_user_id: string | null;
  product_id: string;
  arrears_bucket: number;
  loans: number;
  principal_outstanding_minor: bigint;
  overdue_minor: bigint;
}

export interface NotificationsTable {
  org_id: string;
  id: string;
  channel: "sms";
  recipient: string;
  locale: "kk" | "ru" | "en";
  template: string;
  payload: Json;
  person_id: string | null;
  source_type: string;
  source_id: string | null;
  status: Generated<"pending" | "sent" | "failed">;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Instant;
  sent_at: NullableInstant;
}

/** A node of a federation's tiers (village organization → cluster → regional federation). */
export interface FederationNodesTable {
  org_id: string;
  id: string;
  parent_id: string | null;
  level: "village" | "cluster" | "regional";
  name: string;
  region_id: string | null;
  formed_on: string;
  book_id: string;
  version: Generated<number>;
  created_at: Instant;
}

export interface FederationNodeGroupsTable {
  org_id: string;
  id: string;
  node_id: string;
  group_id: string;
  joined_on: string;
  left_on: string | null;
}

export interface FederationOfficeBearersTable {
  org_id: string;
  id: string;
  node_id: string;
  person_id: string;
  role: "president" | "secretary" | "treasurer" | "member";
  from_on: string;
  until_on: string | null;
}

export interface FederationFundRulesTable {
  org_id: string;
  node_id: string;
  fund: "cif" | "rf";
  effective_from: string;
  rules: Json;
  created_by: string | null;
  created_at: Instant;
}

export interface FundApplicationsTable {
  org_id: string;
  id: string;
  node_id: string;
  group_id: string;
  fund: "cif" | "rf";
  applied_on: string;
  amount_minor: bigint;
  term_months: number;
  rate_bps_per_month: number;
  plan: Json<unknown>;
  eligibility: Json;
  status: Generated<"submitted" | "approved" | "refused" | "disbursed">;
  appraisal: string | null;
  decided_by: string | null;
  decided_at: NullableInstant;
  created_by: string | null;
  created_at: Instant;
  version: Generated<number>;
}

export interface FundLoansTable {
  org_id: string;
  id: string;
  application_id: string;
  node_id: string;
  group_id: string;
  fund: "cif" | "rf";
  principal_minor: bigint;
  term_months: number;
  rate_bps_per_month: number;
  disbursed_on: string;
  node_entry_id: string;
  group_entry_id: string;
  created_at: Instant;
}

export interface FundRepaymentsTable {
  org_id: string;
  id: string;
  loan_id: string;
  paid_on: string;
  principal_minor: bigint;
  interest_minor: bigint;
  node_entry_id: string;
  group_entry_id: string;
  created_by: string | null;
  created_at: Instant;
  /** The group meeting that paid it (migration 0016); null when recorded on its own. */
  meeting_id: Generated<string | null>;
}

export interface FederationFeesTable {
  org_id: string;
  id: string;
  node_id: string;
  group_id: string;
  period: string;
  paid_on: string;
  amount_minor: bigint;
  node_entry_id: string;
  group_entry_id: string;
  created_by: string | null;
  created_at: Instant;
}

export interface FederationGradeReviewsTable {
  org_id: string;
  id: string;
  node_id: string;
  group_id: string;
  as_of: string;
  computed_grade: "A" | "B" | "C";
  computed_rating: string;
  agreed_grade: "A" | "B" | "C";
  observations: string | null;
  signed_off_by: string;
  signed_off_at: Instant;
}

/** A partner listed by a network organization (its own record: contacts, region, agreement). */
export interface NetworkPartnersTable {
  org_id: string;
  id: string;
  partner_org_id: string | null;
  name: string;
  kind: "ngo" | "federation";
  region_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  agreement_from: string | null;
  agreement_until: string | null;
  version: Generated<number>;
  created_at: Instant;
}

/** A federation being founded (by the organization, or by a partner NGO it helps), stage by stage. */
export interface FederationFormationsTable {
  org_id: string;
  id: string;
  name: string;
  partner_name: string | null;
  region_id: string | null;
  node_id: string | null;
  started_on: string;
  created_at: Instant;
}

export interface FederationFormationItemsTable {
  org_id: string;
  formation_id: string;
  item: string;
  done_on: string;
  evidence: string;
  recorded_by: string | null;
  recorded_at: Instant;
}

export interface Schema extends ProjectsSchema, LoanOpsSchema, GroupCyclesSchema, PeopleSchema {
  moldir_migrations: MigrationsTable;
  regions: RegionsTable;
  organizations: OrganizationsTable;
  network_memberships: NetworkMembershipsTable;
  offices: OfficesTable;
  users: UsersTable;
  user_credentials: UserCredentialsTable;
  memberships: MembershipsTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  security_events: SecurityEventsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  approval_policies: ApprovalPoliciesTable;
  pending_actions: PendingActionsTable;
  idempotency_keys: IdempotencyKeysTable;
  books: BooksTable;
  accounts: AccountsTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  account_daily_totals: AccountDailyTotalsTable;
  ledger_period_events: LedgerPeriodEventsTable;
  persons: PersonsTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  consents: ConsentsTable;
  person_merges: PersonMergesTable;
  groups: GroupsTable;
  group_bylaws: GroupBylawsTable;
  group_members: GroupMembersTable;
  meetings: MeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  group_movements: GroupMovementsTable;
  group_loans: GroupLoansTable;
  /** Views: the lines and loans of meetings not reversed. */
  live_group_movements: GroupMovementsTable;
  live_group_loans: GroupLoansTable;
  notifications: NotificationsTable;
  loan_products: LoanProductsTable;
  loan_product_versions: LoanProductVersionsTable;
  lending_rules: LendingRulesTable;
  loans: LoansTable;
  loan_events: LoanEventsTable;
  cob_runs: CobRunsTable;
  cob_chunks: CobChunksTable;
  par_snapshots: ParSnapshotsTable;
  federation_nodes: FederationNodesTable;
  federation_node_groups: FederationNodeGroupsTable;
  federation_office_bearers: FederationOfficeBearersTable;
  federation_fund_rules: FederationFundRulesTable;
  fund_applications: FundApplicationsTable;
  fund_loans: FundLoansTable;
  fund_repayments: FundRepaymentsTable;
  federation_fees: FederationFeesTable;
  federation_grade_reviews: FederationGradeReviewsTable;
  network_partners: NetworkPartnersTable;
  federation_formations: FederationFormationsTable;
  federation_formation_items: FederationFormationItemsTable;
}
