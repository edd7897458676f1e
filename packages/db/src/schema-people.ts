/** The typed shape of the people tables added by migration 0014: import jobs. */
import type { Generated, Json } from "./schema";

export interface PersonImportJobsTable {
  org_id: string;
  id: string;
  mode: "dry_run" | "commit";
  skip_invalid: boolean;
  format: "csv" | "xlsx";
  locale: "kk" | "ru" | "en";
  file: Buffer | null;
  file_digest: string;
  status: Generated<"queued" | "running" | "done" | "failed">;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  counts: Json<Record<string, number>> | null;
  problem_rows: Json<unknown[]> | null;
  created_count: Generated<number>;
  error: Json<{ code: string; details: Record<string, unknown> }> | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PeopleSchema {
  person_import_jobs: PersonImportJobsTable;
}
