/**
 * HTTP routes of federations: the tree of nodes and the groups in each over time, office bearers, community
 * funds (rules, credit plans appraised and approved, loans and repayments posted in both books), membership
 * fees, the federation's sign-off of its groups' grades, and the roll-up of any node as of a date.
 *
 * Every route that names a node, an application or a loan reaches it only within the actor's federation scope
 * for the route's permission (scope.ts); outside it the record does not exist for her.
 */
import {
  addOfficeBearerRequestSchema,
  createFederationNodeRequestSchema,
  createFundApplicationRequestSchema,
  decideFundApplicationRequestSchema,
  disburseFundLoanRequestSchema,
  federationFeeSchema,
  federationNodeSchema,
  federationNodeSummarySchema,
  fundApplicationSchema,
  fundLoanSchema,
  gradeReviewSchema,
  joinNodeRequestSchema,
  leaveNodeRequestSchema,
  pendingResponseSchema,
  recordFederationFeeRequestSchema,
  recordFundRepaymentRequestSchema,
  rollupQuerySchema,
  rollupSchema,
  setFundRulesRequestSchema,
  signOffGradeRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import {
  addMonths,
  checkCreditPlan,
  checkEligibility,
  checkFundRules,
  defaultFundRules,
  endOfMonth,
  type Fund,
  type FundRules,
  fundLoanPostings,
  fundLoanSchedule,
  type GradeLetter,
  limits,
  membershipFeePostings,
  metricsOfGroups,
  type PlainDate,
  plainDate,
  type Rollup,
  rollUp,
} from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ApprovableAction, performOrQueue, registerApprovableAction } from "../approvals/registry";
import { cashAsOf, gradeOfGroup, meetingsAsOf } from "../groups/health";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { createBook } from "../ledger/books";
import { fundPositionOf, type GroupRow, heldGrade, repaymentsOf, statusOf } from "./figures";
import { repayFundLoan } from "./repayments";
import { figuresOfNodes } from "./rollup";
import { isNodeInScope, nodeScopeOf, nodesBelow, requireNodeInScope } from "./scope";
import { postInBothBooks } from "./two-books";

const tags = ["federations"];
const nodeParams = z.object({ nodeId: uuidSchema });
const levelRank = { village: 0, cluster: 1, regional: 2 } as const;

type RulesJson = {
  allowedGrades: GradeLetter[];
  regularMonthsMin: number;
  amountMaxMinor: string;
  termMonthsMax: number;
  rateBpsPerMonth: number;
};
const rulesFromJson = (json: RulesJson): FundRules => ({
  ...json,
  amountMaxMinor: BigInt(json.amountMaxMinor),
});

function positiveAmount(text: string, field: string): bigint {
  const amount = BigInt(text);
  if (amount <= 0n || amount > limits.amountMaxMinor)
    throw new AppError("amount_must_be_positive", { field });
  return amount;
}

function notBefore(date: PlainDate, start: string, field: string): void {
  if (date < start) throw new AppError("date_must_not_precede_start", { field, start });
}

async function loadNode(trx: Tx, orgId: string, nodeId: string) {
  const node = await trx
    .selectFrom("federation_nodes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", nodeId)
    .executeTakeFirst();
  if (node === undefined) throw new AppError("record_must_exist");
  return node;
}

async function loadGroup(
  trx: Tx,
  orgId: string,
  groupId: string,
  field: string,
  lock = false,
): Promise<GroupRow> {
  let query = trx
    .selectFrom("groups")
    .select(["id", "name", "book_id", "frequency", "formed_on"])
    .where("org_id", "=", orgId)
    .where("id", "=", groupId);
  if (lock) query = query.forUpdate();
  const group = await query.executeTakeFirst();
  if (group === undefined) throw new AppError("record_must_exist", { field });
  return group;
}

/** The group's membership of the node on a date; refuses a group that was not in the node then. */
async function requireGroupInNode(trx: Tx, orgId: string, nodeId: string, groupId: string, on: PlainDate) {
  const member = await trx
    .selectFrom("federation_node_groups")
    .select("id")
    .where("org_id", "=", orgId)
    .where("node_id", "=", nodeId)
    .where("group_id", "=", groupId)
    .where("joined_on", "<=", on)
    .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">", on)]))
    .executeTakeFirst();
  if (member === undefined) throw new AppError("group_must_belong_to_node", { field: "groupId" });
}

const fundDisbursementPayload = z.object({ applicationId: z.string(), disbursedOn: z.string() });

/**
 * Disbursing an approved plan: the loan posts in the node's book and the group's together. Four eyes when the
 * organization asks for them (`fund_loan.disburse`): the request waits for a second person, and everything is
 * checked again when she approves (the plan still approved, the group still in the node, the node's cash).
 */
const fundDisbursementAction: ApprovableAction<
  z.infer<typeof fundDisbursementPayload>,
  z.infer<typeof fundLoanSchema>
