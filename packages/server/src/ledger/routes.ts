/** HTTP routes of the general ledger. */
import {
  accountLedgerSchema,
  accountSchema,
  asOfQuerySchema,
  balanceSheetSchema,
  bookSchema,
  closePeriodRequestSchema,
  consolidatedBalanceSheetSchema,
  consolidatedTrialBalanceSchema,
  consolidationQuerySchema,
  createAccountRequestSchema,
  createBookRequestSchema,
  incomeStatementSchema,
  journalEntrySchema,
  journalQuerySchema,
  pageOf,
  pendingResponseSchema,
  periodQuerySchema,
  postJournalEntryRequestSchema,
  reopenPeriodRequestSchema,
  reverseEntryRequestSchema,
  trialBalanceSchema,
  updateAccountRequestSchema,
  uuidSchema,
  yearEndCloseRequestSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import { chartTemplates, limits } from "@moldir/domain";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Performed, performOrQueue, registerApprovableAction } from "../approvals/registry";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { createBook } from "./books";
import {
  consolidatedBalanceSheet,
  consolidatedTrialBalance,
  reachableConsolidationBooks,
} from "./consolidation";
import { loadEntries, loadEntry, manualEntryAction, reversalAction } from "./entries";
import { closePeriod, closeYear, reopenAction } from "./periods";
import { bookReachCheck, bookScopeOf, booksWithOwners, isBookInScope } from "./scope";
import { accountLedger, balanceSheet, incomeStatement, requireBook, trialBalance } from "./statements";

registerApprovableAction(manualEntryAction);
registerApprovableAction(reversalAction);
registerApprovableAction(reopenAction);

const tags = ["ledger"];
const bookParams = z.object({ bookId: uuidSchema });

/** bigint fields become decimal strings, the wire form of amounts. */
function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

type BookRow = {
  id: string;
  owner_kind: "organization" | "group" | "federation_node";
  group_id: string | null;
  template: "mco" | "federation" | "shg" | "ngo";
  name_kk: string;
  name_ru: string;
  name_en: string;
  currency: string;
  closed_through: string | null;
  version: number;
};
const toBook = (b: BookRow) => ({
  id: b.id,
  ownerKind: b.owner_kind,
  groupId: b.group_id,
  template: b.template,
  names: { kk: b.name_kk, ru: b.name_ru, en: b.name_en },
  currency: b.currency,
  closedThrough: b.closed_through,
  version: b.version,
});

type AccountRow = {
  id: string;
  book_id: string;
  parent_id: string | null;
  code: string;
  type: "asset" | "liability" | "equity" | "income" | "expense";
  name_kk: string;
  name_ru: string;
  name_en: string;
  is_header: boolean;
  purpose: string | null;
  is_active: boolean;
  version: number;
};
const accountColumns = [
  "id",
  "book_id",
  "parent_id",
  "code",
  "type",
  "name_kk",
  "name_ru",
  "name_en",
  "is_header",
  "purpose",
  "is_active",
  "version",
] as const;
const toAccount = (a: AccountRow) => ({
  id: a.id,
  bookId: a.book_id,
  parentId: a.parent_id,
  code: a.code,
  type: a.type,
  names: { kk: a.name_kk, ru: a.name_ru, en: a.name_en },
  isHeader: a.is_header,
  purpose: a.purpose,
  isActive: a.is_active,
  version: a.version,
});

function sendPerformed<R>(reply: FastifyReply, performed: Performed<R>, doneStatus = 201) {
  if (performed.kind === "pending")
    return reply.code(202).send({ status: "pending_approval" as const, approvalId: performed.approvalId });
  return reply.code(doneStatus).send(performed.result);
}

async function isUniqueViolation(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return false;
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "23505")
      return true;
    throw error;
  }
}

