import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, withTenant } from "./tenancy";
import { useTestDatabase } from "./testing";

// Row-level security must hold even for a query that forgets its organization filter, on both engines,
// although the test connection is a superuser (which RLS does not bind): the tenant transaction switches
// to the role moldir_app, which owns nothing.
describe("row-level security", () => {
  const database = useTestDatabase();
  const orgA = randomUUID();
  const orgB = randomUUID();
  const officeA = randomUUID();
  const officeB = randomUUID();
  const userA = randomUUID();
  const userB = randomUUID();

  beforeAll(async () => {
    await asSystem(database(), async (trx) => {
      for (const [orgId, name] of [
        [orgA, "A"],
        [orgB, "B"],
      ] as const) {
        await trx
          .insertInto("organizations")
          .values({ org_id: orgId, kind: "ngo", name_kk: name, name_ru: name, name_en: name })
          .execute();
      }
      await trx
        .insertInto("offices")
        .values([
          {
            org_id: orgA,
            id: officeA,
            parent_id: null,
            name_kk: "A1",
            name_ru: "A1",
            name_en: "A1",
            region_id: null,
          },
          {
            org_id: orgB,
            id: officeB,
            parent_id: null,
            name_kk: "B1",
            name_ru: "B1",
            name_en: "B1",
            region_id: null,
          },
        ])
        .execute();
      await trx
        .insertInto("users")
        .values([
          { id: userA, email: `${userA}@a.kz`, phone: null, display_name: "Алия" },
          { id: userB, email: `${userB}@b.kz`, phone: null, display_name: "Бибигүл" },
        ])
        .execute();
      await trx
        .insertInto("memberships")
        .values([
          { org_id: orgA, user_id: userA },
          { org_id: orgB, user_id: userB },
        ])
        .execute();
      await trx.insertInto("user_credentials").values({ user_id: userA, password_hash: "x" }).execute();
    });
  });

  it("shows a query without a filter only its own organization's rows", async () => {
    const rows = await withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
      trx.selectFrom("offices").select(["id", "org_id"]).execute(),
    );
    expect(rows).toEqual([{ id: officeA, org_id: orgA }]);
    const organizations = await withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
      trx.selectFrom("organizations").select("org_id").execute(),
    );
    expect(organizations).toEqual([{ org_id: orgA }]);
  });

  it("really runs as the unprivileged role", async () => {
    const { rows } = await withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
      sql<{ who: string }>`SELECT current_user AS who`.execute(trx),
    );
    expect(rows[0]?.who).toBe("moldir_app");
  });

  it("refuses to write a row into another organization", async () => {
    await expect(
      withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
        trx
          .insertInto("offices")
          .values({
            org_id: orgB,
            id: randomUUID(),
            parent_id: null,
            name_kk: "x",
            name_ru: "x",
            name_en: "x",
            region_id: null,
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot change or delete another organization's rows, even by id", async () => {
    const updated = await withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
      trx.updateTable("offices").set({ name_en: "taken" }).where("id", "=", officeB).executeTakeFirst(),
    );
    expect(updated.numUpdatedRows).toBe(0n);
    const deleted = await withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
      trx.deleteFrom("offices").where("id", "=", officeB).executeTakeFirst(),
    );
    expect(deleted.numDeletedRows).toBe(0n);
  });

  it("sees only users who belong to the organization, or oneself", async () => {
    const rows = await withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
      trx.selectFrom("users").select("id").execute(),
    );
    expect(rows.map((r) => r.id)).toEqual([userA]);
  });

  it("never lets a request read passwords or sessions", async () => {
    await expect(
      withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
        trx.selectFrom("user_credentials").selectAll().execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(database(), { orgId: orgA, userId: userA }, (trx) =>
        trx.selectFrom("sessions").selectAll().execute(),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it("sees nothing when no organization is set", async () => {
    const rows = await database()
      .db.transaction()
      .execute(async (trx) => {
        await sql`SELECT set_config('role', 'moldir_app', true)`.execute(trx);
        return trx.selectFrom("offices").select("id").execute();
      });
    expect(rows).toEqual([]);
  });

  it("forgets the organization and the role when the transaction ends", async () => {
    await withTenant(database(), { orgId: orgA, userId: userA }, async () => undefined);
    const { rows } = await sql<{ who: string; org: string | null }>`SELECT current_user AS who,
      nullif(current_setting('moldir.org_id', true), '') AS org`.execute(database().db);
    expect(rows[0]?.who).not.toBe("moldir_app");
    expect(rows[0]?.org ?? null).toBeNull();
  });

  it("binds every table with an organization column that requests can read to row-level security", async () => {
    // A walk over the schema, so a new table (loan_positions of migration 0024, and whatever comes next) cannot
    // forget its policy. A table the request role cannot read at all (sessions) needs none.
    const { rows } = await sql<{ name: string; secured: boolean; policies: number; readable: boolean }>`
      SELECT c.relname AS name, c.relrowsecurity AS secured,
        has_table_privilege('moldir_app', c.oid, 'SELECT') AS readable,
        (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname)
          AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND EXISTS (
        SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
      ORDER BY c.relname`.execute(database().db);
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(["loan_accruals", "loan_positions"]));
    const open = rows.filter((row) => row.readable && (!row.secured || row.policies === 0));
    expect(open.map((row) => row.name)).toEqual([]);
  });

  it("refuses to change or delete audit events, even for the superuser", async () => {
    await asSystem(database(), (trx) =>
      trx
        .insertInto("audit_events")
        .values({
          org_id: orgA,
          id: randomUUID(),
          action: "test",
          record_type: "test",
          record_id: null,
          summary: "{}",
        })
        .execute(),
    );
    await expect(
      asSystem(database(), (trx) => trx.updateTable("audit_events").set({ action: "x" }).execute()),
    ).rejects.toThrow(/append-only/);
    await expect(asSystem(database(), (trx) => trx.deleteFrom("audit_events").execute())).rejects.toThrow(
      /append-only/,
    );
  });
});