> = {
  action: "fund_loan.disburse",
  permission: "federations.manage",
  payloadSchema: fundDisbursementPayload,
  async summarize(trx, context, payload) {
    const application = await trx
      .selectFrom("fund_applications as a")
      .innerJoin("groups as g", (join) =>
        join.onRef("g.org_id", "=", "a.org_id").onRef("g.id", "=", "a.group_id"),
      )
      .select(["a.id", "a.status", "a.fund", "a.amount_minor", "g.name as group_name"])
      .where("a.org_id", "=", context.orgId)
      .where("a.id", "=", payload.applicationId)
      .executeTakeFirst();
    if (application === undefined) throw new AppError("record_must_exist");
    if (application.status !== "approved") throw new AppError("application_must_be_approved");
    return {
      applicationId: application.id,
      group: application.group_name,
      fund: application.fund,
      amountMinor: application.amount_minor.toString(),
      disbursedOn: payload.disbursedOn,
    };
  },
  async execute(trx, context, payload) {
    const { orgId } = context;
    const disbursedOn = plainDate(payload.disbursedOn);
    const application = await trx
      .selectFrom("fund_applications")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("id", "=", payload.applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (application === undefined) throw new AppError("record_must_exist");
    if (application.status !== "approved") throw new AppError("application_must_be_approved");
    notBefore(disbursedOn, application.applied_on, "disbursedOn");
    const node = await loadNode(trx, orgId, application.node_id);
    const group = await loadGroup(trx, orgId, application.group_id, "groupId", true);
    await requireGroupInNode(trx, orgId, node.id, group.id, disbursedOn);
    const cash = await cashAsOf(trx, orgId, node.book_id, "cash", disbursedOn);
    if (cash < application.amount_minor)
      throw new AppError("node_cash_must_cover_loan", { cashMinor: cash.toString() });
    const id = newId();
    const entries = await postInBothBooks(
      trx,
      { orgId, userId: context.checkerUserId ?? context.makerUserId },
      { nodeBookId: node.book_id, groupBookId: group.book_id },
      fundLoanPostings(application.fund, application.amount_minor),
      disbursedOn,
      { type: "fund_loan", id },
      `${application.fund.toUpperCase()} loan: ${node.name} → ${group.name}`,
    );
    await trx
      .insertInto("fund_loans")
      .values({
        org_id: orgId,
        id,
        application_id: application.id,
        node_id: node.id,
        group_id: group.id,
        fund: application.fund,
        principal_minor: application.amount_minor,
        term_months: application.term_months,
        rate_bps_per_month: application.rate_bps_per_month,
        disbursed_on: disbursedOn,
        node_entry_id: entries.nodeEntryId,
        group_entry_id: entries.groupEntryId,
      })
      .execute();
    await trx
      .updateTable("fund_applications")
      .set((eb) => ({ status: "disbursed", version: eb("version", "+", 1) }))
      .where("org_id", "=", orgId)
      .where("id", "=", application.id)
      .execute();
    const [detail] = await loanDetails(trx, orgId, { id }, disbursedOn);
    if (detail === undefined) throw new Error("the loan just written is read back");
    return {
      result: detail,
      recordType: "fund_loan",
      recordId: id,
      summary: {
        applicationId: application.id,
        principalMinor: application.amount_minor.toString(),
        disbursedOn,
      },
    };
  },
};
registerApprovableAction(fundDisbursementAction);

async function rulesOf(
  trx: Tx,
  orgId: string,
  nodeId: string,
  fund: Fund,
  on: PlainDate,
): Promise<FundRules> {
  const row = await trx
    .selectFrom("federation_fund_rules")
    .select("rules")
    .where("org_id", "=", orgId)
    .where("node_id", "=", nodeId)
    .where("fund", "=", fund)
    .where("effective_from", "<=", on)
    .orderBy("effective_from", "desc")
    .executeTakeFirst();
  return row === undefined ? defaultFundRules : rulesFromJson(row.rules as unknown as RulesJson);
}

async function nodeSummaries(trx: Tx, orgId: string) {
  const nodes = await trx
    .selectFrom("federation_nodes as n")
    .select([
      "n.id",
      "n.parent_id",
      "n.level",
      "n.name",
      "n.region_id",
      "n.formed_on",
      "n.book_id",
      "n.version",
      (eb) =>
        eb
          .selectFrom("federation_node_groups as m")
          .select((x) => x.fn.countAll<number>().as("c"))
          .whereRef("m.org_id", "=", "n.org_id")
          .whereRef("m.node_id", "=", "n.id")
          .where("m.left_on", "is", null)
          .as("group_count"),
    ])
    .where("n.org_id", "=", orgId)
    .orderBy("n.name")
    .limit(limits.officesPerOrganizationMax)
    .execute();
  return nodes.map((n) => ({
    id: n.id,
    parentId: n.parent_id,
    level: n.level,
    name: n.name,
    regionId: n.region_id,
    formedOn: n.formed_on,
    bookId: n.book_id,
    groupCount: Number(n.group_count ?? 0),
    version: n.version,
  }));
}

async function applicationDetails(trx: Tx, orgId: string, where: { id?: string; nodeId?: string }) {
  let query = trx
    .selectFrom("fund_applications as a")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.org_id", "=", "a.org_id").onRef("g.id", "=", "a.group_id"),
    )
    .leftJoin("fund_loans as l", (join) =>
      join.onRef("l.org_id", "=", "a.org_id").onRef("l.application_id", "=", "a.id"),
    )
    .selectAll("a")
    .select(["g.name as group_name", "l.id as loan_id"])
    .where("a.org_id", "=", orgId);
  if (where.id !== undefined) query = query.where("a.id", "=", where.id);
  if (where.nodeId !== undefined) query = query.where("a.node_id", "=", where.nodeId);
  const rows = await query
    .orderBy("a.applied_on", "desc")
    .orderBy("a.id", "desc")
    .limit(limits.pageSizeMax)
    .execute();
  return rows.map((a) => ({
    id: a.id,
    nodeId: a.node_id,
    groupId: a.group_id,
    groupName: a.group_name,
    fund: a.fund,
    appliedOn: a.applied_on,
    amountMinor: a.amount_minor.toString(),
    termMonths: a.term_months,
    rateBpsPerMonth: a.rate_bps_per_month,
    plan: a.plan as { memberId: string; amountMinor: string; purpose: string }[],
    eligibility: a.eligibility as unknown as {
      grade: GradeLetter;
      regularMonths: number;
      regularMonthsMin: number;
    },
    status: a.status,
    appraisal: a.appraisal,
    loanId: a.loan_id,
  }));
}

