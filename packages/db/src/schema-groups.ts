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
}
