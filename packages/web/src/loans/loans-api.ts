/**
 * What the loan screens share: the server's types and paths, the app's paths, and the reading of amounts
 * and percents typed in the language shown (`150 000,50` in Russian, `150,000.50` in English). Amounts stay
 * decimal strings of minor units (tiyn) until they are shown or sent.
 */
import type {
  LoanDetail,
  LoanGuarantees,
  LoanProduct,
  LoanProductSettingsJson,
  LoanSummary,
  TermChangeRequest,
} from "@moldir/contract";
import { type CurrencyCode, type Locale, parseMoney } from "@moldir/domain";
import { useApiResource } from "../api/use-api";

export type {
  LoanDetail,
  LoanGuarantees,
  LoanProduct,
  LoanProductSettingsJson,
  LoanSummary,
  TermChangeRequest,
};
export type LoanStatus = LoanSummary["status"];
export type ScheduleRow = LoanDetail["schedule"][number];
export type LoanEvent = LoanDetail["events"][number];

/** The statuses a list can be filtered by, in the order of a loan's life. */
export const loanStatusTabs = ["applied", "approved", "active", "closed", "rejected", "written_off"] as const;

/** The micro-credit organizations Moldir serves lend in tenge; the loans' answers carry no currency. */
export const loanCurrency: CurrencyCode = "KZT";

/** Rows asked for per page of the loans list. */
export const loansPageSize = 25;

/** The schedule, GESV and debt burden of an application, as `POST /api/v1/loans/preview` answers. */
export interface LoanPreview {
  readonly gesvPercent: string;
  readonly monthlyPaymentMinor: string;
  readonly debtBurdenPercent: string;
  readonly debtBurdenMaxPercent: number;
  readonly schedule: readonly {
    readonly number: number;
    readonly dueOn: string;
    readonly principalMinor: string;
    readonly interestMinor: string;
    readonly feeMinor: string;
    readonly totalDueMinor: string;
  }[];
  readonly totals: {
    readonly principalMinor: string;
    readonly interestMinor: string;
    readonly feeMinor: string;
    readonly totalDueMinor: string;
  };
}

export interface PayoffQuote {
  readonly on: string;
  readonly dueMinor: string;
  readonly currentInterestMinor: string;
  readonly futurePrincipalMinor: string;
  readonly totalMinor: string;
}

export interface LendingRules {
  readonly effectiveFrom: string;
  readonly debtBurdenMaxPercent: number;
}