async function applicationDetail(trx: Tx, orgId: string, id: string) {
  const [application] = await applicationDetails(trx, orgId, { id });
  if (application === undefined) throw new AppError("record_must_exist");
  return application;
}

async function loanDetails(trx: Tx, orgId: string, where: { id?: string; nodeId?: string }, asOf: PlainDate) {
  let query = trx
    .selectFrom("fund_loans as l")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.org_id", "=", "l.org_id").onRef("g.id", "=", "l.group_id"),
    )
    .selectAll("l")
    .select("g.name as group_name")
    .where("l.org_id", "=", orgId);
  if (where.id !== undefined) query = query.where("l.id", "=", where.id);
  if (where.nodeId !== undefined) query = query.where("l.node_id", "=", where.nodeId);
  const loans = await query.orderBy("l.disbursed_on", "desc").limit(limits.pageSizeMax).execute();
  const repayments = await repaymentsOf(
    trx,
    orgId,
    loans.map((l) => l.id),
  );
  return loans.map((loan) => {
    const status = statusOf(loan, repayments, asOf);
    return {
      id: loan.id,
      applicationId: loan.application_id,
      nodeId: loan.node_id,
      groupId: loan.group_id,
      groupName: loan.group_name,
      fund: loan.fund,
      principalMinor: loan.principal_minor.toString(),
      termMonths: loan.term_months,
      rateBpsPerMonth: loan.rate_bps_per_month,
      disbursedOn: loan.disbursed_on,
      nodeEntryId: loan.node_entry_id,
      groupEntryId: loan.group_entry_id,
      asOf,
      outstandingMinor: status.outstandingMinor.toString(),
      arrearsMinor: status.arrearsMinor.toString(),
      interestArrearsMinor: status.interestArrearsMinor.toString(),
      daysPastDue: status.daysPastDue,
      schedule: fundLoanSchedule({
        principalMinor: loan.principal_minor,
        termMonths: loan.term_months,
        rateBpsPerMonth: loan.rate_bps_per_month,
        disbursedOn: plainDate(loan.disbursed_on),
      }).map((i) => ({
        ...i,
        principalMinor: i.principalMinor.toString(),
        interestMinor: i.interestMinor.toString(),
      })),
      repayments: repayments
        .filter((r) => r.loan_id === loan.id)
        .map((r) => ({
          id: r.id,
          paidOn: r.paid_on,
          principalMinor: r.principal_minor.toString(),
          interestMinor: r.interest_minor.toString(),
        })),
    };
  });
}

async function nodeDetail(trx: Tx, orgId: string, nodeId: string, today: PlainDate) {
  const node = await loadNode(trx, orgId, nodeId);
  const summary = (await nodeSummaries(trx, orgId)).find((n) => n.id === nodeId);
  if (summary === undefined) throw new AppError("record_must_exist");
  const groups = await trx
    .selectFrom("federation_node_groups as m")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.org_id", "=", "m.org_id").onRef("g.id", "=", "m.group_id"),
    )
    .select(["m.id", "m.group_id", "g.name", "m.joined_on", "m.left_on"])
    .where("m.org_id", "=", orgId)
    .where("m.node_id", "=", nodeId)
    .orderBy("g.name")
    .orderBy("m.joined_on")
    .limit(limits.pageSizeMax)
    .execute();
  const bearers = await trx
    .selectFrom("federation_office_bearers as b")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "b.org_id").onRef("p.id", "=", "b.person_id"),
    )
    .select(["b.id", "b.person_id", "p.surname", "p.given_name", "b.role", "b.from_on", "b.until_on"])
    .where("b.org_id", "=", orgId)
    .where("b.node_id", "=", nodeId)
    .orderBy("b.from_on")
    .limit(limits.pageSizeMax)
    .execute();
  const rules = await trx
    .selectFrom("federation_fund_rules")
    .select(["fund", "effective_from", "rules"])
    .where("org_id", "=", orgId)
    .where("node_id", "=", nodeId)
    .orderBy("fund")
    .orderBy("effective_from")
    .limit(limits.pageSizeMax)
    .execute();
  const loans = await loanDetails(trx, orgId, { nodeId }, today);
  return {
    ...summary,
    groups: groups.map((g) => ({
      id: g.id,
      groupId: g.group_id,
      groupName: g.name,
      joinedOn: g.joined_on,
      leftOn: g.left_on,
    })),
    officeBearers: bearers.map((b) => ({
      id: b.id,
      personId: b.person_id,
      name: `${b.surname} ${b.given_name}`,
      role: b.role,
      fromOn: b.from_on,
      untilOn: b.until_on,
    })),
    fundRules: rules.map((r) => ({
      fund: r.fund,
      effectiveFrom: r.effective_from,
      rules: r.rules as unknown as RulesJson,
    })),
    applications: await applicationDetails(trx, orgId, { nodeId }),
    loans: loans.map(({ schedule: _s, repayments: _r, ...loan }) => loan),
    cashMinor: (await cashAsOf(trx, orgId, node.book_id, "cash", today)).toString(),
  };
}

