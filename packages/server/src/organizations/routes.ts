/** The organization's profile, its offices (a tree) and the regions of Kazakhstan. */
import {
  createOfficeRequestSchema,
  officeSchema,
  organizationSchema,
  regionSchema,
  updateOfficeRequestSchema,
  updateOrganizationRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import { isValidBin, limits } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";

const tags = ["organizations"];

type OrganizationRow = {
  org_id: string;
  kind: "network" | "ngo" | "federation" | "mco";
  name_kk: string;
  name_ru: string;
  name_en: string;
  bin: string | null;
  region_id: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  currency: string;
  time_zone: string;
  require_two_factor_for_admins: boolean;
  version: number;
};

function toOrganization(row: OrganizationRow) {
  return {
    orgId: row.org_id,
    kind: row.kind,
    names: { kk: row.name_kk, ru: row.name_ru, en: row.name_en },
    bin: row.bin,
    regionId: row.region_id,
    phone: row.phone,
    email: row.email,
    address: row.address,
    currency: row.currency,
    timeZone: row.time_zone,
    requireTwoFactorForAdmins: row.require_two_factor_for_admins,
    version: row.version,
  };
}

function toOffice(row: {
  id: string;
  parent_id: string | null;
  name_kk: string;
  name_ru: string;
  name_en: string;
  region_id: string | null;
  version: number;
}) {
  return {
    id: row.id,
    parentId: row.parent_id,
    names: { kk: row.name_kk, ru: row.name_ru, en: row.name_en },
    regionId: row.region_id,
    version: row.version,
  };
}

async function checkRegion(trx: Tx, regionId: string | null | undefined): Promise<void> {
  if (regionId === null || regionId === undefined) return;
  const region = await trx.selectFrom("regions").select("id").where("id", "=", regionId).executeTakeFirst();
  if (region === undefined) throw new AppError("region_must_exist", { field: "regionId" });
}

const officeColumns = ["id", "parent_id", "name_kk", "name_ru", "name_en", "region_id", "version"] as const;

export async function organizationRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/api/v1/regions",
    {
      config: { access: { kind: "member" } },
      schema: {
        tags,
        summary: "Regions of Kazakhstan: oblasts, cities, districts, settlements",
        response: { 200: z.object({ items: z.array(regionSchema) }) },
      },
    },
    async (request) => {
      const rows = await inTenant(database, request, (trx) =>
        trx.selectFrom("regions").selectAll().orderBy("id").execute(),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          parentId: r.parent_id,
          level: r.level,
          names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
        })),
      };
    },
  );

  routes.get(
    "/api/v1/organization",
    {
      config: { access: { kind: "permission", permission: "organization.read", anyScope: true } },
      schema: {
        tags,
        summary: "The profile of the current organization",
        response: { 200: organizationSchema },
      },
    },
    async (request) => {
      const row = await inTenant(database, request, (trx) =>
        trx
          .selectFrom("organizations")
          .selectAll()
          .where("org_id", "=", memberOf(request).orgId)
          .executeTakeFirst(),
      );
      if (row === undefined) throw new AppError("record_must_exist");
      return toOrganization(row);
    },
  );

  routes.patch(
    "/api/v1/organization",
    {
      config: { access: { kind: "permission", permission: "organization.manage" } },
      schema: {
        tags,
        summary: "Change the profile of the current organization",
        body: updateOrganizationRequestSchema,
        response: { 200: organizationSchema },
      },
    },
    async (request) => {
      const body = request.body;
      const orgId = memberOf(request).orgId;
      if (body.bin !== undefined && body.bin !== null && !isValidBin(body.bin))
        throw new AppError("bin_must_be_valid", { field: "bin" });
      const row = await inTenant(database, request, async (trx) => {
        await checkRegion(trx, body.regionId);
        const before = await trx
          .selectFrom("organizations")
          .selectAll()
          .where("org_id", "=", orgId)
          .executeTakeFirst();
        if (before === undefined) throw new AppError("record_must_exist");
        if (before.version !== body.version)
          throw new AppError("version_must_match", { version: before.version });
        const changes = {
          ...(body.names === undefined
            ? {}
            : { name_kk: body.names.kk, name_ru: body.names.ru, name_en: body.names.en }),
          ...(body.bin === undefined ? {} : { bin: body.bin }),
          ...(body.regionId === undefined ? {} : { region_id: body.regionId }),
          ...(body.phone === undefined ? {} : { phone: body.phone }),
          ...(body.email === undefined ? {} : { email: body.email }),
          ...(body.address === undefined ? {} : { address: body.address }),
          ...(body.timeZone === undefined ? {} : { time_zone: body.timeZone }),
          ...(body.requireTwoFactorForAdmins === undefined
            ? {}
            : { require_two_factor_for_admins: body.requireTwoFactorForAdmins }),
        };
        const after = await trx
          .updateTable("organizations")
          .set({ ...changes, version: sql<number>`version + 1` })
          .where("org_id", "=", orgId)
          .where("version", "=", body.version)
          .returningAll()
          .executeTakeFirst();
        if (after === undefined) throw new AppError("version_must_match");
        const changed = Object.keys(changes);
        await audit(trx, request, {
          action: "organization.update",
          recordType: "organization",
          recordId: orgId,
          summary: { changed, before: pick(before, changed), after: pick(after, changed) },
        });
        return after;
      });
      return toOrganization(row);
    },
  );

  routes.get(
    "/api/v1/offices",
    {
      config: { access: { kind: "permission", permission: "organization.read", anyScope: true } },
      schema: {
        tags,
        summary: "Offices of the organization (flat; parentId makes the tree)",
        response: { 200: z.object({ items: z.array(officeSchema) }) },
      },
    },
    async (request) => {
      const rows = await inTenant(database, request, (trx) =>
        trx
          .selectFrom("offices")
          .select(officeColumns)
          .where("org_id", "=", memberOf(request).orgId)
          .orderBy("name_en")
          .limit(limits.officesPerOrganizationMax)
          .execute(),
      );
      return { items: rows.map(toOffice) };
    },
  );

  routes.post(
    "/api/v1/offices",
    {
      config: { access: { kind: "permission", permission: "offices.manage" } },
      schema: {
        tags,
        summary: "Open an office or branch",
        body: createOfficeRequestSchema,
        response: { 201: officeSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      const row = await inTenant(database, request, async (trx) => {
        await checkRegion(trx, body.regionId);
        if (body.parentId !== null) await checkOfficeExists(trx, orgId, body.parentId);
        const id = body.id ?? newId();
        const created = await trx
          .insertInto("offices")
          .values({
            org_id: orgId,
            id,
            parent_id: body.parentId,
            name_kk: body.names.kk,
            name_ru: body.names.ru,
            name_en: body.names.en,
            region_id: body.regionId ?? null,
          })
          .returning(officeColumns)
          .executeTakeFirstOrThrow();
        await audit(trx, request, {
          action: "office.create",
          recordType: "office",
          recordId: id,
          summary: { names: body.names, parentId: body.parentId },
        });
        return created;
      });
      return reply.code(201).send(toOffice(row));
    },
  );

  routes.patch(
    "/api/v1/offices/:officeId",
    {
      config: { access: { kind: "permission", permission: "offices.manage" } },
      schema: {
        tags,
        summary: "Rename or move an office",
        params: z.object({ officeId: uuidSchema }),
        body: updateOfficeRequestSchema,
        response: { 200: officeSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { officeId } = request.params;
      const body = request.body;
      const row = await inTenant(database, request, async (trx) => {
        const before = await trx
          .selectFrom("offices")
          .select(officeColumns)
          .where("org_id", "=", orgId)
          .where("id", "=", officeId)
          .executeTakeFirst();
        if (before === undefined) throw new AppError("record_must_exist");
        if (before.version !== body.version)
          throw new AppError("version_must_match", { version: before.version });
        await checkRegion(trx, body.regionId);
        if (body.parentId !== undefined && body.parentId !== null) {
          await checkOfficeExists(trx, orgId, body.parentId);
          const ancestors = await ancestorsOf(trx, orgId, body.parentId);
          if (body.parentId === officeId || ancestors.includes(officeId))
            throw new AppError("office_must_not_be_its_own_ancestor", { field: "parentId" });
        }
        const changes = {
          ...(body.parentId === undefined ? {} : { parent_id: body.parentId }),
          ...(body.names === undefined
            ? {}
            : { name_kk: body.names.kk, name_ru: body.names.ru, name_en: body.names.en }),
          ...(body.regionId === undefined ? {} : { region_id: body.regionId }),
        };
        const after = await trx
          .updateTable("offices")
          .set({ ...changes, version: sql<number>`version + 1` })
          .where("org_id", "=", orgId)
          .where("id", "=", officeId)
          .where("version", "=", body.version)
          .returning(officeColumns)
          .executeTakeFirst();
        if (after === undefined) throw new AppError("version_must_match");
        await audit(trx, request, {
          action: "office.update",
          recordType: "office",
          recordId: officeId,
          summary: { before: toOffice(before), after: toOffice(after) },
        });
        return after;
      });
      return toOffice(row);
    },
  );
}

async function checkOfficeExists(trx: Tx, orgId: string, officeId: string): Promise<void> {
  const parent = await trx
    .selectFrom("offices")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", officeId)
    .executeTakeFirst();
  if (parent === undefined) throw new AppError("office_parent_must_exist", { field: "parentId" });
}

/** The ids above an office, nearest first (bounded by the number of offices). */
export async function ancestorsOf(trx: Tx, orgId: string, officeId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM offices WHERE org_id = ${orgId} AND id = ${officeId}
      UNION ALL
      SELECT o.id, o.parent_id, up.depth + 1 FROM offices o JOIN up ON o.org_id = ${orgId} AND o.id = up.parent_id
      WHERE up.depth < ${limits.officesPerOrganizationMax}
    ) SELECT id FROM up WHERE depth > 0 ORDER BY depth`.execute(trx);
  return rows.map((r) => r.id);
}

function pick(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}
