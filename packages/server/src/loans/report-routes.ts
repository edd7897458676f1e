/**
 * HTTP routes of the portfolio reports, each as JSON and as a CSV, XLSX or PDF file in kk, ru or en, and the
 * credit bureau file.
 */
import { localeSchema, plainDateSchema, uuidSchema } from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { type CurrencyCode, formatTenthsOfPercent, type Locale, plainDate } from "@moldir/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { formulaSafe } from "../exports/csv";
import { plainDecimal } from "../exports/money-cells";
import { renderExport, sendExport } from "../exports/render";
import { type ExportRow, type ExportTable, exportFormats } from "../exports/table";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import {
  type ArrearsRow,
  arrearsList,
  bucketStarts,
  creditBureauRecords,
  expectedCollections,
  loanOfficersOf,
  officerDashboard,
  type PortfolioReport,
  portfolioGroupings,
  portfolioReport,
} from "./reports";

const tags = ["loan reports"];

const words = {
  portfolio: { kk: "Қарыз портфелі және PAR", ru: "Кредитный портфель и PAR", en: "Loan portfolio and PAR" },
  arrears: { kk: "Мерзімі өткен қарыздар", ru: "Просроченные займы", en: "Loans in arrears" },
  office: { kk: "Филиал", ru: "Филиал", en: "Office" },
  officer: { kk: "Кредит маманы", ru: "Кредитный специалист", en: "Loan officer" },
  product: { kk: "Өнім", ru: "Продукт", en: "Product" },
  loans: { kk: "Қарыздар саны", ru: "Число займов", en: "Loans" },
  outstanding: { kk: "Негізгі борыш қалдығы", ru: "Остаток основного долга", en: "Outstanding principal" },
  overdue: { kk: "Мерзімі өткен сома", ru: "Просроченная сумма", en: "Overdue" },
  number: { kk: "Шарт №", ru: "Договор №", en: "Contract" },
  borrower: { kk: "Қарыз алушы", ru: "Заёмщик", en: "Borrower" },
  phone: { kk: "Телефон", ru: "Телефон", en: "Phone" },
  address: { kk: "Мекенжай", ru: "Адрес", en: "Address" },
  days: { kk: "Мерзімі өткен күндер", ru: "Дней просрочки", en: "Days past due" },
  total: { kk: "Барлығы", ru: "Итого", en: "Total" },
} as const;

type Word = keyof typeof words;
const word = (key: Word, locale: Locale) => words[key][locale];

const portfolioRowSchema = z.object({
  key: z.string().nullable(),
  name: z.string(),
  loans: z.number().int(),
  outstandingMinor: z.string(),
  overdueMinor: z.string(),
  atRiskMinor: z.array(z.string()),
});

function portfolioJson(report: PortfolioReport) {
  const row = (r: PortfolioReport["total"]) => ({
    key: r.key,
    name: r.name,
    loans: r.loans,
    outstandingMinor: r.outstandingMinor.toString(),
    overdueMinor: r.overdueMinor.toString(),
    atRiskMinor: r.atRiskMinor.map((v) => v.toString()),
  });
  return {
    asOf: report.asOf,
    source: report.source,
    parDays: [...report.parDays],
    rows: report.rows.map(row),
    total: row(report.total),
    disbursedMinor: report.disbursedMinor.toString(),
    repaidMinor: report.repaidMinor.toString(),
  };
}

async function exportHeader(trx: Tx, request: FastifyRequest, report: string, asOf: string) {
  const actor = memberOf(request);
  const org = await trx
    .selectFrom("organizations")
    .select(["name_ru", "currency", "time_zone"])
    .where("org_id", "=", actor.orgId)
    .executeTakeFirstOrThrow();
  const user = await trx
    .selectFrom("users")
    .select("display_name")
    .where("id", "=", actor.userId)
    .executeTakeFirst();
  return {
    currency: org.currency as CurrencyCode,
    header: {
      organization: org.name_ru,
      book: report,
      period: { kind: "as_of" as const, asOf: plainDate(asOf) },
      generatedAt: new Date(),
      generatedBy: user?.display_name ?? "",
      timeZone: org.time_zone,
    },
  };
}

function arrearsJson(r: ArrearsRow) {
  return { ...r, overdueMinor: r.overdueMinor.toString(), outstandingMinor: r.outstandingMinor.toString() };
}

