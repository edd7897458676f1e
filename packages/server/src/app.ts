/**
 * The HTTP application: Fastify with schemas first. Every route declares its input and output with zod;
 * the same schemas validate requests, serialize responses and generate the OpenAPI document at `/docs`.
 * `buildApp` opens nothing itself: the caller passes the database, so tests build the app on their own
 * isolated database and use `app.inject()`.
 */
import { randomBytes } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { localeFromAcceptLanguage } from "@moldir/contract";
import type { Database } from "@moldir/db";
import { isUuid, type Locale, limits, uuidV7 } from "@moldir/domain";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { approvalRoutes } from "./approvals/routes";
import { auditRoutes } from "./audit/routes";
import type { Config } from "./config";
import { formationRoutes } from "./federations/formation-routes";
import { networkRoutes } from "./federations/network-routes";
import { federationRoutes } from "./federations/routes";
import { groupRoutes } from "./groups/routes";
import { healthRoutes } from "./health/routes";
import { registerAccess } from "./http/access";
import { registerErrorHandler, registerNotFoundHandler } from "./http/errors";
import { registerIdempotency } from "./http/idempotency";
import { noShedding, type OverloadConfig, registerOverloadShedding } from "./http/overload";
import { identityRoutes } from "./identity/routes";
import { ledgerExportRoutes } from "./ledger/export-routes";
import { ledgerRoutes } from "./ledger/routes";
import { loanCalculatorRoutes } from "./loans/calculator-routes";
import { closeOfBusinessRoutes } from "./loans/cob-routes";
import { loanGuaranteeRoutes } from "./loans/guarantees";
import { loanReportRoutes } from "./loans/report-routes";
import { loanRoutes } from "./loans/routes";
import { termChangeRequestRoutes } from "./loans/term-requests";
import { loggerOptions } from "./logger";
import { notificationRoutes } from "./notifications/routes";
import { organizationRoutes } from "./organizations/routes";
import { peopleImportRoutes } from "./people/import-routes";
import { peopleRoutes } from "./people/routes";
import { childrenCenterRoutes } from "./projects/children-center";
import { indicatorBuilderRoutes } from "./projects/indicator-routes";
import { projectRoutes } from "./projects/routes";
import { trainingRoutes } from "./projects/trainings";
import { userRoutes } from "./users/routes";
import { registerWebApp } from "./web/static";

declare module "fastify" {
  interface FastifyRequest {
    /** The language of the answer, from Accept-Language (kk, ru, en; Russian by default). */
    locale: Locale;
  }
}

export interface BuildAppOptions {
  /** Without the overload settings the app sheds no load (`moldir serve` passes them from the config). */
  readonly config: Pick<Config, "logLevel" | "trustProxy" | "webDistDir"> & Partial<OverloadConfig>;
  readonly database: Database;
  /** Replaces the logger's destination (tests capture the log lines). */
  readonly logStream?: NodeJS.WritableStream;
}

export const apiVersion = "0.1.0";

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: loggerOptions(options.config.logLevel, options.logStream),
    bodyLimit: limits.requestBodyMaxBytes,
    requestTimeout: limits.requestTimeoutSeconds * 1000,
    connectionTimeout: limits.requestTimeoutSeconds * 1000,
    keepAliveTimeout: 5_000,
    trustProxy: options.config.trustProxy,
    requestIdHeader: false,
    // A request id sent by a proxy is kept when it is a UUID; otherwise the server makes one.
    genReqId: (request) => {
      const sent = request.headers["x-request-id"];
      return typeof sent === "string" && isUuid(sent) ? sent : uuidV7(Date.now(), randomBytes(10));
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  };
  const app = Fastify(serverOptions);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerErrorHandler(app);
  app.decorateRequest("locale", "ru");
  app.addHook("onRequest", async (request, reply) => {
    request.locale = localeFromAcceptLanguage(request.headers["accept-language"]);
    reply.header("x-request-id", request.id);
  });
  const { config } = options;
  await registerOverloadShedding(app, {
    overloadMaxEventLoopDelayMs: config.overloadMaxEventLoopDelayMs ?? noShedding.overloadMaxEventLoopDelayMs,
    overloadMaxEventLoopUtilizationPercent:
      config.overloadMaxEventLoopUtilizationPercent ?? noShedding.overloadMaxEventLoopUtilizationPercent,
    overloadMaxRequestsInFlight: config.overloadMaxRequestsInFlight ?? noShedding.overloadMaxRequestsInFlight,
    overloadRetryAfterSeconds: config.overloadRetryAfterSeconds ?? noShedding.overloadRetryAfterSeconds,
  });

  await app.register(fastifyCookie);
  registerAccess(app, options.database);
  registerIdempotency(app, options.database);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Moldir API",
        version: apiVersion,
        description:
          "Moldir: books, meetings, loans and projects for women's self-help groups, federations and a micro-credit " +
          "organization. Amounts are decimal strings of minor units; dates are YYYY-MM-DD; errors are " +
          '{"error":{"code","message","details"}} in the language of Accept-Language (kk, ru, en).',
      },
      tags: [{ name: "operations", description: "Health and readiness" }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });

  await app.register(healthRoutes, { database: options.database });
  await app.register(identityRoutes, { database: options.database });
  await app.register(organizationRoutes, { database: options.database });
  await app.register(userRoutes, { database: options.database });
  await app.register(approvalRoutes, { database: options.database });
  await app.register(auditRoutes, { database: options.database });
  await app.register(ledgerRoutes, { database: options.database });
  await app.register(peopleRoutes, { database: options.database });
  await app.register(groupRoutes, { database: options.database });
  await app.register(notificationRoutes, { database: options.database });
  await app.register(peopleImportRoutes, { database: options.database });
  await app.register(ledgerExportRoutes, { database: options.database });
  await app.register(federationRoutes, { database: options.database });
  await app.register(networkRoutes, { database: options.database });
  await app.register(formationRoutes, { database: options.database });
  await app.register(loanCalculatorRoutes);
  await app.register(loanRoutes, { database: options.database });
  await app.register(closeOfBusinessRoutes, { database: options.database });
  await app.register(loanReportRoutes, { database: options.database });
  await app.register(projectRoutes, { database: options.database });
  await app.register(childrenCenterRoutes, { database: options.database });
  await app.register(trainingRoutes, { database: options.database });
  await app.register(indicatorBuilderRoutes, { database: options.database });
  await app.register(loanGuaranteeRoutes, { database: options.database });
  await app.register(termChangeRequestRoutes, { database: options.database });

  const fallback = await registerWebApp(app, options.config.webDistDir);
  registerNotFoundHandler(app, fallback);
  return app;
}
