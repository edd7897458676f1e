/**
 * Statements of several books together, as of a date: the organization's own book with the books of its
 * federation nodes and groups; a federation node's book with the nodes below it and the groups that belonged
 * to them on that date. Accounts are combined by code and type (the charts share the national numbering; names
 * come from the book asked for, else the first that has the code), in one query over the daily totals.
 *
 * Eliminations: a movement between two of the books (a federation's loan to a group, its repayment, a group's
 * membership fee) is posted as one entry in each book with the same source. Consolidated, the receivable of one
 * and the payable of the other, the income of one and the expense of the other, are the same money inside the
 * same whole: every line of such a pair of entries is eliminated except those on the cash and bank accounts,
 * where money really moved from one till to another. What is eliminated balances by construction (each pair
 * moves as much cash out of one book as into the other), and is checked.
 */
import { sql, type Tx } from "@moldir/db";
import { type AccountType, assert, limits, type PlainDate } from "@moldir/domain";
import { nodesBelow } from "../federations/scope";
import type { Actor } from "../http/access";
import { bookScopeOf, booksWithOwners, isBookInScope, reachableBook } from "./scope";
import { type BalanceRow, type BalanceSheet, balanceSheetOf, rollUp, type TrialBalance } from "./statements";

/** Accounts whose lines are never eliminated: money that moved between the books' tills. */
const moneyPurposes = ["cash", "bank"] as const;

export interface EliminationRow {
  readonly code: string;
  readonly type: AccountType;
  readonly names: BalanceRow["names"];
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
}

export interface Consolidation {
  /** The books taken together, the one asked for first. */
  readonly bookIds: readonly string[];
  readonly eliminations: readonly EliminationRow[];
}

export type ConsolidatedTrialBalance = TrialBalance & Consolidation & { readonly books: number };
export type ConsolidatedBalanceSheet = BalanceSheet & Consolidation & { readonly books: number };

interface CodeSums {
  id: string;
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  type: AccountType;
  is_header: boolean;
  debit: string;
  credit: string;
}

/**
 * The books consolidated with a book as of a date: for the organization's book, every book of the
 * organization; for a federation node's, the node's subtree and the books of the groups that were members of
 * those nodes on the date; for a group's, the group's alone.
 */
export async function consolidationBooks(
  trx: Tx,
  orgId: string,
  book: { readonly id: string; readonly owner_kind: string; readonly federation_node_id: string | null },
  asOf: PlainDate,
): Promise<string[]> {
  if (book.owner_kind === "organization") {
    const rows = await trx
      .selectFrom("books")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "<>", book.id)
      .orderBy("id")
      .limit(limits.booksPerOrganizationMax)
      .execute();
    return [book.id, ...rows.map((r) => r.id)];
  }
  if (book.owner_kind === "federation_node" && book.federation_node_id !== null) {
    const nodeIds = await nodesBelow(trx, orgId, [book.federation_node_id]);
    const { rows } = await sql<{ id: string }>`SELECT b.id FROM books b
      WHERE b.org_id = ${orgId} AND b.id <> ${book.id} AND (
        (b.owner_kind = 'federation_node' AND b.federation_node_id = ANY(${nodeIds}::uuid[]))
        OR (b.owner_kind = 'group' AND EXISTS (SELECT 1 FROM federation_node_groups m
          WHERE m.org_id = b.org_id AND m.group_id = b.group_id AND m.node_id = ANY(${nodeIds}::uuid[])
            AND m.joined_on <= ${asOf}::date AND (m.left_on IS NULL OR m.left_on > ${asOf}::date))))
      ORDER BY b.id LIMIT ${limits.booksPerOrganizationMax}`.execute(trx);
    return [book.id, ...rows.map((r) => r.id)];
  }
  return [book.id];
}

/** The books consolidated with a book, as far as the actor may read them (a scoped reader sees her part). */
export async function reachableConsolidationBooks(
  trx: Tx,
  actor: Actor & { readonly orgId: string },
  bookId: string,
  asOf: PlainDate,
): Promise<string[]> {
  const book = await reachableBook(trx, actor, "ledger.read", bookId);
  const bookIds = await consolidationBooks(trx, actor.orgId, book, asOf);
  const scope = await bookScopeOf(trx, actor, "ledger.read");
  if (scope.kind === "all") return bookIds;
  const owners = await booksWithOwners(trx, actor.orgId).where("b.id", "in", bookIds).execute();
  const inReach = new Set(owners.filter((b) => isBookInScope(scope, b)).map((b) => b.id));
  return bookIds.filter((id) => inReach.has(id));
}

