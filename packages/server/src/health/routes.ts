import { healthResponseSchema, readyResponseSchema } from "@moldir/contract";
import type { Database } from "@moldir/db";
import { sql } from "@moldir/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../http/app-error";

/** `/health`: the process is alive. `/ready`: it can serve, its database answers and is migrated. */
export async function healthRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    "/health",
    { schema: { tags: ["operations"], summary: "Liveness", response: { 200: healthResponseSchema } } },
    async () => ({ status: "ok" as const }),
  );
  routes.get(
    "/ready",
    {
      schema: {
        tags: ["operations"],
        summary: "Readiness: the database answers",
        response: { 200: readyResponseSchema },
      },
    },
    async () => {
      try {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM moldir_migrations`.execute(
          options.database.db,
        );
        return { status: "ready" as const, engine: options.database.engine, migrations: rows[0]?.n ?? 0 };
      } catch (error) {
        app.log.warn({ err: error }, "database not ready");
        throw new AppError("service_must_be_ready");
      }
    },
  );
}