function portfolioTable(
  report: PortfolioReport,
  groupBy: (typeof portfolioGroupings)[number],
  locale: Locale,
  context: Awaited<ReturnType<typeof exportHeader>>,
): ExportTable {
  const riskCells = (r: PortfolioReport["total"]) => r.atRiskMinor.map((v) => v);
  const line = (r: PortfolioReport["total"], name: string): ExportRow => ({
    cells: [name, String(r.loans), r.outstandingMinor, r.overdueMinor, ...riskCells(r)],
  });
  return {
    locale,
    title: word("portfolio", locale),
    currency: context.currency,
    header: context.header,
    columns: [
      { title: word(groupBy, locale), kind: "text" },
      { title: word("loans", locale), kind: "text" },
      { title: word("outstanding", locale), kind: "money" },
      { title: word("overdue", locale), kind: "money" },
      ...report.parDays.map((days) => ({ title: `PAR${days}`, kind: "money" as const })),
    ],
    rows: report.rows.map((r) => line(r, r.name)),
    totals: [{ ...line(report.total, word("total", locale)), isEmphasized: true }],
  };
}

function arrearsTable(
  rows: readonly ArrearsRow[],
  locale: Locale,
  context: Awaited<ReturnType<typeof exportHeader>>,
) {
  return {
    locale,
    title: word("arrears", locale),
    currency: context.currency,
    header: context.header,
    columns: [
      { title: word("number", locale), kind: "text" as const },
      { title: word("borrower", locale), kind: "text" as const },
      { title: word("phone", locale), kind: "text" as const },
      { title: word("address", locale), kind: "text" as const },
      { title: word("product", locale), kind: "text" as const },
      { title: word("officer", locale), kind: "text" as const },
      { title: word("days", locale), kind: "text" as const },
      { title: word("overdue", locale), kind: "money" as const },
      { title: word("outstanding", locale), kind: "money" as const },
    ],
    rows: rows.map((r) => ({
      cells: [
        String(r.number),
        r.borrowerName,
        r.phone,
        r.address,
        r.productCode,
        r.officerName,
        String(r.daysPastDue),
        r.overdueMinor,
        r.outstandingMinor,
      ],
    })),
    totals: [
      {
        cells: [
          word("total", locale),
          String(rows.length),
          null,
          null,
          null,
          null,
          null,
          rows.reduce((s, r) => s + r.overdueMinor, 0n),
          rows.reduce((s, r) => s + r.outstandingMinor, 0n),
        ],
        isEmphasized: true,
      },
    ],
  } satisfies ExportTable;
}

