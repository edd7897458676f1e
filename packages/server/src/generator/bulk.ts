/**
 * The bulk path for large sizes: people, groups, members and months of meetings written with set-based SQL
 * (`unnest` and `INSERT … SELECT` over `generate_series`), a few statements per batch of groups whatever the
 * number of rows. Bulk meetings are plain: every member present, each saving the bylaws' amount. Each meeting's
 * journal entry debits the group's cash and credits members' savings by the same sum, so every book balances
 * by construction, as the database checks at commit; the daily totals follow from the ledger's own trigger.
 */
import { asSystem, type Database, sql, type Tx } from "@moldir/db";
import { addDays, addMonths, type PlainDate } from "@moldir/domain";
import { newId } from "../identity/secrets";
import { createBook } from "../ledger/books";
import { generateHouseholds, type Village, villages } from "./population";
import { createRandom } from "./random";
import { insertHouseholds, insertMembers } from "./registry";

export interface BulkSize {
  readonly groups: number;
  readonly membersPerGroup: number;
  /** Monthly meetings of each group, the last one month before `lastDay` at most. */
  readonly meetings: number;
  /** Groups written in one transaction. */
  readonly groupsPerBatch: number;
}

export const bulkSizes = {
  /** For tests. */
  tiny: { groups: 3, membersPerGroup: 4, meetings: 4, groupsPerBatch: 2 },
  /** `moldir seed-demo --size large`: 100,000 women in 5,000 groups, 24 meetings each (120,000 meetings). */
  large: { groups: 5_000, membersPerGroup: 20, meetings: 24, groupsPerBatch: 250 },
} as const satisfies Record<string, BulkSize>;

const savingMinor = 100_000n;

export interface BulkCounts {
  readonly persons: number;
  readonly groups: number;
  readonly meetings: number;
}

export async function bulkLoad(
  database: Database,
  orgId: string,
  options: { seed: number; size: BulkSize; lastDay: PlainDate },
): Promise<BulkCounts> {
  const random = createRandom(options.seed);
  const { size } = options;
  let meetings = 0;
  const formedOn = addMonths(options.lastDay, -size.meetings);
  for (let first = 0; first < size.groups; first += size.groupsPerBatch) {
    const count = Math.min(size.groupsPerBatch, size.groups - first);
    const groupVillages = Array.from(
      { length: count },
      (_, i) => villages[(first + i) % villages.length] as Village,
    );
    const households = generateHouseholds(
      random,
      groupVillages.flatMap((v) => Array.from({ length: size.membersPerGroup }, () => v)),
      { asOfYear: Number(options.lastDay.slice(0, 4)), childShare: 0 },
    );
    meetings += await asSystem(database, async (trx) => {
      const personIds = await insertHouseholds(trx, orgId, households, addDays(formedOn, -7));
      const groupIds = await insertGroups(trx, orgId, groupVillages, first, formedOn);
      const members = households.flatMap((h, index) => {
        const personId = personIds.get(h.woman.key);
        const groupId = groupIds[Math.floor(index / size.membersPerGroup)] as string;
        return personId === undefined ? [] : [{ groupId, personId, joinedOn: formedOn }];
      });
      await insertMembers(trx, orgId, members);
      return insertMeetings(trx, orgId, groupIds, size.meetings);
    });
  }
  return { persons: size.groups * size.membersPerGroup, groups: size.groups, meetings };
}

async function insertGroups(
  trx: Tx,
  orgId: string,
  groupVillages: readonly Village[],
  first: number,
  formedOn: PlainDate,
): Promise<string[]> {
  const groups = groupVillages.map((village, index) => ({ id: newId(), village, number: first + index + 1 }));
  const bookIds: string[] = [];
  for (const group of groups) {
    const name = `Жинақ тобы №${group.number}, ${group.village.name}`;
    bookIds.push(
      await createBook(trx, {
        orgId,
        template: "shg",
        ownerKind: "group",
        groupId: group.id,
        names: { kk: name, ru: name, en: name },
        currency: "KZT",
      }),
    );
  }
  await sql`
    INSERT INTO groups (org_id, id, name, methodology, region_id, village, frequency, book_id, formed_on)
    SELECT ${orgId}, g.id, 'Жинақ тобы №' || g.number || ', ' || g.village, 'shg', g.region_id, g.village, 'monthly',
      g.book_id, ${formedOn}
    FROM unnest(${groups.map((g) => g.id)}::uuid[], ${groups.map((g) => g.number)}::int[],
      ${groups.map((g) => g.village.name)}::text[], ${groups.map((g) => g.village.regionId)}::text[], ${bookIds}::uuid[])
      AS g(id, number, village, region_id, book_id)`.execute(trx);
  await sql`
    INSERT INTO group_bylaws (org_id, group_id, effective_from, bylaws)
    SELECT ${orgId}, g.id, ${formedOn}, ${JSON.stringify(bulkBylaws)}::jsonb
    FROM unnest(${groups.map((g) => g.id)}::uuid[]) AS g(id)`.execute(trx);
  return groups.map((g) => g.id);
}

