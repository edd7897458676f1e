/**
 * Downloads of the ledger's statements as CSV, XLSX or PDF, in Kazakh, Russian or English. Each route reads
 * the statement exactly as its JSON route does (same functions, same tenancy), then renders it outside the
 * transaction, which stays as short as a screen's.
 */
import {
  asOfQuerySchema,
  consolidationQuerySchema,
  localeSchema,
  periodQuerySchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { assert, isCurrencyCode, type Locale } from "@moldir/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { word } from "../exports/i18n";
import { renderExport, sendExport } from "../exports/render";
import {
  accountLedgerTable,
  asOfPeriod,
  balanceSheetTable,
  consolidatedBalanceSheetTable,
  consolidatedTrialBalanceTable,
  generalJournalTable,
  incomeStatementTable,
  rangePeriod,
  type TableContext,
  trialBalanceTable,
} from "../exports/statement-tables";
import { type ExportPeriod, exportFormats } from "../exports/table";
import { memberOf } from "../http/access";
import { dateOrRefuse } from "../http/dates";
import { inTenant } from "../http/tenant";
import {
  consolidatedBalanceSheet,
  consolidatedTrialBalance,
  reachableConsolidationBooks,
} from "./consolidation";
import { bookReachCheck } from "./scope";
import {
  accountLedger,
  balanceSheet,
  generalJournal,
  incomeStatement,
  requireBook,
  trialBalance,
} from "./statements";

const tags = ["ledger"];
const read = { access: { kind: "permission", permission: "ledger.read", anyScope: true } } as const;

const exportFields = {
  format: z.enum(exportFormats).describe("csv, xlsx or pdf"),
  locale: localeSchema.optional().describe("Language of titles and headings; Accept-Language by default"),
};
const asOfExportQuery = asOfQuerySchema.extend(exportFields);
const periodExportQuery = periodQuerySchema.extend(exportFields);
const consolidationExportQuery = consolidationQuerySchema.extend(exportFields);
const bookParams = z.object({ bookId: uuidSchema });

/** The organization, the book and the person named in an export's header block. */
export async function tableContext(
  trx: Tx,
  request: FastifyRequest,
  bookId: string,
  locale: Locale,
  period: ExportPeriod,
  account?: { code: string; names: Record<Locale, string> },
  extra?: readonly (readonly [label: string, value: string])[],
): Promise<TableContext> {
  const member = memberOf(request);
  const book = await requireBook(trx, member.orgId, bookId);
  const org = await trx
    .selectFrom("organizations")
    .select(["name_kk", "name_ru", "name_en", "time_zone"])
    .where("org_id", "=", member.orgId)
    .executeTakeFirstOrThrow();
  assert(isCurrencyCode(book.currency), `book ${bookId} keeps an unknown currency ${book.currency}`);
  const orgNames: Record<Locale, string> = { kk: org.name_kk, ru: org.name_ru, en: org.name_en };
  const bookNames: Record<Locale, string> = { kk: book.name_kk, ru: book.name_ru, en: book.name_en };
  return {
    locale,
    currency: book.currency,
    header: {
      organization: orgNames[locale],
      book: bookNames[locale],
      ...(account === undefined ? {} : { account: `${account.code} ${account.names[locale]}` }),
      ...(extra === undefined ? {} : { extra }),
      period,
      generatedAt: new Date(),
      generatedBy: member.displayName,
      timeZone: org.time_zone,
    },
  };
}

export async function ledgerExportRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  app.addHook("preHandler", bookReachCheck(database));

  routes.get(
    "/api/v1/books/:bookId/trial-balance/export",
    {
      config: read,
      schema: {
        tags,
        summary: "Trial balance as of a date, as a CSV, XLSX or PDF file",
        params: bookParams,
        querystring: asOfExportQuery,
      },
    },
    async (request, reply) => {
      const { bookId } = request.params;
      const asOf = dateOrRefuse(request.query.asOf, "asOf");
      const knownAt = request.query.knownAt === undefined ? undefined : new Date(request.query.knownAt);
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const statement = await trialBalance(trx, memberOf(request).orgId, bookId, asOf, knownAt);
        return trialBalanceTable(
          statement,
          await tableContext(trx, request, bookId, locale, asOfPeriod(asOf)),
        );
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: `trial-balance-${asOf}`,
        title: `${table.title} ${asOf}`,
      });
    },
  );

  routes.get(
    "/api/v1/books/:bookId/balance-sheet/export",
    {
      config: read,
      schema: {
        tags,
        summary: "Balance sheet as of a date, as a CSV, XLSX or PDF file",
        params: bookParams,
        querystring: asOfExportQuery,
      },
    },
    async (request, reply) => {
      const { bookId } = request.params;
      const asOf = dateOrRefuse(request.query.asOf, "asOf");
      const knownAt = request.query.knownAt === undefined ? undefined : new Date(request.query.knownAt);
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const statement = await balanceSheet(trx, memberOf(request).orgId, bookId, asOf, knownAt);
        return balanceSheetTable(
          statement,
          await tableContext(trx, request, bookId, locale, asOfPeriod(asOf)),
        );
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: `balance-sheet-${asOf}`,
        title: `${table.title} ${asOf}`,
      });
    },
  );

  routes.get(
    "/api/v1/books/:bookId/income-statement/export",
    {
      config: read,
      schema: {
        tags,
        summary: "Income statement for a period, as a CSV, XLSX or PDF file",
        params: bookParams,
        querystring: periodExportQuery,
      },
    },
    async (request, reply) => {
      const { bookId } = request.params;
      const from = dateOrRefuse(request.query.from, "from");
      const to = dateOrRefuse(request.query.to, "to");
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const statement = await incomeStatement(trx, memberOf(request).orgId, bookId, from, to);
        return incomeStatementTable(
          statement,
          await tableContext(trx, request, bookId, locale, rangePeriod(from, to)),
        );
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: `income-statement-${from}-${to}`,
        title: `${table.title} ${from} ${to}`,
      });
    },
  );

  routes.get(
    "/api/v1/books/:bookId/journal/export",
    {
      config: read,
      schema: {
        tags,
        summary: "The general journal of a period (every entry with its lines), as a CSV, XLSX or PDF file",
        params: bookParams,
        querystring: periodExportQuery,
      },
    },
    async (request, reply) => {
      const { bookId } = request.params;
      const from = dateOrRefuse(request.query.from, "from");
      const to = dateOrRefuse(request.query.to, "to");
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const statement = await generalJournal(trx, memberOf(request).orgId, bookId, from, to);
        return generalJournalTable(
          statement,
          await tableContext(trx, request, bookId, locale, rangePeriod(from, to)),
        );
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: `general-journal-${from}-${to}`,
        title: `${table.title} ${from} ${to}`,
      });
    },
  );

  for (const kind of ["trial-balance", "balance-sheet"] as const) {
    routes.get(
      `/api/v1/books/:bookId/consolidated-${kind}/export`,
      {
        config: read,
        schema: {
          tags,
          summary: `Consolidated ${kind.replace("-", " ")} as of a date, as a CSV, XLSX or PDF file`,
          params: bookParams,
          querystring: consolidationExportQuery,
        },
      },
      async (request, reply) => {
        const { bookId } = request.params;
        const asOf = dateOrRefuse(request.query.asOf, "asOf");
        const locale = request.query.locale ?? request.locale;
        const options = { eliminate: request.query.eliminate !== "false" };
        const actor = memberOf(request);
        const table = await inTenant(database, request, async (trx) => {
          const bookIds = await reachableConsolidationBooks(trx, actor, bookId, asOf);
          const extra = [[word("booksConsolidated", locale), String(bookIds.length)]] as const;
          const context = await tableContext(
            trx,
            request,
            bookId,
            locale,
            asOfPeriod(asOf),
            undefined,
            extra,
          );
          return kind === "trial-balance"
            ? consolidatedTrialBalanceTable(
                await consolidatedTrialBalance(trx, actor.orgId, bookIds, asOf, options),
                context,
              )
            : consolidatedBalanceSheetTable(
                await consolidatedBalanceSheet(trx, actor.orgId, bookIds, asOf, options),
                context,
              );
        });
        return sendExport(reply, await renderExport(table, request.query.format), {
          ascii: `consolidated-${kind}-${asOf}`,
          title: `${table.title} ${asOf}`,
        });
      },
    );
  }

  routes.get(
    "/api/v1/accounts/:accountId/ledger/export",
    {
      config: read,
      schema: {
        tags,
        summary: "An account's lines with a running balance, as a CSV, XLSX or PDF file",
        params: z.object({ accountId: uuidSchema }),
        querystring: periodExportQuery,
      },
    },
    async (request, reply) => {
      const { accountId } = request.params;
      const from = dateOrRefuse(request.query.from, "from");
      const to = dateOrRefuse(request.query.to, "to");
      const locale = request.query.locale ?? request.locale;
      const orgId = memberOf(request).orgId;
      const { table, code } = await inTenant(database, request, async (trx) => {
        const statement = await accountLedger(trx, orgId, accountId, from, to);
        const account = await trx
          .selectFrom("accounts")
          .select(["book_id", "code", "name_kk", "name_ru", "name_en"])
          .where("org_id", "=", orgId)
          .where("id", "=", accountId)
          .executeTakeFirstOrThrow();
        const context = await tableContext(trx, request, account.book_id, locale, rangePeriod(from, to), {
          code: account.code,
          names: { kk: account.name_kk, ru: account.name_ru, en: account.name_en },
        });
        return { table: accountLedgerTable(statement, context), code: account.code };
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: `account-ledger-${code}-${from}-${to}`,
        title: `${table.title} ${code} ${from} ${to}`,
      });
    },
  );
}
