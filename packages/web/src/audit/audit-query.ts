/**
 * The audit log's filters as a query string, shared by the list (`/api/v1/audit-events`) and the CSV
 * export (`/api/v1/audit-events/export.csv`), so that the file holds exactly what the screen shows.
 */

/** Filters a person can set; empty text means "any". */
export interface AuditFilters {
  readonly action: string;
  readonly actorUserId: string;
  readonly recordType: string;
  readonly recordId: string;
  /** Plain dates `YYYY-MM-DD`, both inclusive. */
  readonly from: string;
  readonly to: string;
}

export const noAuditFilters: AuditFilters = {
  action: "",
  actorUserId: "",
  recordType: "",
  recordId: "",
  from: "",
  to: "",
};

/** `action=…&from=…` with only the filters that are set, plus the page's cursor and size when given. */
export function auditQuery(filters: AuditFilters, page: { before?: string; limit?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    const trimmed = value.trim();
    if (trimmed !== "") params.set(key, trimmed);
  }
  if (page.before !== undefined) params.set("before", page.before);
  if (page.limit !== undefined) params.set("limit", String(page.limit));
  return params.toString();
}