export async function loanReportRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "reports.read" } } as const;
  const portfolioQuery = z.object({
    asOf: z.string().max(10).optional(),
    groupBy: z.enum(portfolioGroupings).default("office"),
  });
  const exportQuery = z.object({ format: z.enum(exportFormats), locale: localeSchema.optional() });

  const loadPortfolio = (request: FastifyRequest, query: z.infer<typeof portfolioQuery>) =>
    inTenant(database, request, async (trx) => {
      const orgId = memberOf(request).orgId;
      const today = await todayOf(trx, orgId);
      const asOf = query.asOf === undefined ? today : dateOrRefuse(query.asOf, "asOf");
      return { trx, report: await portfolioReport(trx, orgId, asOf, today, query.groupBy) };
    });

  routes.get(
    "/api/v1/loan-reports/portfolio",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Portfolio and PAR by office, loan officer or product, as of a closed business date or today",
        querystring: portfolioQuery,
        response: {
          200: z.object({
            asOf: plainDateSchema,
            source: z.enum(["snapshot", "live"]),
            parDays: z.array(z.number().int()),
            rows: z.array(portfolioRowSchema),
            total: portfolioRowSchema,
            disbursedMinor: z.string(),
            repaidMinor: z.string(),
          }),
        },
      },
    },
    async (request) => portfolioJson((await loadPortfolio(request, request.query)).report),
  );

  routes.get(
    "/api/v1/loan-reports/portfolio/export",
    {
      config: read,
      schema: {
        tags,
        summary: "Portfolio and PAR as a CSV, XLSX or PDF file",
        querystring: portfolioQuery.extend(exportQuery.shape),
      },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const orgId = memberOf(request).orgId;
        const today = await todayOf(trx, orgId);
        const asOf = request.query.asOf === undefined ? today : dateOrRefuse(request.query.asOf, "asOf");
        const report = await portfolioReport(trx, orgId, asOf, today, request.query.groupBy);
        return portfolioTable(
          report,
          request.query.groupBy,
          locale,
          await exportHeader(trx, request, "PAR", asOf),
        );
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: `portfolio-${table.header.period.kind === "as_of" ? table.header.period.asOf : ""}`,
        title: table.title,
      });
    },
  );

  const arrearsRowSchema = z.object({
    loanId: uuidSchema,
    number: z.number().int(),
    borrowerName: z.string(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    productCode: z.string(),
    officerName: z.string().nullable(),
    daysPastDue: z.number().int(),
    overdueMinor: z.string(),
    outstandingMinor: z.string(),
    arrearsBucket: z.number().int(),
  });

  routes.get(
    "/api/v1/loan-reports/arrears",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Loans in arrears, the longest first, with the borrowers' contacts and the first day of each bucket",
        response: {
          200: z.object({ bucketStarts: z.array(z.number().int()), items: z.array(arrearsRowSchema) }),
        },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { rows, starts } = await inTenant(database, request, async (trx) => ({
        rows: await arrearsList(trx, orgId),
        starts: await bucketStarts(trx, orgId, await todayOf(trx, orgId)),
      }));
      return { bucketStarts: starts, items: rows.map(arrearsJson) };
    },
  );

  routes.get(
    "/api/v1/loan-reports/officer-dashboard",
    {
      config: read,
      schema: {
        tags,
        summary:
          "A loan officer's dashboard (her own by default): her portfolio and PAR, the PAR trend of the closed " +
          "days, today's expected and collected payments, and her loans in arrears to visit",
        querystring: z.object({ officerId: uuidSchema.optional() }),
        response: {
          200: z.object({
            /** Whose dashboard this is. */
            officerId: uuidSchema,
            /**
             * The officers a manager may pick from (members with running loans or the loan officer role); only
             * the viewer herself for someone who may see no other officer's dashboard.
             */
            officers: z.array(z.object({ id: uuidSchema, name: z.string() })),
            asOf: plainDateSchema,
            parDays: z.array(z.number().int()),
            loans: z.number().int(),
            outstandingMinor: z.string(),
            overdueMinor: z.string(),
            atRiskMinor: z.array(z.string()),
            parTrend: z.array(
              z.object({
                businessDate: plainDateSchema,
                outstandingMinor: z.string(),
                atRiskMinor: z.array(z.string()),
              }),
            ),
            today: z.object({
              loansDue: z.number().int(),
              scheduledMinor: z.string(),
              collectedMinor: z.string(),
              openMinor: z.string(),
            }),
            arrears: z.array(arrearsRowSchema),
          }),
        },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      const officerId = request.query.officerId ?? actor.userId;
      // A manager (who may decide on loans for the whole organization) views any officer's day; an officer
      // views her own.
      const isManager = actor.organizationPermissions.has("loans.approve");
      if (officerId !== actor.userId && !isManager) throw new AppError("permission_must_be_granted");
      const { d, officers } = await inTenant(database, request, async (trx) => {
        const picks = await loanOfficersOf(trx, actor.orgId);
        if (officerId !== actor.userId && !picks.some((o) => o.id === officerId)) {
          throw new AppError("record_must_exist", { field: "officerId" });
        }
        return {
          d: await officerDashboard(trx, actor.orgId, officerId, await todayOf(trx, actor.orgId)),
          officers: isManager ? picks : picks.filter((o) => o.id === actor.userId),
        };
      });
      const text = (values: readonly bigint[]) => values.map((v) => v.toString());
      return {
        officerId,
        officers,
        asOf: d.asOf,
        parDays: [...d.parDays],
        loans: d.loans,
        outstandingMinor: d.outstandingMinor.toString(),
        overdueMinor: d.overdueMinor.toString(),
        atRiskMinor: text(d.atRiskMinor),
        parTrend: d.parTrend.map((p) => ({
          businessDate: p.businessDate,
          outstandingMinor: p.outstandingMinor.toString(),
          atRiskMinor: text(p.atRiskMinor),
        })),
        today: {
          loansDue: d.today.loansDue,
          scheduledMinor: d.today.scheduledMinor.toString(),
          collectedMinor: d.today.collectedMinor.toString(),
          openMinor: d.today.openMinor.toString(),
        },
        arrears: d.arrears.map(arrearsJson),
      };
    },
  );

  routes.get(
    "/api/v1/loan-reports/arrears/export",
    {
      config: read,
      schema: { tags, summary: "Loans in arrears as a CSV, XLSX or PDF file", querystring: exportQuery },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const orgId = memberOf(request).orgId;
        const today = await todayOf(trx, orgId);
        await audit(trx, request, {
          action: "loan_report.arrears_export",
          recordType: "report",
          recordId: null,
        });
        return arrearsTable(
          await arrearsList(trx, orgId),
          locale,
          await exportHeader(trx, request, "arrears", today),
        );
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: "arrears",
        title: table.title,
      });
    },
  );

  routes.get(
    "/api/v1/loan-reports/collections",
    {
      config: read,
      schema: {
        tags,
        summary: "Expected collections by day: what running loans are due to pay",
        querystring: z.object({
          from: z.string().max(10).optional(),
          days: z.coerce.number().int().min(1).max(62).default(14),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ date: plainDateSchema, loans: z.number().int(), dueMinor: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const items = await inTenant(database, request, async (trx) => {
        const orgId = memberOf(request).orgId;
        const today = await todayOf(trx, orgId);
        const from = request.query.from === undefined ? today : dateOrRefuse(request.query.from, "from");
        return expectedCollections(trx, orgId, from, request.query.days, today);
      });
      return { items: items.map((i) => ({ ...i, dueMinor: i.dueMinor.toString() })) };
    },
  );

  routes.get(
    "/api/v1/loan-reports/credit-bureau",
    {
      config: read,
      schema: {
        tags,
        summary:
          "The credit bureau file: every contract and its payment status as of a date (docs/credit-bureau.md)",
        querystring: z.object({ asOf: z.string().max(10).optional() }),
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      // The file names borrowers by their IIN, so it needs the right to see IINs.
      if (!actor.organizationPermissions.has("people.reveal_iin")) {
        throw new AppError("permission_must_be_granted", { permission: "people.reveal_iin" });
      }
      const { body, asOf } = await inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, actor.orgId);
        const date = request.query.asOf === undefined ? today : dateOrRefuse(request.query.asOf, "asOf");
        const org = await trx
          .selectFrom("organizations")
          .select("bin")
          .where("org_id", "=", actor.orgId)
          .executeTakeFirstOrThrow();
        const records = await creditBureauRecords(trx, actor.orgId, date);
        await audit(trx, request, {
          action: "loan_report.credit_bureau_export",
          recordType: "report",
          recordId: null,
          summary: { asOf: date, contracts: records.length },
        });
        const header = creditBureauColumns.join(";");
        const cell = (value: string | number | null) =>
          value === null ? "" : formulaSafe(String(value)).replace(/[;\r\n]/g, " ");
        const lines = records.map((r) =>
          [
            date,
            org.bin,
            r.contractNumber,
            r.contractDate,
            r.iin,
            r.surname,
            r.givenName,
            r.birthDate,
            r.productCode,
            r.currency,
            plainDecimal(r.amountMinor, "KZT"),
            r.disbursedOn,
            r.maturityOn,
            formatTenthsOfPercent(r.gesvTenths),
            plainDecimal(r.outstandingMinor, "KZT"),
            plainDecimal(r.overdueMinor, "KZT"),
            r.daysPastDue,
            r.status,
            r.lastPaymentOn,
          ]
            .map(cell)
            .join(";"),
        );
        return { body: `${[header, ...lines].join("\r\n")}\r\n`, asOf: date };
      });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="credit-bureau-${asOf}.csv"`)
        .header("cache-control", "no-store")
        .send(body);
    },
  );
}

/** The columns of the credit bureau file, in order (docs/credit-bureau.md). */
export const creditBureauColumns = [
  "report_date",
  "lender_bin",
  "contract_number",
  "contract_date",
  "borrower_iin",
  "borrower_surname",
  "borrower_given_name",
  "borrower_birth_date",
  "product_code",
  "currency",
  "amount",
  "disbursed_on",
  "maturity_date",
  "gesv_percent",
  "outstanding_principal",
  "overdue_amount",
  "days_past_due",
  "status",
  "last_payment_date",
] as const;