export async function ledgerRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  // Held in a scope (an office, a group, a federation node), a ledger permission reaches the books in it.
  const read = { access: { kind: "permission", permission: "ledger.read", anyScope: true } } as const;
  const manage = { access: { kind: "permission", permission: "ledger.manage", anyScope: true } } as const;
  const post = { access: { kind: "permission", permission: "ledger.post", anyScope: true } } as const;
  const manageOrganization = { access: { kind: "permission", permission: "ledger.manage" } } as const;
  app.addHook("preHandler", bookReachCheck(database));

  routes.get(
    "/api/v1/books",
    {
      config: read,
      schema: {
        tags,
        summary: "Books of the organization and of its groups",
        response: { 200: z.object({ items: z.array(bookSchema) }) },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      const rows = await inTenant(database, request, async (trx) => {
        const scope = await bookScopeOf(trx, actor, "ledger.read");
        const books = await booksWithOwners(trx, actor.orgId)
          .orderBy("b.owner_kind", "desc")
          .orderBy("b.name_en")
          .limit(limits.pageSizeMax)
          .execute();
        return books.filter((book) => isBookInScope(scope, book));
      });
      return { items: rows.map(toBook) };
    },
  );

  routes.post(
    "/api/v1/books",
    {
      config: manageOrganization,
      schema: {
        tags,
        summary: "Open the organization's book from a chart template",
        body: createBookRequestSchema,
        response: { 201: bookSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const book = await inTenant(database, request, async (trx) => {
        const org = await trx
          .selectFrom("organizations")
          .selectAll()
          .where("org_id", "=", orgId)
          .executeTakeFirstOrThrow();
        const existing = await trx
          .selectFrom("books")
          .select("id")
          .where("org_id", "=", orgId)
          .where("owner_kind", "=", "organization")
          .executeTakeFirst();
        if (existing !== undefined) throw new AppError("book_of_organization_must_be_unique");
        const names = request.body.names ?? { kk: org.name_kk, ru: org.name_ru, en: org.name_en };
        const bookId = await createBook(trx, {
          orgId,
          template: request.body.template,
          ownerKind: "organization",
          groupId: null,
          names,
          currency: org.currency,
        });
        await audit(trx, request, {
          action: "book.create",
          recordType: "book",
          recordId: bookId,
          summary: {
            template: request.body.template,
            accounts: chartTemplates[request.body.template].length,
          },
        });
        return requireBook(trx, orgId, bookId);
      });
      return reply.code(201).send(toBook(book));
    },
  );

  routes.get(
    "/api/v1/books/:bookId/accounts",
    {
      config: read,
      schema: {
        tags,
        summary: "The chart of accounts of a book (flat; parentId makes the tree)",
        params: bookParams,
        response: { 200: z.object({ items: z.array(accountSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const rows = await inTenant(database, request, async (trx) => {
        await requireBook(trx, orgId, request.params.bookId);
        return trx
          .selectFrom("accounts")
          .select(accountColumns)
          .where("org_id", "=", orgId)
          .where("book_id", "=", request.params.bookId)
          .orderBy("code")
          .limit(limits.accountsPerBookMax)
          .execute();
      });
      return { items: rows.map(toAccount) };
    },
  );

  routes.post(
    "/api/v1/books/:bookId/accounts",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add an account to a book",
        params: bookParams,
        body: createAccountRequestSchema,
        response: { 201: accountSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const { bookId } = request.params;
      const body = request.body;
      const account = await inTenant(database, request, async (trx) => {
        await requireBook(trx, orgId, bookId);
        if (body.parentId !== null) {
          const parent = await trx
            .selectFrom("accounts")
            .select(["type", "book_id"])
            .where("org_id", "=", orgId)
            .where("id", "=", body.parentId)
            .executeTakeFirst();
          if (parent === undefined || parent.book_id !== bookId)
            throw new AppError("account_parent_must_exist", { field: "parentId" });
          if (parent.type !== body.type)
            throw new AppError("account_type_must_match_parent", { field: "type" });
        }
        const id = newId();
        const duplicate = await isUniqueViolation(() =>
          trx
            .insertInto("accounts")
            .values({
              org_id: orgId,
              id,
              book_id: bookId,
              parent_id: body.parentId,
              code: body.code,
              type: body.type,
              name_kk: body.names.kk,
              name_ru: body.names.ru,
              name_en: body.names.en,
              is_header: body.isHeader ?? false,
              purpose: null,
            })
            .execute(),
        );
        if (duplicate) throw new AppError("account_code_must_be_unique", { field: "code" });
        await audit(trx, request, {
          action: "account.create",
          recordType: "account",
          recordId: id,
          summary: { bookId, code: body.code, type: body.type, names: body.names },
        });
        return trx
          .selectFrom("accounts")
          .select(accountColumns)
          .where("org_id", "=", orgId)
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
      });
      return reply.code(201).send(toAccount(account));
    },
  );

  routes.patch(
    "/api/v1/accounts/:accountId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Rename, recode, close or reopen an account",
        params: z.object({ accountId: uuidSchema }),
        body: updateAccountRequestSchema,
        response: { 200: accountSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { accountId } = request.params;
      const body = request.body;
      const account = await inTenant(database, request, async (trx) => {
        const before = await trx
          .selectFrom("accounts")
          .select(accountColumns)
          .where("org_id", "=", orgId)
          .where("id", "=", accountId)
          .executeTakeFirst();
        if (before === undefined) throw new AppError("record_must_exist");
        if (before.version !== body.version)
          throw new AppError("version_must_match", { version: before.version });
        const changes = {
          ...(body.code === undefined ? {} : { code: body.code }),
          ...(body.names === undefined
            ? {}
            : { name_kk: body.names.kk, name_ru: body.names.ru, name_en: body.names.en }),
          ...(body.isActive === undefined ? {} : { is_active: body.isActive }),
        };
        let after: AccountRow | undefined;
        const duplicate = await isUniqueViolation(async () => {
          after = await trx
            .updateTable("accounts")
            .set({ ...changes, version: sql<number>`version + 1` })
            .where("org_id", "=", orgId)
            .where("id", "=", accountId)
            .where("version", "=", body.version)
            .returning(accountColumns)
            .executeTakeFirst();
        });
        if (duplicate) throw new AppError("account_code_must_be_unique", { field: "code" });
        if (after === undefined) throw new AppError("version_must_match");
        await audit(trx, request, {
          action: "account.update",
          recordType: "account",
          recordId: accountId,
          summary: { before: toAccount(before), after: toAccount(after) },
        });
        return after;
      });
      return toAccount(account);
    },
  );

  routes.post(
    "/api/v1/books/:bookId/journal-entries",
    {
      config: post,
      schema: {
        tags,
        summary: "Post a manual journal entry (may wait for a second person)",
        params: bookParams,
        body: postJournalEntryRequestSchema,
        response: { 201: journalEntrySchema, 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      dateOrRefuse(request.body.valueDate, "valueDate");
      const payload = { bookId: request.params.bookId, ...request.body };
      // The posting (or, with four eyes, the summary) checks the book, the accounts and the balance first.
      return sendPerformed(reply, await performOrQueue(database, request, manualEntryAction, payload));
    },
  );

  routes.get(
    "/api/v1/books/:bookId/journal-entries",
    {
      config: read,
      schema: {
        tags,
        summary: "The general journal of a book, newest first",
        params: bookParams,
        querystring: journalQuerySchema,
        response: { 200: pageOf(journalEntrySchema) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const limit = request.query.limit ?? limits.pageSizeDefault;
      const items = await inTenant(database, request, async (trx) => {
        await requireBook(trx, orgId, request.params.bookId);
        return loadEntries(trx, orgId, {
          bookId: request.params.bookId,
          ...(request.query.from === undefined ? {} : { from: request.query.from }),
          ...(request.query.to === undefined ? {} : { to: request.query.to }),
          ...(request.query.before === undefined ? {} : { beforeSeq: request.query.before }),
          limit: limit + 1,
        });
      });
      const page = items.slice(0, limit);
      return { items: page, nextCursor: items.length > limit ? (page.at(-1)?.seq ?? null) : null };
    },
  );

  routes.get(
    "/api/v1/journal-entries/:entryId",
    {
      config: read,
      schema: {
        tags,
        summary: "One journal entry with its lines",
        params: z.object({ entryId: uuidSchema }),
        response: { 200: journalEntrySchema },
      },
    },
    async (request) =>
      inTenant(database, request, (trx) => loadEntry(trx, memberOf(request).orgId, request.params.entryId)),
  );

  routes.post(
    "/api/v1/journal-entries/:entryId/reverse",
    {
      config: post,
      schema: {
        tags,
        summary: "Reverse an entry, with a reason (may wait for a second person)",
        params: z.object({ entryId: uuidSchema }),
        body: reverseEntryRequestSchema,
        response: { 201: journalEntrySchema, 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      await inTenant(database, request, (trx) => loadEntry(trx, orgId, request.params.entryId));
      if (request.body.valueDate !== undefined) dateOrRefuse(request.body.valueDate, "valueDate");
      return sendPerformed(
        reply,
        await performOrQueue(database, request, reversalAction, {
          entryId: request.params.entryId,
          ...request.body,
        }),
      );
    },
  );

  routes.post(
    "/api/v1/books/:bookId/periods/close",
    {
      config: manage,
      schema: {
        tags,
        summary: "Close the periods through a month's end",
        params: bookParams,
        body: closePeriodRequestSchema,
        response: { 200: bookSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const through = dateOrRefuse(request.body.through, "through");
      const book = await inTenant(database, request, async (trx) => {
        const before = await requireBook(trx, orgId, request.params.bookId);
        await closePeriod(trx, orgId, request.params.bookId, through, memberOf(request).userId);
        await audit(trx, request, {
          action: "period.close",
          recordType: "book",
          recordId: request.params.bookId,
          summary: { before: before.closed_through, after: through },
        });
        return requireBook(trx, orgId, request.params.bookId);
      });
      return toBook(book);
    },
  );

  routes.post(
    "/api/v1/books/:bookId/periods/reopen",
    {
      config: manage,
      schema: {
        tags,
        summary: "Reopen a closed month and those after it (may wait for a second person)",
        params: bookParams,
        body: reopenPeriodRequestSchema,
        response: { 200: z.object({ closedThrough: z.string().nullable() }), 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      dateOrRefuse(request.body.from, "from");
      await inTenant(database, request, (trx: Tx) =>
        requireBook(trx, memberOf(request).orgId, request.params.bookId),
      );
      return sendPerformed(
        reply,
        await performOrQueue(database, request, reopenAction, {
          bookId: request.params.bookId,
          ...request.body,
        }),
        200,
      );
    },
  );

  routes.post(
    "/api/v1/books/:bookId/year-end-close",
    {
      config: manage,
      schema: {
        tags,
        summary: "Move a year's income and expenses into retained earnings and close the year",
        params: bookParams,
        body: yearEndCloseRequestSchema,
        response: { 200: z.object({ entryId: uuidSchema.nullable(), closedThrough: z.string() }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const result = await closeYear(
          trx,
          orgId,
          request.params.bookId,
          request.body.year,
          memberOf(request).userId,
        );
        await audit(trx, request, {
          action: "period.year_end_close",
          recordType: "book",
          recordId: request.params.bookId,
          summary: { year: request.body.year, entryId: result.entryId },
        });
        return result;
      });
    },
  );

  routes.get(
    "/api/v1/books/:bookId/trial-balance",
    {
      config: read,
      schema: {
        tags,
        summary: "Trial balance as of a date",
        params: bookParams,
        querystring: asOfQuerySchema,
        response: { 200: trialBalanceSchema },
      },
    },
    async (request) => {
      const asOf = dateOrRefuse(request.query.asOf, "asOf");
      const knownAt = request.query.knownAt === undefined ? undefined : new Date(request.query.knownAt);
      return wire(
        await inTenant(database, request, (trx) =>
          trialBalance(trx, memberOf(request).orgId, request.params.bookId, asOf, knownAt),
        ),
      ) as z.infer<typeof trialBalanceSchema>;
    },
  );

  routes.get(
    "/api/v1/books/:bookId/consolidated-trial-balance",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Trial balance of a book together with the books below it (the organization's: all; a federation node's: its nodes and groups), movements between them eliminated",
        params: bookParams,
        querystring: consolidationQuerySchema,
        response: { 200: consolidatedTrialBalanceSchema },
      },
    },
    async (request) => {
      const asOf = dateOrRefuse(request.query.asOf, "asOf");
      const actor = memberOf(request);
      return wire(
        await inTenant(database, request, async (trx) => {
          const bookIds = await reachableConsolidationBooks(trx, actor, request.params.bookId, asOf);
          return consolidatedTrialBalance(trx, actor.orgId, bookIds, asOf, {
            eliminate: request.query.eliminate !== "false",
          });
        }),
      ) as z.infer<typeof consolidatedTrialBalanceSchema>;
    },
  );

  routes.get(
    "/api/v1/books/:bookId/consolidated-balance-sheet",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Balance sheet of a book together with the books below it, movements between them eliminated",
        params: bookParams,
        querystring: consolidationQuerySchema,
        response: { 200: consolidatedBalanceSheetSchema },
      },
    },
    async (request) => {
      const asOf = dateOrRefuse(request.query.asOf, "asOf");
      const actor = memberOf(request);
      return wire(
        await inTenant(database, request, async (trx) => {
          const bookIds = await reachableConsolidationBooks(trx, actor, request.params.bookId, asOf);
          return consolidatedBalanceSheet(trx, actor.orgId, bookIds, asOf, {
            eliminate: request.query.eliminate !== "false",
          });
        }),
      ) as z.infer<typeof consolidatedBalanceSheetSchema>;
    },
  );

  routes.get(
    "/api/v1/books/:bookId/balance-sheet",
    {
      config: read,
      schema: {
        tags,
        summary: "Balance sheet as of a date",
        params: bookParams,
        querystring: asOfQuerySchema,
        response: { 200: balanceSheetSchema },
      },
    },
    async (request) => {
      const asOf = dateOrRefuse(request.query.asOf, "asOf");
      const knownAt = request.query.knownAt === undefined ? undefined : new Date(request.query.knownAt);
      return wire(
        await inTenant(database, request, (trx) =>
          balanceSheet(trx, memberOf(request).orgId, request.params.bookId, asOf, knownAt),
        ),
      ) as z.infer<typeof balanceSheetSchema>;
    },
  );

  routes.get(
    "/api/v1/books/:bookId/income-statement",
    {
      config: read,
      schema: {
        tags,
        summary: "Income statement for a period",
        params: bookParams,
        querystring: periodQuerySchema,
        response: { 200: incomeStatementSchema },
      },
    },
    async (request) => {
      const from = dateOrRefuse(request.query.from, "from");
      const to = dateOrRefuse(request.query.to, "to");
      return wire(
        await inTenant(database, request, (trx) =>
          incomeStatement(trx, memberOf(request).orgId, request.params.bookId, from, to),
        ),
      ) as z.infer<typeof incomeStatementSchema>;
    },
  );

  routes.get(
    "/api/v1/accounts/:accountId/ledger",
    {
      config: read,
      schema: {
        tags,
        summary: "An account's lines with a running balance",
        params: z.object({ accountId: uuidSchema }),
        querystring: periodQuerySchema,
        response: { 200: accountLedgerSchema },
      },
    },
    async (request) => {
      const from = dateOrRefuse(request.query.from, "from");
      const to = dateOrRefuse(request.query.to, "to");
      return wire(
        await inTenant(database, request, (trx) =>
          accountLedger(trx, memberOf(request).orgId, request.params.accountId, from, to),
        ),
      ) as z.infer<typeof accountLedgerSchema>;
    },
  );
}