const bulkBylaws = {
  methodology: "shg",
  savingsPerMeetingMinor: savingMinor.toString(),
  sharePriceMinor: "0",
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: "0",
  loanRateBpsPerMonth: 200,
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: "10000", absent: "20000", missed_repayment: "30000", other: "0" },
};

/** Monthly meetings of the groups, their journal entries and lines, attendance and passbook lines. */
async function insertMeetings(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  count: number,
): Promise<number> {
  // One row per meeting, with ids derived from the group and the meeting's number, used by every statement.
  await sql`
    CREATE TEMP TABLE bulk_meetings ON COMMIT DROP AS
    SELECT g.org_id, g.id AS group_id, g.book_id, n,
      (g.formed_on + make_interval(months => n))::date AS held_on,
      gen_random_uuid() AS meeting_id, gen_random_uuid() AS entry_id,
      (SELECT count(*) FROM group_members m WHERE m.org_id = g.org_id AND m.group_id = g.id) AS members,
      cash.id AS cash_id, savings.id AS savings_id
    FROM groups g
    CROSS JOIN generate_series(0, ${count - 1}) AS n
    JOIN accounts cash ON cash.org_id = g.org_id AND cash.book_id = g.book_id AND cash.purpose = 'cash'
    JOIN accounts savings ON savings.org_id = g.org_id AND savings.book_id = g.book_id AND savings.purpose = 'member_savings'
    WHERE g.org_id = ${orgId} AND g.id = ANY(${[...groupIds]}::uuid[])`.execute(trx);
  await sql`DELETE FROM bulk_meetings WHERE members = 0`.execute(trx);
  await sql`
    INSERT INTO journal_entries (org_id, id, book_id, value_date, source_type, source_id, narration, total_minor, line_count)
    SELECT org_id, entry_id, book_id, held_on, 'meeting', meeting_id::text, 'Meeting ' || (n + 1), members * ${savingMinor}, 2
    FROM bulk_meetings`.execute(trx);
  await sql`
    INSERT INTO journal_lines (org_id, entry_id, line_no, book_id, account_id, value_date, debit_minor, credit_minor)
    SELECT org_id, entry_id, 1, book_id, cash_id, held_on, members * ${savingMinor}, 0 FROM bulk_meetings
    UNION ALL
    SELECT org_id, entry_id, 2, book_id, savings_id, held_on, 0, members * ${savingMinor} FROM bulk_meetings`.execute(
    trx,
  );
  await sql`
    INSERT INTO meetings (org_id, id, group_id, held_on, command_hash, command, entry_id, cash_computed_minor,
      cash_counted_minor, cash_difference_minor)
    SELECT org_id, meeting_id, group_id, held_on, 'bulk', '{}'::jsonb, entry_id, (n + 1) * members * ${savingMinor},
      (n + 1) * members * ${savingMinor}, 0
    FROM bulk_meetings`.execute(trx);
  await sql`
    INSERT INTO meeting_attendance (org_id, meeting_id, member_id, status)
    SELECT b.org_id, b.meeting_id, m.id, 'present'
    FROM bulk_meetings b JOIN group_members m ON m.org_id = b.org_id AND m.group_id = b.group_id`.execute(
    trx,
  );
  await sql`
    INSERT INTO group_movements (org_id, meeting_id, line_no, group_id, member_id, held_on, kind, amount_minor)
    SELECT b.org_id, b.meeting_id, row_number() OVER (PARTITION BY b.meeting_id ORDER BY m.id), b.group_id, m.id,
      b.held_on, 'savings', ${savingMinor}
    FROM bulk_meetings b JOIN group_members m ON m.org_id = b.org_id AND m.group_id = b.group_id`.execute(
    trx,
  );
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bulk_meetings`.execute(trx);
  return rows[0]?.n ?? 0;
}
