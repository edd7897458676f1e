/** Messages of the loan engine's error codes (calculator, replay, caps) in Kazakh, Russian and English. */
import type { CatalogueEntry } from "./errors";

export const loanErrorCodes = [] as const;
export type LoanErrorCode = (typeof loanErrorCodes)[number];

export const loanErrorCatalogue = {} as const satisfies Record<LoanErrorCode, CatalogueEntry>;
