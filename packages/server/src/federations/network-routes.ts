/**
 * The partner network. A network organization lists its partners (its own records: contacts, region, agreement
 * dates) and sees, for each partner on Moldir that shares with it, only aggregates: counts and sums read by one
 * definer function that checks both sides (the network lists the partner, the partner's own membership row says
 * it shares). A partner decides that on its side; nothing else of a partner is readable by the network.
 * Named data goes further only when the partner shares it too, and then only of the members who consented to
 * sharing with the network: their names, sex, year of birth, group and region (every read audited).
 */
import {
  createNetworkPartnerRequestSchema,
  networkDashboardSchema,
  networkDirectoryEntrySchema,
  networkJoinerSchema,
  networkMembershipSchema,
  networkNamedMemberSchema,
  networkPartnerSchema,
  setNetworkMembershipRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import { limits } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";

const tags = ["network"];

type PartnerRow = {
  id: string;
  partner_org_id: string | null;
  name: string;
  kind: "ngo" | "federation";
  region_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  agreement_from: string | null;
  agreement_until: string | null;
};

const toPartner = (p: PartnerRow) => ({
  id: p.id,
  partnerOrgId: p.partner_org_id,
  name: p.name,
  kind: p.kind,
  regionId: p.region_id,
  contactName: p.contact_name,
  contactPhone: p.contact_phone,
  contactEmail: p.contact_email,
  agreementFrom: p.agreement_from,
  agreementUntil: p.agreement_until,
});

async function partnersOf(trx: Tx, orgId: string) {
  return trx
    .selectFrom("network_partners")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("name")
    .limit(limits.pageSizeMax)
    .execute();
}

async function requireNetwork(trx: Tx, orgId: string): Promise<void> {
  const org = await trx
    .selectFrom("organizations")
    .select("kind")
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  if (org.kind !== "network") throw new AppError("organization_must_be_network");
}

type Figures = {
  groups: number;
  members: number;
  savingsMinor: bigint;
  loansOutstandingMinor: bigint;
  fundLoansOutstandingMinor: bigint;
  federationNodes: number;
};
const zero = (): Figures => ({
  groups: 0,
  members: 0,
  savingsMinor: 0n,
  loansOutstandingMinor: 0n,
  fundLoansOutstandingMinor: 0n,
  federationNodes: 0,
});
function add(sum: Figures, f: Figures): void {
  sum.groups += f.groups;
  sum.members += f.members;
  sum.savingsMinor += f.savingsMinor;
  sum.loansOutstandingMinor += f.loansOutstandingMinor;
  sum.fundLoansOutstandingMinor += f.fundLoansOutstandingMinor;
  sum.federationNodes += f.federationNodes;
}
const wire = (f: Figures) => ({
  ...f,
  savingsMinor: f.savingsMinor.toString(),
  loansOutstandingMinor: f.loansOutstandingMinor.toString(),
  fundLoansOutstandingMinor: f.fundLoansOutstandingMinor.toString(),
});

export async function networkRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/api/v1/network/partners",
    {
      config: { access: { kind: "permission", permission: "organization.manage" } },
      schema: {
        tags,
        summary: "A network lists a partner (NGO or federation) with contacts, region and agreement dates",
        body: createNetworkPartnerRequestSchema,
        response: { 201: networkPartnerSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      const from = body.agreementFrom ? dateOrRefuse(body.agreementFrom, "agreementFrom") : null;
      const until = body.agreementUntil ? dateOrRefuse(body.agreementUntil, "agreementUntil") : null;
      if (from !== null && until !== null && until < from)
        throw new AppError("date_must_not_precede_start", { field: "agreementUntil", start: from });
      const partner = await inTenant(database, request, async (trx) => {
        await requireNetwork(trx, orgId);
        if (body.regionId) {
          const region = await trx
            .selectFrom("regions")
            .select("id")
            .where("id", "=", body.regionId)
            .executeTakeFirst();
          if (region === undefined) throw new AppError("region_must_exist", { field: "regionId" });
        }
        const row: PartnerRow & { org_id: string } = {
          org_id: orgId,
          id: newId(),
          partner_org_id: body.partnerOrgId ?? null,
          name: body.name,
          kind: body.kind,
          region_id: body.regionId ?? null,
          contact_name: body.contactName ?? null,
          contact_phone: body.contactPhone ?? null,
          contact_email: body.contactEmail ?? null,
          agreement_from: from,
          agreement_until: until,
        };
        await trx.insertInto("network_partners").values(row).execute();
        await audit(trx, request, {
          action: "network_partner.create",
          recordType: "network_partner",
          recordId: row.id,
          summary: { name: row.name, partnerOrgId: row.partner_org_id },
        });
        return toPartner(row);
      });
      return reply.code(201).send(partner);
    },
  );

  routes.get(
    "/api/v1/network/partners",
    {
      config: { access: { kind: "permission", permission: "organization.read" } },
      schema: {
        tags,
        summary: "The partners the network lists (its own records)",
        response: { 200: z.object({ items: z.array(networkPartnerSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => ({
        items: (await partnersOf(trx, orgId)).map(toPartner),
      }));
    },
  );

  routes.get(
    "/api/v1/network/dashboard",
    {
      config: { access: { kind: "permission", permission: "network.read" } },
      schema: {
        tags,
        summary: "The figures each partner shares, side by side, in total and by region, as of a date",
        querystring: z.strictObject({ asOf: z.string().optional() }),
        response: { 200: networkDashboardSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        await requireNetwork(trx, orgId);
        const asOf = request.query.asOf
          ? dateOrRefuse(request.query.asOf, "asOf")
          : await todayOf(trx, orgId);
        const partners = await partnersOf(trx, orgId);
        const { rows } = await sql<{
          partner_org_id: string;
          groups: number;
          members: number;
          savings_minor: string;
          loans_outstanding_minor: string;
          fund_loans_outstanding_minor: string;
          federation_nodes: number;
        }>`SELECT * FROM moldir_network_aggregates(${asOf}::date)`.execute(trx);
        const shared = new Map(
          rows.map((r) => [
            r.partner_org_id,
            {
              groups: r.groups,
              members: r.members,
              savingsMinor: BigInt(r.savings_minor),
              loansOutstandingMinor: BigInt(r.loans_outstanding_minor),
              fundLoansOutstandingMinor: BigInt(r.fund_loans_outstanding_minor),
              federationNodes: r.federation_nodes,
            } satisfies Figures,
          ]),
        );
        const total = zero();
        const regions = new Map<string | null, Figures & { partners: number }>();
        const list = partners.map((p) => {
          const figures = p.partner_org_id === null ? undefined : shared.get(p.partner_org_id);
          if (figures !== undefined) {
            add(total, figures);
            const region = regions.get(p.region_id) ?? { ...zero(), partners: 0 };
            add(region, figures);
            region.partners += 1;
            regions.set(p.region_id, region);
          }
          return {
            ...toPartner(p),
            isShared: figures !== undefined,
            figures: figures === undefined ? null : wire(figures),
          };
        });
        return {
          asOf,
          partners: list,
          total: { ...wire(total), partnersSharing: list.filter((p) => p.isShared).length },
          regions: [...regions.entries()].map(([regionId, f]) => ({
            regionId,
            ...wire(f),
            partners: f.partners,
          })),
        };
      });
    },
  );

  routes.get(
    "/api/v1/network-memberships",
    {
      config: { access: { kind: "permission", permission: "organization.read" } },
      schema: {
        tags,
        summary: "The networks this organization belongs to, and whether it shares its aggregates with each",
        response: { 200: z.object({ items: z.array(networkMembershipSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const rows = await trx
          .selectFrom("network_memberships")
          .selectAll()
          .where("org_id", "=", orgId)
          .orderBy("joined_on")
          .limit(limits.pageSizeMax)
          .execute();
        const names = await networkNames(trx);
        return { items: rows.map((r) => toMembership(r, names, request.locale)) };
      });
    },
  );

  routes.put(
    "/api/v1/network-memberships",
    {
      config: { access: { kind: "permission", permission: "organization.manage" } },
      schema: {
        tags,
        summary: "Join a network, or change what this organization shares with it (aggregates or nothing)",
        body: setNetworkMembershipRequestSchema,
        response: { 200: networkMembershipSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      const joinedOn = dateOrRefuse(body.joinedOn, "joinedOn");
      return inTenant(database, request, async (trx) => {
        const { rows } = await sql<{
          ok: boolean;
        }>`SELECT moldir_is_network(${body.networkOrgId}::uuid) AS ok`.execute(trx);
        if (rows[0]?.ok !== true || body.networkOrgId === orgId)
          throw new AppError("network_must_exist", { field: "networkOrgId" });
        await trx
          .insertInto("network_memberships")
          .values({
            org_id: orgId,
            network_org_id: body.networkOrgId,
            joined_on: joinedOn,
            shares_aggregates: body.sharesAggregates,
            shares_named_data: body.sharesNamedData ?? false,
          })
          .onConflict((oc) =>
            oc.columns(["org_id", "network_org_id"]).doUpdateSet({
              shares_aggregates: body.sharesAggregates,
              shares_named_data: body.sharesNamedData ?? false,
            }),
          )
          .execute();
        await audit(trx, request, {
          action: "network_membership.set",
          recordType: "network_membership",
          recordId: body.networkOrgId,
          summary: {
            sharesAggregates: body.sharesAggregates,
            sharesNamedData: body.sharesNamedData ?? false,
          },
        });
        const row = await trx
          .selectFrom("network_memberships")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("network_org_id", "=", body.networkOrgId)
          .executeTakeFirstOrThrow();
        return toMembership(row, await networkNames(trx), request.locale);
      });
    },
  );

  routes.get(
    "/api/v1/networks",
    {
      config: { access: { kind: "permission", permission: "organization.read" } },
      schema: {
        tags,
        summary: "The networks on Moldir an organization may join (their names only)",
        response: { 200: z.object({ items: z.array(networkDirectoryEntrySchema) }) },
      },
    },
    async (request) =>
      inTenant(database, request, async (trx) => ({
        items: [...(await networkNames(trx)).entries()].map(([orgId, names]) => ({ orgId, names })),
      })),
  );

  routes.get(
    "/api/v1/network/joiners",
    {
      config: { access: { kind: "permission", permission: "organization.read" } },
      schema: {
        tags,
        summary: "The organizations that say they belong to this network, to list as partners",
        response: { 200: z.object({ items: z.array(networkJoinerSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        await requireNetwork(trx, orgId);
        const { rows } = await sql<{
          org_id: string;
          kind: string;
          name_kk: string;
          name_ru: string;
          name_en: string;
          region_id: string | null;
          joined_on: string;
        }>`SELECT * FROM moldir_network_joiners()`.execute(trx);
        return {
          items: rows.map((r) => ({
            orgId: r.org_id,
            names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
            kind: r.kind,
            regionId: r.region_id,
            joinedOn: r.joined_on,
          })),
        };
      });
    },
  );

  routes.get(
    "/api/v1/network/partners/:partnerId/members",
    {
      config: { access: { kind: "permission", permission: "network.read" } },
      schema: {
        tags,
        summary:
          "Named data a partner shares: its members who consented to sharing with the network (names, sex, year of birth, group, region)",
        params: z.object({ partnerId: uuidSchema }),
        querystring: z.strictObject({ asOf: z.string().optional() }),
        response: {
          // Empty when the partner shares no named data, or none of its members consented to it.
          200: z.object({ asOf: z.string(), items: z.array(networkNamedMemberSchema) }),
        },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const partner = await trx
          .selectFrom("network_partners")
          .select(["id", "partner_org_id", "name"])
          .where("org_id", "=", orgId)
          .where("id", "=", request.params.partnerId)
          .executeTakeFirst();
        if (partner === undefined) throw new AppError("record_must_exist");
        await requireNetwork(trx, orgId);
        const asOf = request.query.asOf
          ? dateOrRefuse(request.query.asOf, "asOf")
          : await todayOf(trx, orgId);
        if (partner.partner_org_id === null) return { asOf, items: [] };
        const { rows } = await sql<{
          person_id: string;
          surname: string;
          given_name: string;
          patronymic: string | null;
          sex: "female" | "male";
          birth_year: number | null;
          group_name: string;
          region_id: string | null;
        }>`SELECT * FROM moldir_network_named_members(${partner.partner_org_id}::uuid, ${asOf}::date, ${limits.pageSizeMax})`.execute(
          trx,
        );
        await audit(trx, request, {
          action: "network_members.read",
          recordType: "network_partner",
          recordId: partner.id,
          summary: { asOf, persons: rows.length },
        });
        return {
          asOf,
          items: rows.map((r) => ({
            personId: r.person_id,
            surname: r.surname,
            givenName: r.given_name,
            patronymic: r.patronymic,
            sex: r.sex,
            birthYear: r.birth_year,
            groupName: r.group_name,
            regionId: r.region_id,
          })),
        };
      });
    },
  );
}

/** The networks on Moldir by id, with their names (through a definer function: names only). */
async function networkNames(trx: Tx): Promise<Map<string, { kk: string; ru: string; en: string }>> {
  const { rows } = await sql<{
    org_id: string;
    name_kk: string;
    name_ru: string;
    name_en: string;
  }>`SELECT * FROM moldir_networks()`.execute(trx);
  return new Map(rows.map((r) => [r.org_id, { kk: r.name_kk, ru: r.name_ru, en: r.name_en }]));
}

function toMembership(
  row: { network_org_id: string; joined_on: string; shares_aggregates: boolean; shares_named_data: boolean },
  names: ReadonlyMap<string, { kk: string; ru: string; en: string }>,
  locale: "kk" | "ru" | "en",
) {
  return {
    networkOrgId: row.network_org_id,
    networkName: names.get(row.network_org_id)?.[locale] ?? null,
    joinedOn: row.joined_on,
    sharesAggregates: row.shares_aggregates,
    sharesNamedData: row.shares_named_data,
  };
}
