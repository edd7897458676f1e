/**
 * What the database benchmarks start from: an organization with its book (the micro-credit chart), an
 * administrator, and an API token for her, made with the application's own code (the test fixtures and
 * `createBook`); the token row is written as `POST /api/v1/api-tokens` writes it. People come from the generator.
 */
import { asSystem, type Database, withTenant } from "@moldir/db";
import {
  type GeneratedPerson,
  generateHouseholds,
  type Village,
  villages,
} from "@moldir/server/generator/population";
import { createRandom } from "@moldir/server/generator/random";
import { apiTokenPrefix } from "@moldir/server/http/access";
import { newId, newSecretToken, sha256 } from "@moldir/server/identity/secrets";
import { createBook } from "@moldir/server/ledger/books";
import { buildOrganization, buildUser } from "@moldir/server/testing/fixtures";

export interface LedgerFixture {
  readonly orgId: string;
  readonly userId: string;
  readonly email: string;
  readonly bookId: string;
  /** Accounts of the book that take postings, by code. */
  readonly accountIds: readonly string[];
  /** `Authorization: Bearer …` */
  readonly token: string;
}

const tokenPermissions = ["organization.read", "ledger.read", "ledger.post", "people.read", "people.manage"];

export async function buildLedgerFixture(database: Database): Promise<LedgerFixture> {
  const { orgId } = await buildOrganization(database, { kind: "mco", name: "Bench MCO" });
  const { userId, email } = await buildUser(database, orgId, ["administrator"]);
  const context = { orgId, userId };
  const { bookId, accountIds } = await withTenant(database, context, async (trx) => {
    const id = await createBook(trx, {
      orgId,
      template: "mco",
      ownerKind: "organization",
      groupId: null,
      names: { kk: "Кітап", ru: "Книга", en: "Book" },
      currency: "KZT",
    });
    const rows = await trx
      .selectFrom("accounts")
      .select("id")
      .where("org_id", "=", orgId)
      .where("book_id", "=", id)
      .where("is_header", "=", false)
      .where("is_active", "=", true)
      .orderBy("code")
      .execute();
    return { bookId: id, accountIds: rows.map((r) => r.id) };
  });
  const token = newSecretToken(apiTokenPrefix);
  await asSystem(database, (trx) =>
    trx
      .insertInto("api_tokens")
      .values({
        org_id: orgId,
        id: newId(),
        user_id: userId,
        name: "bench",
        token_hash: sha256(token),
        permissions: tokenPermissions,
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute(),
  );
  return { orgId, userId, email, bookId, accountIds, token };
}

/** Women made by the generator (Kazakh and Russian names, valid and unique IINs and phones); the same for a seed. */
export function generatedWomen(total: number, seed = 2026): GeneratedPerson[] {
  const homes = Array.from({ length: total }, (_, index) => villages[index % villages.length] as Village);
  return generateHouseholds(createRandom(seed), homes, { asOfYear: 2026, childShare: 0 }).map(
    (household) => household.woman,
  );
}