function wireRollup(r: Rollup) {
  return {
    ...r,
    savingsMinor: r.savingsMinor.toString(),
    loansOutstandingMinor: r.loansOutstandingMinor.toString(),
    loansLateMinor: r.loansLateMinor.toString(),
    fundLoansOutstandingMinor: r.fundLoansOutstandingMinor.toString(),
    fundArrearsMinor: r.fundArrearsMinor.toString(),
  };
}

/** Today where the organization is, for statuses that need a date and were not given one. */
const orgToday = todayOf;

export async function federationRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  app.addHook("preHandler", async (request) => {
    const access = request.routeOptions.config.access;
    const params = request.params as { nodeId?: string; applicationId?: string; loanId?: string };
    if (access?.kind !== "permission") return;
    if (params.nodeId === undefined && params.applicationId === undefined && params.loanId === undefined)
      return;
    const actor = memberOf(request);
    if (actor.organizationPermissions.has(access.permission)) return;
    await inTenant(database, request, async (trx) => {
      const scope = await nodeScopeOf(trx, actor, access.permission);
      let nodeId = params.nodeId;
      if (params.applicationId !== undefined)
        nodeId = (
          await trx
            .selectFrom("fund_applications")
            .select("node_id")
            .where("org_id", "=", actor.orgId)
            .where("id", "=", params.applicationId)
            .executeTakeFirst()
        )?.node_id;
      if (params.loanId !== undefined)
        nodeId = (
          await trx
            .selectFrom("fund_loans")
            .select("node_id")
            .where("org_id", "=", actor.orgId)
            .where("id", "=", params.loanId)
            .executeTakeFirst()
        )?.node_id;
      // A record that does not exist answers 404 from its handler; one out of scope answers the same here.
      if (nodeId !== undefined) requireNodeInScope(scope, nodeId);
    });
  });

  const read = { access: { kind: "permission", permission: "federations.read", anyScope: true } } as const;
  const manage = {
    access: { kind: "permission", permission: "federations.manage", anyScope: true },
  } as const;

  routes.post(
    "/api/v1/federation-nodes",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a node to the federation's tiers, with its own book",
        body: createFederationNodeRequestSchema,
        response: { 201: federationNodeSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const body = request.body;
      const formedOn = dateOrRefuse(body.formedOn, "formedOn");
      const node = await inTenant(database, request, async (trx) => {
        const org = await trx
          .selectFrom("organizations")
          .select(["kind", "currency"])
          .where("org_id", "=", actor.orgId)
          .executeTakeFirstOrThrow();
        if (org.kind !== "federation" && org.kind !== "ngo")
          throw new AppError("organization_must_hold_federations");
        const scope = await nodeScopeOf(trx, actor, "federations.manage");
        if (body.parentId) {
          const parent = await trx
            .selectFrom("federation_nodes")
            .select(["id", "level"])
            .where("org_id", "=", actor.orgId)
            .where("id", "=", body.parentId)
            .executeTakeFirst();
          if (parent === undefined || !isNodeInScope(scope, parent.id))
            throw new AppError("node_parent_must_exist", { field: "parentId" });
          if (levelRank[body.level] >= levelRank[parent.level])
            throw new AppError("node_level_must_be_below_parent", { field: "level" });
        } else if (scope.kind !== "all") throw new AppError("node_parent_must_exist", { field: "parentId" });
        if (body.regionId) {
          const region = await trx
            .selectFrom("regions")
            .select("id")
            .where("id", "=", body.regionId)
            .executeTakeFirst();
          if (region === undefined) throw new AppError("region_must_exist", { field: "regionId" });
        }
        const id = newId();
        const bookId = await createBook(trx, {
          orgId: actor.orgId,
          template: "federation",
          ownerKind: "federation_node",
          groupId: null,
          federationNodeId: id,
          names: { kk: body.name, ru: body.name, en: body.name },
          currency: org.currency,
        });
        await trx
          .insertInto("federation_nodes")
          .values({
            org_id: actor.orgId,
            id,
            parent_id: body.parentId ?? null,
            level: body.level,
            name: body.name,
            region_id: body.regionId ?? null,
            formed_on: formedOn,
            book_id: bookId,
          })
          .execute();
        await audit(trx, request, {
          action: "federation_node.create",
          recordType: "federation_node",
          recordId: id,
          summary: { name: body.name, level: body.level, parentId: body.parentId ?? null },
        });
        return nodeDetail(trx, actor.orgId, id, formedOn);
      });
      return reply.code(201).send(node);
    },
  );

  routes.get(
    "/api/v1/federation-nodes",
    {
      config: read,
      schema: {
        tags,
        summary: "The federation's tree: every node in the actor's scope, with its parent",
        response: { 200: z.object({ items: z.array(federationNodeSummarySchema) }) },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      return inTenant(database, request, async (trx) => {
        const scope = await nodeScopeOf(trx, actor, "federations.read");
        return { items: (await nodeSummaries(trx, actor.orgId)).filter((n) => isNodeInScope(scope, n.id)) };
      });
    },
  );

  routes.get(
    "/api/v1/federation-nodes/:nodeId",
    {
      config: read,
      schema: {
        tags,
        summary:
          "A node with its groups (and their history), office bearers, fund rules, applications and loans",
        params: nodeParams,
        response: { 200: federationNodeSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) =>
        nodeDetail(trx, orgId, request.params.nodeId, await orgToday(trx, orgId)),
      );
    },
  );

  routes.post(
    "/api/v1/federation-nodes/:nodeId/groups",
    {
      config: manage,
      schema: {
        tags,
        summary: "A group joins the node from a date",
        params: nodeParams,
        body: joinNodeRequestSchema,
        response: { 200: federationNodeSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const joinedOn = dateOrRefuse(request.body.joinedOn, "joinedOn");
      return inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, orgId, request.params.nodeId);
        const group = await loadGroup(trx, orgId, request.body.groupId, "groupId", true);
        notBefore(joinedOn, group.formed_on, "joinedOn");
        notBefore(joinedOn, node.formed_on, "joinedOn");
        const current = await trx
          .selectFrom("federation_node_groups")
          .select(["node_id", "joined_on"])
          .where("org_id", "=", orgId)
          .where("group_id", "=", group.id)
          .where("left_on", "is", null)
          .executeTakeFirst();
        if (current !== undefined)
          throw new AppError("group_must_not_be_in_another_node", { field: "groupId" });
        const last = await trx
          .selectFrom("federation_node_groups")
          .select((eb) => eb.fn.max("left_on").as("left_on"))
          .where("org_id", "=", orgId)
          .where("group_id", "=", group.id)
          .executeTakeFirst();
        if (last?.left_on) notBefore(joinedOn, last.left_on, "joinedOn");
        const id = newId();
        await trx
          .insertInto("federation_node_groups")
          .values({
            org_id: orgId,
            id,
            node_id: node.id,
            group_id: group.id,
            joined_on: joinedOn,
            left_on: null,
          })
          .execute();
        await audit(trx, request, {
          action: "federation_node.group_join",
          recordType: "federation_node",
          recordId: node.id,
          summary: { groupId: group.id, joinedOn },
        });
        return nodeDetail(trx, orgId, node.id, joinedOn);
      });
    },
  );

  routes.post(
    "/api/v1/federation-nodes/:nodeId/groups/:groupId/leave",
    {
      config: manage,
      schema: {
        tags,
        summary: "A group leaves the node on a date; its membership stays in the history",
        params: nodeParams.extend({ groupId: uuidSchema }),
        body: leaveNodeRequestSchema,
        response: { 200: federationNodeSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const leftOn = dateOrRefuse(request.body.leftOn, "leftOn");
      return inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, orgId, request.params.nodeId);
        await loadGroup(trx, orgId, request.params.groupId, "groupId", true);
        const current = await trx
          .selectFrom("federation_node_groups")
          .select(["id", "joined_on"])
          .where("org_id", "=", orgId)
          .where("node_id", "=", node.id)
          .where("group_id", "=", request.params.groupId)
          .where("left_on", "is", null)
          .executeTakeFirst();
        if (current === undefined) throw new AppError("group_must_belong_to_node", { field: "groupId" });
        notBefore(leftOn, current.joined_on, "leftOn");
        await trx
          .updateTable("federation_node_groups")
          .set({ left_on: leftOn })
          .where("org_id", "=", orgId)
          .where("id", "=", current.id)
          .execute();
        await audit(trx, request, {
          action: "federation_node.group_leave",
          recordType: "federation_node",
          recordId: node.id,
          summary: { groupId: request.params.groupId, leftOn },
        });
        return nodeDetail(trx, orgId, node.id, leftOn);
      });
    },
  );

  routes.post(
    "/api/v1/federation-nodes/:nodeId/office-bearers",
    {
      config: manage,
      schema: {
        tags,
        summary: "Name an office bearer of the node (president, secretary, treasurer) from a date",
        params: nodeParams,
        body: addOfficeBearerRequestSchema,
        response: { 201: federationNodeSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const fromOn = dateOrRefuse(request.body.fromOn, "fromOn");
      const untilOn = request.body.untilOn ? dateOrRefuse(request.body.untilOn, "untilOn") : null;
      if (untilOn !== null) notBefore(untilOn, fromOn, "untilOn");
      const node = await inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, orgId, request.params.nodeId);
        const person = await trx
          .selectFrom("persons")
          .select("id")
          .where("org_id", "=", orgId)
          .where("id", "=", request.body.personId)
          .executeTakeFirst();
        if (person === undefined) throw new AppError("record_must_exist", { field: "personId" });
        const id = newId();
        await trx
          .insertInto("federation_office_bearers")
          .values({
            org_id: orgId,
            id,
            node_id: node.id,
            person_id: person.id,
            role: request.body.role,
            from_on: fromOn,
            until_on: untilOn,
          })
          .execute();
        await audit(trx, request, {
          action: "federation_node.office_bearer_add",
          recordType: "federation_node",
          recordId: node.id,
          summary: { personId: person.id, role: request.body.role, fromOn },
        });
        return nodeDetail(trx, orgId, node.id, fromOn);
      });
      return reply.code(201).send(node);
    },
  );

  routes.put(
    "/api/v1/federation-nodes/:nodeId/fund-rules",
    {
      config: manage,
      schema: {
        tags,
        summary: "Set the rules a fund of the node lends by, from a date",
        params: nodeParams,
        body: setFundRulesRequestSchema,
        response: { 200: federationNodeSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const effectiveFrom = dateOrRefuse(request.body.effectiveFrom, "effectiveFrom");
      const rules = { ...request.body.rules, allowedGrades: [...new Set(request.body.rules.allowedGrades)] };
      const checked = checkFundRules(rulesFromJson(rules));
      if (!checked.ok) throw new AppError(checked.code, { field: `rules.${String(checked.details.field)}` });
      return inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, orgId, request.params.nodeId);
        await trx
          .deleteFrom("federation_fund_rules")
          .where("org_id", "=", orgId)
          .where("node_id", "=", node.id)
          .where("fund", "=", request.body.fund)
          .where("effective_from", "=", effectiveFrom)
          .execute();
        await trx
          .insertInto("federation_fund_rules")
          .values({
            org_id: orgId,
            node_id: node.id,
            fund: request.body.fund,
            effective_from: effectiveFrom,
            rules: JSON.stringify(rules),
            created_by: memberOf(request).userId,
          })
          .execute();
        await audit(trx, request, {
          action: "federation_node.fund_rules_set",
          recordType: "federation_node",
          recordId: node.id,
          summary: { fund: request.body.fund, effectiveFrom, rules },
        });
        return nodeDetail(trx, orgId, node.id, effectiveFrom);
      });
    },
  );

  routes.post(
    "/api/v1/federation-nodes/:nodeId/fund-applications",
    {
      config: manage,
      schema: {
        tags,
        summary: "A group's credit plan to the node's fund; an ineligible group is refused with the reason",
        params: nodeParams,
        body: createFundApplicationRequestSchema,
        response: { 201: fundApplicationSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const body = request.body;
      const appliedOn = dateOrRefuse(body.appliedOn, "appliedOn");
      const amountMinor = positiveAmount(body.amountMinor, "amountMinor");
      const plan = checkCreditPlan(
        amountMinor,
        body.plan.map((l) => ({ amountMinor: BigInt(l.amountMinor) })),
      );
      if (!plan.ok) throw new AppError(plan.code, plan.details);
      const application = await inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, actor.orgId, request.params.nodeId);
        const group = await loadGroup(trx, actor.orgId, body.groupId, "groupId", true);
        await requireGroupInNode(trx, actor.orgId, node.id, group.id, appliedOn);
        const members = await trx
          .selectFrom("group_members")
          .select("id")
          .where("org_id", "=", actor.orgId)
          .where("group_id", "=", group.id)
          .where("left_on", "is", null)
          .limit(limits.membersPerGroupMax * 4)
          .execute();
        const memberIds = new Set(members.map((m) => m.id));
        body.plan.forEach((line, index) => {
          if (!memberIds.has(line.memberId))
            throw new AppError("member_must_be_active", { field: `plan.${index}.memberId` });
        });
        const rules = await rulesOf(trx, actor.orgId, node.id, body.fund, appliedOn);
        const meetings = await meetingsAsOf(trx, actor.orgId, group.id, appliedOn);
        const eligibility = checkEligibility(
          {
            appliedOn,
            grade: await heldGrade(trx, actor.orgId, group, appliedOn),
            meetingDates: meetings.map((m) => plainDate(m.held_on)),
            arrearsMinor: (await fundPositionOf(trx, actor.orgId, group.id, appliedOn)).arrearsMinor,
            amountMinor,
            termMonths: body.termMonths,
          },
          rules,
        );
        if (!eligibility.ok)
          throw new AppError(eligibility.code, { ...eligibility.details, field: "groupId" });
        const id = newId();
        await trx
          .insertInto("fund_applications")
          .values({
            org_id: actor.orgId,
            id,
            node_id: node.id,
            group_id: group.id,
            fund: body.fund,
            applied_on: appliedOn,
            amount_minor: amountMinor,
            term_months: body.termMonths,
            rate_bps_per_month: rules.rateBpsPerMonth,
            plan: JSON.stringify(body.plan),
            eligibility: JSON.stringify(eligibility.value),
            created_by: actor.userId,
          })
          .execute();
        await audit(trx, request, {
          action: "fund_application.create",
          recordType: "fund_application",
          recordId: id,
          summary: { groupId: group.id, fund: body.fund, amountMinor: amountMinor.toString() },
        });
        return applicationDetail(trx, actor.orgId, id);
      });
      return reply.code(201).send(application);
    },
  );

  for (const decision of ["approve", "refuse"] as const) {
    routes.post(
      `/api/v1/fund-applications/:applicationId/${decision}`,
      {
        config: manage,
        schema: {
          tags,
          summary:
            decision === "approve"
              ? "Approve a credit plan after appraisal"
              : "Refuse a credit plan, with the appraisal that says why",
          params: z.object({ applicationId: uuidSchema }),
          body: decideFundApplicationRequestSchema,
          response: { 200: fundApplicationSchema },
        },
      },
      async (request) => {
        const actor = memberOf(request);
        return inTenant(database, request, async (trx) => {
          const application = await trx
            .selectFrom("fund_applications")
            .select(["id", "status"])
            .where("org_id", "=", actor.orgId)
            .where("id", "=", request.params.applicationId)
            .forUpdate()
            .executeTakeFirst();
          if (application === undefined) throw new AppError("record_must_exist");
          if (application.status !== "submitted") throw new AppError("application_must_be_submitted");
          await trx
            .updateTable("fund_applications")
            .set((eb) => ({
              status: decision === "approve" ? "approved" : "refused",
              appraisal: request.body.appraisal,
              decided_by: actor.userId,
              decided_at: new Date(),
              version: eb("version", "+", 1),
            }))
            .where("org_id", "=", actor.orgId)
            .where("id", "=", application.id)
            .execute();
          await audit(trx, request, {
            action: `fund_application.${decision}`,
            recordType: "fund_application",
            recordId: application.id,
            summary: { appraisal: request.body.appraisal },
          });
          return applicationDetail(trx, actor.orgId, application.id);
        });
      },
    );
  }

  routes.post(
    "/api/v1/fund-applications/:applicationId/disburse",
    {
      config: manage,
      schema: {
        tags,
        summary: "Disburse an approved plan: one entry in the node's book and one in the group's, together",
        params: z.object({ applicationId: uuidSchema }),
        body: disburseFundLoanRequestSchema,
        response: { 201: fundLoanSchema, 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      dateOrRefuse(request.body.disbursedOn, "disbursedOn");
      const performed = await performOrQueue(database, request, fundDisbursementAction, {
        applicationId: request.params.applicationId,
        disbursedOn: request.body.disbursedOn,
      });
      if (performed.kind === "pending")
        return reply
          .code(202)
          .send({ status: "pending_approval" as const, approvalId: performed.approvalId });
      return reply.code(201).send(performed.result);
    },
  );

  routes.get(
    "/api/v1/fund-loans/:loanId",
    {
      config: read,
      schema: {
        tags,
        summary: "A fund loan with its schedule, repayments, balance and arrears as of a date",
        params: z.object({ loanId: uuidSchema }),
        querystring: z.strictObject({ asOf: z.string().optional() }),
        response: { 200: fundLoanSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const asOf = request.query.asOf
          ? dateOrRefuse(request.query.asOf, "asOf")
          : await orgToday(trx, orgId);
        const [loan] = await loanDetails(trx, orgId, { id: request.params.loanId }, asOf);
        if (loan === undefined) throw new AppError("record_must_exist");
        return loan;
      });
    },
  );

  routes.post(
    "/api/v1/fund-loans/:loanId/repayments",
    {
      config: manage,
      schema: {
        tags,
        summary: "A group repays the federation (usually at its meeting): both books move together",
        params: z.object({ loanId: uuidSchema }),
        body: recordFundRepaymentRequestSchema,
        response: { 201: fundLoanSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const paidOn = dateOrRefuse(request.body.paidOn, "paidOn");
      const principalMinor = BigInt(request.body.principalMinor);
      const interestMinor = BigInt(request.body.interestMinor);
      const loan = await inTenant(database, request, async (trx) => {
        const repaid = await repayFundLoan(
          trx,
          { orgId: actor.orgId, userId: actor.userId },
          { loanId: request.params.loanId, paidOn, principalMinor, interestMinor },
        );
        await audit(trx, request, {
          action: "fund_loan.repay",
          recordType: "fund_loan",
          recordId: repaid.loanId,
          summary: {
            paidOn,
            principalMinor: principalMinor.toString(),
            interestMinor: interestMinor.toString(),
          },
        });
        const [detail] = await loanDetails(trx, actor.orgId, { id: repaid.loanId }, paidOn);
        if (detail === undefined) throw new Error("the loan just repaid is read back");
        return detail;
      });
      return reply.code(201).send(loan);
    },
  );

  routes.post(
    "/api/v1/federation-nodes/:nodeId/fees",
    {
      config: manage,
      schema: {
        tags,
        summary: "A group pays its membership fee to the node for a month, posted in both books",
        params: nodeParams,
        body: recordFederationFeeRequestSchema,
        response: { 201: federationFeeSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const paidOn = dateOrRefuse(request.body.paidOn, "paidOn");
      const amountMinor = positiveAmount(request.body.amountMinor, "amountMinor");
      const fee = await inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, actor.orgId, request.params.nodeId);
        const group = await loadGroup(trx, actor.orgId, request.body.groupId, "groupId", true);
        await requireGroupInNode(trx, actor.orgId, node.id, group.id, paidOn);
        const paid = await trx
          .selectFrom("federation_fees")
          .select("id")
          .where("org_id", "=", actor.orgId)
          .where("node_id", "=", node.id)
          .where("group_id", "=", group.id)
          .where("period", "=", request.body.period)
          .executeTakeFirst();
        if (paid !== undefined)
          throw new AppError("fee_period_must_be_unpaid", { field: "period", period: request.body.period });
        const id = newId();
        const entries = await postInBothBooks(
          trx,
          { orgId: actor.orgId, userId: actor.userId },
          { nodeBookId: node.book_id, groupBookId: group.book_id },
          membershipFeePostings(amountMinor),
          paidOn,
          { type: "federation_fee", id },
          `Membership fee ${request.body.period}: ${group.name} → ${node.name}`,
        );
        const row = {
          org_id: actor.orgId,
          id,
          node_id: node.id,
          group_id: group.id,
          period: request.body.period,
          paid_on: paidOn,
          amount_minor: amountMinor,
          node_entry_id: entries.nodeEntryId,
          group_entry_id: entries.groupEntryId,
          created_by: actor.userId,
        };
        await trx.insertInto("federation_fees").values(row).execute();
        await audit(trx, request, {
          action: "federation_fee.record",
          recordType: "federation_fee",
          recordId: id,
          summary: { groupId: group.id, period: row.period, amountMinor: amountMinor.toString() },
        });
        return {
          id,
          nodeId: node.id,
          groupId: group.id,
          period: row.period,
          paidOn,
          amountMinor: amountMinor.toString(),
          ...entries,
        };
      });
      return reply.code(201).send(fee);
    },
  );

  routes.post(
    "/api/v1/federation-nodes/:nodeId/grade-reviews",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "The node reviews a group's computed grade, agrees or sets its own, adds observations, signs off",
        params: nodeParams,
        body: signOffGradeRequestSchema,
        response: { 201: gradeReviewSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const asOf = dateOrRefuse(request.body.asOf, "asOf");
      const review = await inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, actor.orgId, request.params.nodeId);
        const group = await loadGroup(trx, actor.orgId, request.body.groupId, "groupId");
        await requireGroupInNode(trx, actor.orgId, node.id, group.id, asOf);
        const computed = await gradeOfGroup(trx, actor.orgId, group, asOf);
        const id = newId();
        const row = await trx
          .insertInto("federation_grade_reviews")
          .values({
            org_id: actor.orgId,
            id,
            node_id: node.id,
            group_id: group.id,
            as_of: asOf,
            computed_grade: computed.grade,
            computed_rating: computed.rating.toFixed(1),
            agreed_grade: request.body.agreedGrade,
            observations: request.body.observations ?? null,
            signed_off_by: actor.userId,
          })
          .returning(["signed_off_at"])
          .executeTakeFirstOrThrow();
        await audit(trx, request, {
          action: "federation_grade.sign_off",
          recordType: "group",
          recordId: group.id,
          summary: {
            nodeId: node.id,
            asOf,
            computedGrade: computed.grade,
            agreedGrade: request.body.agreedGrade,
          },
        });
        return {
          id,
          nodeId: node.id,
          groupId: group.id,
          asOf,
          computedGrade: computed.grade,
          computedRating: computed.rating,
          agreedGrade: request.body.agreedGrade,
          observations: request.body.observations ?? null,
          signedOffBy: actor.userId,
          signedOffAt: row.signed_off_at.toISOString(),
        };
      });
      return reply.code(201).send(review);
    },
  );

  routes.get(
    "/api/v1/federation-nodes/:nodeId/grade-reviews",
    {
      config: read,
      schema: {
        tags,
        summary: "The node's signed-off grade reviews, newest first",
        params: nodeParams,
        response: { 200: z.object({ items: z.array(gradeReviewSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, orgId, request.params.nodeId);
        const rows = await trx
          .selectFrom("federation_grade_reviews")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("node_id", "=", node.id)
          .orderBy("as_of", "desc")
          .orderBy("signed_off_at", "desc")
          .limit(limits.pageSizeMax)
          .execute();
        return {
          items: rows.map((r) => ({
            id: r.id,
            nodeId: r.node_id,
            groupId: r.group_id,
            asOf: r.as_of,
            computedGrade: r.computed_grade,
            computedRating: Number(r.computed_rating),
            agreedGrade: r.agreed_grade,
            observations: r.observations,
            signedOffBy: r.signed_off_by,
            signedOffAt: r.signed_off_at.toISOString(),
          })),
        };
      });
    },
  );

  routes.get(
    "/api/v1/federation-nodes/:nodeId/rollup",
    {
      config: read,
      schema: {
        tags,
        summary: "The groups below a node as of a date, summed, with the trend by month end",
        params: nodeParams,
        querystring: rollupQuerySchema,
        response: { 200: rollupSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const asOf = dateOrRefuse(request.query.asOf, "asOf");
      const months = request.query.months ?? 6;
      return inTenant(database, request, async (trx) => {
        const node = await loadNode(trx, orgId, request.params.nodeId);
        const nodeIds = await nodesBelow(trx, orgId, [node.id]);
        const monthEnds: PlainDate[] = [];
        for (let back = months - 1; back >= 1; back--) monthEnds.push(endOfMonth(addMonths(asOf, -back)));
        // Every group and every month end at once, in a fixed number of statements (rollup.ts, ADR 0026).
        const rolled = await figuresOfNodes(trx, orgId, nodeIds, asOf, monthEnds);
        const figures = rolled.groups;
        const trend = rolled.trend.map((t) => ({ monthEnd: t.monthEnd, ...wireRollup(rollUp(t.figures)) }));
        trend.push({
          monthEnd: asOf,
          ...wireRollup(rollUp(figures.map((f) => ({ ...f.figures, grade: null })))),
        });
        const metrics = metricsOfGroups(rolled.metricsInputs);
        return {
          nodeId: node.id,
          asOf,
          metrics: {
            asOf,
            ...metrics,
            savingsPerMemberMinor: metrics.savingsPerMemberMinor.toString(),
            averageLoanSizeMinor: metrics.averageLoanSizeMinor.toString(),
            shareOutValuePerShareMinor: metrics.shareOutValuePerShareMinor.toString(),
          },
          total: wireRollup(rollUp(figures.map((f) => f.figures))),
          groups: figures.map(({ group, figures: f }) => ({
            groupId: group.id,
            groupName: group.name,
            nodeId: group.node_id,
            members: f.members,
            savingsMinor: f.savingsMinor.toString(),
            loansOutstandingMinor: f.loansOutstandingMinor.toString(),
            loansLateMinor: f.loansLateMinor.toString(),
            fundLoansOutstandingMinor: f.fundLoansOutstandingMinor.toString(),
            fundArrearsMinor: f.fundArrearsMinor.toString(),
            attendancePresent: f.attendancePresent,
            attendanceExpected: f.attendanceExpected,
            grade: f.grade,
          })),
          trend,
        };
      });
    },
  );
}
