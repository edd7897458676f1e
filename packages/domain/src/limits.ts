/**
 * Every bound in one place. Each loop over outside input and each query that returns a list is bounded
 * by one of these, so that no request can ask the server for unbounded work.
 */
export const limits = {
  /** Largest request body the HTTP server accepts, in bytes. */
  requestBodyMaxBytes: 1_048_576,
  /** Largest number of characters of a money amount typed or sent as text. */
  moneyTextMaxLength: 40,
  /** Largest absolute amount in minor units: fits a PostgreSQL bigint with room for sums. */
  amountMaxMinor: 10n ** 15n,
  /** Rows per page of any list. */
  pageSizeDefault: 50,
  pageSizeMax: 500,
  /** Members of one self-help group. */
  membersPerGroupMax: 60,
  /** Installments of one loan. */
  installmentsPerLoanMax: 1_200,
  /** Rows of one import file. */
  importRowsMax: 100_000,
  /** Largest import file (CSV or XLSX) sent as a request body, in bytes. */
  importFileMaxBytes: 10_485_760,
  /** Commands in one sync batch from the field. */
  syncCommandsPerBatchMax: 500,
  /** Seconds a request may take before the server answers 503. */
  requestTimeoutSeconds: 30,
  /** Seconds the server waits for requests in flight when it is asked to stop. */
  shutdownGraceSeconds: 10,
  /** Length of a free text field (a narration, a comment). */
  textMaxLength: 2_000,
  /** Length of a name (a person's, an organization's). */
  nameMaxLength: 200,
  /** A session ends after this long without a request. */
  sessionIdleMinutes: 120,
  /** A session ends this long after login, however busy. */
  sessionAbsoluteHours: 12,
  /** Failed logins for one account within the window before it is locked. */
  loginFailuresPerAccountMax: 5,
  /** Failed logins from one address within the window before it is blocked. */
  loginFailuresPerAddressMax: 30,
  /** The window of counted failures, and how long a lock lasts. */
  loginLockoutMinutes: 15,
  /** Longest life of an API token. */
  apiTokenDaysMax: 366,
  /** API tokens of one organization. */
  apiTokensPerOrganizationMax: 100,
  /** Role assignments of one user in one organization. */
  roleAssignmentsPerUserMax: 20,
  /** Rows of one audit export. */
  auditExportRowsMax: 100_000,
  /** Offices of one organization. */
  officesPerOrganizationMax: 2_000,
  /** Lines of one journal entry. */
  journalLinesPerEntryMax: 1_000,
  /** Entries in one bulk posting call. */
  journalEntriesPerBatchMax: 10_000,
  /** Accounts in one book. */
  accountsPerBookMax: 5_000,
  /** Books of one organization (its own and its groups'). */
  booksPerOrganizationMax: 100_000,
  /** Lines of one meeting (attendance, savings, loans… together). */
  meetingLinesMax: 1_000,
  /** Rows of one statement export. */
  statementRowsMax: 200_000,
  /** Internal loans of one group listed at once with their schedules (a group of 60 over many years). */
  internalLoansPerListMax: 5_000,
} as const;
