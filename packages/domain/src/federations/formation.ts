/**
 * The stages of founding a federation — or of helping a partner NGO found its own — as the association teaches
 * them: mobilization, group formation, training, registration, first grading, first fund. Each stage has a
 * checklist; an item is done on a date with its evidence. A formation stands at the first stage with an item
 * still open; it is formed when every item of every stage is done.
 */
export const formationStages = [
  { stage: "mobilization", items: ["community_meeting_held", "leaders_identified"] },
  { stage: "group_formation", items: ["groups_formed", "bylaws_adopted"] },
  { stage: "training", items: ["bookkeeping_trained", "leaders_trained"] },
  { stage: "registration", items: ["charter_adopted", "registered"] },
  { stage: "first_grading", items: ["groups_graded"] },
  { stage: "first_fund", items: ["fund_capitalized", "first_loan_made"] },
] as const;

export type FormationStage = (typeof formationStages)[number]["stage"];
export type FormationItem = (typeof formationStages)[number]["items"][number];

export const formationItems: readonly FormationItem[] = formationStages.flatMap((s) => [...s.items]);

export function isFormationItem(value: string): value is FormationItem {
  return (formationItems as readonly string[]).includes(value);
}

export interface FormationProgress {
  /** The first stage with an item open; null when every item is done. */
  readonly currentStage: FormationStage | null;
  readonly stages: readonly {
    readonly stage: FormationStage;
    readonly done: number;
    readonly total: number;
    /** The day its last item was done, when all are. */
    readonly completedOn: string | null;
  }[];
}

export function formationProgress(done: ReadonlyMap<string, string>): FormationProgress {
  const stages = formationStages.map(({ stage, items }) => {
    const dates = items.map((item) => done.get(item)).filter((d): d is string => d !== undefined);
    return {
      stage,
      done: dates.length,
      total: items.length,
      completedOn: dates.length === items.length ? ([...dates].sort().at(-1) ?? null) : null,
    };
  });
  return { currentStage: stages.find((s) => s.done < s.total)?.stage ?? null, stages };
}