async function sumsByCode(trx: Tx, orgId: string, bookIds: readonly string[], asOf: PlainDate) {
  const [first] = bookIds;
  const { rows } = await sql<CodeSums>`WITH per_account AS (
      SELECT a.id, a.book_id, a.code, a.name_kk, a.name_ru, a.name_en, a.type, a.is_header,
        coalesce(sum(t.debit_minor), 0) AS debit, coalesce(sum(t.credit_minor), 0) AS credit
      FROM accounts a
      LEFT JOIN account_daily_totals t ON t.org_id = a.org_id AND t.account_id = a.id AND t.value_date <= ${asOf}::date
      WHERE a.org_id = ${orgId} AND a.book_id = ANY(${bookIds}::uuid[])
      GROUP BY a.org_id, a.id)
    SELECT (array_agg(id ORDER BY book_id = ${first}::uuid DESC, book_id))[1] AS id, code, type,
      (array_agg(name_kk ORDER BY book_id = ${first}::uuid DESC, book_id))[1] AS name_kk,
      (array_agg(name_ru ORDER BY book_id = ${first}::uuid DESC, book_id))[1] AS name_ru,
      (array_agg(name_en ORDER BY book_id = ${first}::uuid DESC, book_id))[1] AS name_en,
      bool_and(is_header) AS is_header, sum(debit)::text AS debit, sum(credit)::text AS credit
    FROM per_account GROUP BY code, type ORDER BY code, type`.execute(trx);
  return rows;
}

/** The lines of movements between two of the books, by account code, outside cash and bank. */
async function eliminationsOf(
  trx: Tx,
  orgId: string,
  bookIds: readonly string[],
  asOf: PlainDate,
): Promise<Map<string, { debit: bigint; credit: bigint }>> {
  if (bookIds.length < 2) return new Map();
  const { rows } = await sql<{ code: string; type: AccountType; debit: string; credit: string }>`
    WITH between_books AS (
      SELECT e.source_type, e.source_id FROM journal_entries e
      WHERE e.org_id = ${orgId} AND e.book_id = ANY(${bookIds}::uuid[]) AND e.source_id IS NOT NULL
        AND e.value_date <= ${asOf}::date
      GROUP BY e.source_type, e.source_id HAVING count(DISTINCT e.book_id) > 1)
    SELECT a.code, a.type, sum(l.debit_minor)::text AS debit, sum(l.credit_minor)::text AS credit
    FROM between_books s
    JOIN journal_entries e ON e.org_id = ${orgId} AND e.source_type = s.source_type AND e.source_id = s.source_id
      AND e.book_id = ANY(${bookIds}::uuid[]) AND e.value_date <= ${asOf}::date
    JOIN journal_lines l ON l.org_id = e.org_id AND l.entry_id = e.id
    JOIN accounts a ON a.org_id = l.org_id AND a.id = l.account_id
    WHERE a.purpose IS NULL OR a.purpose <> ALL(${moneyPurposes}::text[])
    GROUP BY a.code, a.type`.execute(trx);
  return new Map(
    rows.map((r) => [`${r.code}/${r.type}`, { debit: BigInt(r.debit), credit: BigInt(r.credit) }]),
  );
}

function totalsOf(rows: readonly { debit: string; credit: string }[]) {
  let totalDebitMinor = 0n;
  let totalCreditMinor = 0n;
  for (const r of rows) {
    const net = BigInt(r.debit) - BigInt(r.credit);
    if (net > 0n) totalDebitMinor += net;
    else totalCreditMinor -= net;
  }
  return { totalDebitMinor, totalCreditMinor };
}

/** A trial balance of several books together, with what moved between them eliminated unless asked not to. */
export async function consolidatedTrialBalance(
  trx: Tx,
  orgId: string,
  bookIds: readonly string[],
  asOf: PlainDate,
  options: { readonly eliminate: boolean } = { eliminate: true },
): Promise<ConsolidatedTrialBalance> {
  assert(bookIds.length > 0, "a consolidation needs at least one book");
  const sums = (await sumsByCode(trx, orgId, bookIds, asOf)).filter((r) => !r.is_header);
  const eliminated = options.eliminate ? await eliminationsOf(trx, orgId, bookIds, asOf) : new Map();
  const eliminations: EliminationRow[] = [];
  let eliminatedDebit = 0n;
  let eliminatedCredit = 0n;
  const rows = sums.map((r) => {
    const out = eliminated.get(`${r.code}/${r.type}`);
    if (out === undefined) return { ...r, parent_id: null };
    eliminations.push({
      code: r.code,
      type: r.type,
      names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
      debitMinor: out.debit,
      creditMinor: out.credit,
    });
    eliminatedDebit += out.debit;
    eliminatedCredit += out.credit;
    return {
      ...r,
      parent_id: null,
      debit: (BigInt(r.debit) - out.debit).toString(),
      credit: (BigInt(r.credit) - out.credit).toString(),
    };
  });
  assert(eliminatedDebit === eliminatedCredit, `eliminations as of ${asOf} do not balance`);
  const { totalDebitMinor, totalCreditMinor } = totalsOf(rows);
  assert(totalDebitMinor === totalCreditMinor, `consolidated trial balance as of ${asOf} does not balance`);
  return {
    asOf,
    rows: rollUp(rows),
    totalDebitMinor,
    totalCreditMinor,
    books: bookIds.length,
    bookIds,
    eliminations,
  };
}

export async function consolidatedBalanceSheet(
  trx: Tx,
  orgId: string,
  bookIds: readonly string[],
  asOf: PlainDate,
  options: { readonly eliminate: boolean } = { eliminate: true },
): Promise<ConsolidatedBalanceSheet> {
  const trial = await consolidatedTrialBalance(trx, orgId, bookIds, asOf, options);
  return {
    ...balanceSheetOf(trial.rows, asOf, "a consolidation"),
    books: trial.books,
    bookIds,
    eliminations: trial.eliminations,
  };
}
