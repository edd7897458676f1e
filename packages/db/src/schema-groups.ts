/** The typed shape of the savings-group cycles and grading rubrics (migration 0012). */
import type { Instant, Json } from "./schema";

export interface GroupCyclesTable {
  org_id: string;
  group_id: string;
  number: number;
  started_on: string;
  ended_on: string | null;
  share_out_id: string | null;
  share_out: Json<unknown> | null;
}

export interface GradingRubricsTable {
  org_id: string;
  effective_from: string;
  rubric: Json<unknown>;
  created_by: string | null;
  created_at: Instant;
}

export interface GroupCyclesSchema {
  group_cycles: GroupCyclesTable;
  grading_rubrics: GradingRubricsTable;
  group_officers: GroupOfficersTable;
}

/** A group's officer (leader, bookkeeper, cashier) and her term (migration 0020). */
export interface GroupOfficersTable {
  org_id: string;
  id: string;
  group_id: string;
  member_id: string;
  role: "leader" | "bookkeeper" | "cashier";
  from_on: string;
  to_on: string | null;
  created_by: string | null;
  created_at: Instant;
}