/** Server paths. */
export const loanApi = {
  loans: "/api/v1/loans",
  list: (query: { status?: string; q?: string; after?: string; limit?: number }) => {
    const params = new URLSearchParams();
    if (query.status !== undefined) params.set("status", query.status);
    if (query.q !== undefined && query.q.trim() !== "") params.set("q", query.q.trim());
    if (query.after !== undefined) params.set("after", query.after);
    params.set("limit", String(query.limit ?? loansPageSize));
    return `/api/v1/loans?${params.toString()}`;
  },
  loan: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}`,
  preview: "/api/v1/loans/preview",
  decision: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/decision`,
  disbursements: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/disbursements`,
  repayments: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/repayments`,
  payoff: (loanId: string, on: string) =>
    `/api/v1/loans/${encodeURIComponent(loanId)}/payoff?on=${encodeURIComponent(on)}`,
  reversal: (loanId: string, eventId: string) =>
    `/api/v1/loans/${encodeURIComponent(loanId)}/events/${encodeURIComponent(eventId)}/reversal`,
  products: "/api/v1/loan-products",
  product: (productId: string) => `/api/v1/loan-products/${encodeURIComponent(productId)}`,
  productSettings: (productId: string) => `/api/v1/loan-products/${encodeURIComponent(productId)}/settings`,
  lendingRules: "/api/v1/lending-rules",
  closeOfBusiness: "/api/v1/close-of-business",
  portfolio: (groupBy: string) => `/api/v1/loan-reports/portfolio?groupBy=${encodeURIComponent(groupBy)}`,
  portfolioExport: (groupBy: string, format: string, locale: string) =>
    `/api/v1/loan-reports/portfolio/export?groupBy=${encodeURIComponent(groupBy)}&format=${format}&locale=${locale}`,
  arrearsExport: (format: string, locale: string) =>
    `/api/v1/loan-reports/arrears/export?format=${format}&locale=${locale}`,
  personSearch: "/api/v1/persons/search",
  groups: "/api/v1/groups",
  arrears: "/api/v1/loan-reports/arrears",
  collections: (days: number) => `/api/v1/loan-reports/collections?days=${days}`,
  officerDashboard: "/api/v1/loan-reports/officer-dashboard",
  writeOff: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/write-off`,
  recoveries: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/recoveries`,
  reschedule: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/reschedule`,
  collectionSheet: "/api/v1/loans/collection-sheet",
  collectionSheetOf: (groupId: string, on: string) =>
    `/api/v1/loans/collection-sheet?groupId=${encodeURIComponent(groupId)}&on=${encodeURIComponent(on)}`,
  creditHistory: (personId: string) => `/api/v1/persons/${encodeURIComponent(personId)}/credit-history`,
  group: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}`,
  guarantees: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/guarantees`,
  guarantee: (loanId: string, guaranteeId: string) =>
    `/api/v1/loans/${encodeURIComponent(loanId)}/guarantees/${encodeURIComponent(guaranteeId)}`,
  termRequests: (loanId: string) => `/api/v1/loans/${encodeURIComponent(loanId)}/term-change-requests`,
  termDecision: (loanId: string, requestId: string) =>
    `/api/v1/loans/${encodeURIComponent(loanId)}/term-change-requests/${encodeURIComponent(requestId)}/decision`,
} as const;

/** App paths of the loan screens, in one place so links and routes agree. */
export const loanPaths = {
  loans: "/loans",
  apply: "/loans/new",
  loan: (loanId: string) => `/loans/${loanId}`,
  products: "/loans/products",
  newProduct: "/loans/products/new",
  product: (productId: string) => `/loans/products/${productId}`,
  rules: "/loans/rules",
  portfolio: "/loans/portfolio",
  arrears: "/loans/arrears",
  collectionSheet: "/loans/collection-sheet",
  dashboard: "/loans/dashboard",
} as const;

/** A loan in arrears, as the arrears list and the officer's dashboard answer. */
export interface ArrearsItem {
  readonly loanId: string;
  readonly number: number;
  readonly borrowerName: string;
  readonly phone: string | null;
  readonly address: string | null;
  readonly productCode: string;
  readonly officerName: string | null;
  readonly daysPastDue: number;
  readonly overdueMinor: string;
  readonly outstandingMinor: string;
  readonly arrearsBucket: number;
}

export interface ArrearsReport {
  /** The first day past due of each arrears bucket (configured in the lending rules). */
  readonly bucketStarts: readonly number[];
  readonly items: readonly ArrearsItem[];
}

export interface CollectionsDay {
  readonly date: string;
  readonly loans: number;
  readonly dueMinor: string;
}

export interface CollectionSheetRow {
  readonly loanId: string;
  readonly number: number;
  readonly borrowerName: string;
  readonly dueMinor: string;
  readonly payoffMinor: string;
  readonly principalOutstandingMinor: string;
  readonly daysPastDue: number;
}

export interface CreditHistory {
  readonly loans: readonly {
    readonly loanId: string;
    readonly number: number;
    readonly status: LoanStatus;
    readonly principalMinor: string;
    readonly principalOutstandingMinor: string;
    readonly disbursedOn: string | null;
    readonly closedOn: string | null;
    readonly daysPastDueNow: number;
  }[];
  readonly groups: readonly {
    readonly groupId: string;
    readonly name: string;
    readonly grade: string | null;
  }[];
}

export interface OfficerDashboard {
  /** Whose dashboard this is. */
  readonly officerId: string;
  /** The officers a manager may pick from (only herself for an officer). */
  readonly officers: readonly { readonly id: string; readonly name: string }[];
  readonly asOf: string;
  readonly parDays: readonly number[];
  readonly loans: number;
  readonly outstandingMinor: string;
  readonly overdueMinor: string;
  readonly atRiskMinor: readonly string[];
  readonly parTrend: readonly {
    readonly businessDate: string;
    readonly outstandingMinor: string;
    readonly atRiskMinor: readonly string[];
  }[];
  readonly today: {
    readonly loansDue: number;
    readonly scheduledMinor: string;
    readonly collectedMinor: string;
    readonly openMinor: string;
  };
  readonly arrears: readonly ArrearsItem[];
}

/** The days past due an arrears bucket covers (`31–60`, or `91+` for the last), from the buckets' first days. */
export function bucketRange(bucketStarts: readonly number[], bucket: number): string {
  const start = bucketStarts[bucket - 1] ?? 1;
  const next = bucketStarts[bucket];
  return next === undefined ? `${start}+` : `${start}–${next - 1}`;
}

/** Close of business as `GET /api/v1/close-of-business` answers. */
export interface CloseOfBusinessOverview {
  readonly lastClosed: string | null;
  readonly runningHere: boolean;
  readonly runs: readonly {
    readonly businessDate: string;
    readonly status: "running" | "done";
    readonly chunkCount: number;
    readonly chunksDone: number;
    readonly loansProcessed: number;
    readonly entriesPosted: number;
  }[];
}

export interface PortfolioRow {
  readonly key: string | null;
  readonly name: string;
  readonly loans: number;
  readonly outstandingMinor: string;
  readonly overdueMinor: string;
  readonly atRiskMinor: readonly string[];
}

export interface PortfolioReport {
  readonly asOf: string;
  readonly source: "snapshot" | "live";
  readonly parDays: readonly number[];
  readonly rows: readonly PortfolioRow[];
  readonly total: PortfolioRow;
  readonly disbursedMinor: string;
  readonly repaidMinor: string;
}

/** PAR as a share of the outstanding principal, in percent with one decimal. */
export function parPercent(atRiskMinor: string, outstandingMinor: string): string {
  const outstanding = BigInt(outstandingMinor);
  if (outstanding === 0n) return "0.0";
  const tenths = (BigInt(atRiskMinor) * 1000n) / outstanding;
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** A loan as of a date (null: today in the organization). */
export function useLoan(loanId: string, asOf: string | null = null) {
  const query = asOf === null ? "" : `?asOf=${encodeURIComponent(asOf)}`;
  return useApiResource<LoanDetail>(`${loanApi.loan(loanId)}${query}`);
}

export function useLoanProducts() {
  return useApiResource<{ items: LoanProduct[] }>(loanApi.products);
}

/** Tenge typed in the language shown → tiyn as the wire's decimal string; null when it is not an amount. */
export function readTenge(text: string, locale: Locale): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const parsed = parseMoney(trimmed, loanCurrency, locale);
  return parsed.ok ? parsed.value.toString() : null;
}

/** Tiyn (the wire's decimal string) → tenge as a person types it in the language shown: `1500,50`. */
export function tengeText(minor: string, locale: Locale): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const whole = (absolute / 100n).toString();
  const cents = (absolute % 100n).toString().padStart(2, "0");
  const separator = locale === "en" ? "." : ",";
  return `${negative ? "-" : ""}${whole}${cents === "00" ? "" : `${separator}${cents}`}`;
}

/** A percent typed with a comma or a dot (`2,5`) → the wire's `2.5`; null when it is not one. */
export function readPercent(text: string): string | null {
  const normalized = text.trim().replace(/\s*%$/, "").replace(",", ".");
  return /^\d{1,3}(\.\d{1,6})?$/.test(normalized) ? normalized : null;
}

/** A whole number typed in a field, or null. */
export function readWhole(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

/** A product's name in the language shown. */
export function productName(product: Pick<LoanProduct, "names" | "code">, locale: Locale): string {
  return product.names[locale] || product.code;
}

/** Colours of a loan's status, the same in the list and on the loan. */
export function statusColor(status: LoanStatus, daysPastDue = 0): string {
  switch (status) {
    case "applied":
      return "blue";
    case "approved":
      return "cyan";
    case "active":
      return daysPastDue > 0 ? "red" : "green";
    case "closed":
      return "gray";
    case "rejected":
      return "orange";
    case "written_off":
      return "dark";
  }
}
