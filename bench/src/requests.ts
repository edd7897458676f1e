/**
 * SQL statements per API request for the main routes. The app is built on a database whose Kysely instance
 * counts: every statement it executes (query builders and raw `sql` alike, through a plugin that sees each
 * result) plus BEGIN and COMMIT for each transaction it opens. On PostgreSQL the count is checked against the
 * round trips the `pg` driver itself makes. Each route is called three times and the third call is counted
 * (the first use of a token also records when it was used, once a minute).
 */
import type { Database } from "@moldir/db";
import { buildApp } from "@moldir/server/app";
import { testPassword } from "@moldir/server/testing/fixtures";
import type { Kysely, KyselyPlugin } from "kysely";
import pg from "pg";
import { buildLedgerFixture, generatedWomen } from "./fixtures";
import { type Goal, summarize } from "./harness";
import { insertPersons } from "./people";
import { type DatabaseBenchmark, engineLabel } from "./suite";

const goal: Goal = { text: "≤ 5 (stretch ≤ 3)", must: 5, stretch: 3, unit: "statements" };

export interface StatementCounter {
  statements: number;
  transactions: number;
}

/** The same database, its Kysely instance counting what it runs into `counter`. */
export function countingDatabase(database: Database, counter: StatementCounter): Database {
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      counter.statements++;
      return args.result;
    },
  };
  const counted = database.db.withPlugin(plugin);
  const proxied = new Proxy(counted, {
    get(target, property) {
      if (property === "transaction")
        return () => {
          const builder = target.transaction();
          return new Proxy(builder, {
            get(innerTarget, innerProperty) {
              if (innerProperty === "execute")
                return (work: Parameters<typeof builder.execute>[0]) => {
                  counter.transactions++;
                  return innerTarget.execute(work);
                };
              const value = Reflect.get(innerTarget, innerProperty);
              return typeof value === "function" ? value.bind(innerTarget) : value;
            },
          });
        };
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as unknown as Kysely<never>;
  return { ...database, db: proxied as unknown as Database["db"] };
}

/** Counts the queries every `pg` client of this process sends (PostgreSQL only; a cross-check). */
function countPgQueries(): { count: () => number; restore: () => void } {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let queries = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    queries++;
    return original.apply(this, args);
  };
  return {
    count: () => queries,
    restore: () => {
      prototype.query = original;
    },
  };
}

export const statementsPerRequest: DatabaseBenchmark = {
  name: "SQL statements per API request",
  async run({ databases }) {
    const results = [];
    for (const engine of databases.engines) {
      const database = await databases.open(engine);
      const pgQueries = engine === "postgres" ? countPgQueries() : undefined;
      try {
        const fixture = await buildLedgerFixture(database);
        const persons = generatedWomen(50);
        await insertPersons(database, fixture.orgId, persons);
        const counter: StatementCounter = { statements: 0, transactions: 0 };
        const app = await buildApp({
          config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent" },
          database: countingDatabase(database, counter),
        });
        await app.ready();
        try {
          const login = await app.inject({
            method: "POST",
            url: "/api/v1/auth/login",
            payload: { login: fixture.email, password: testPassword },
          });
          if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
          const cookie = String(login.headers["set-cookie"]).split(";")[0] as string;
          const bearer = { authorization: `Bearer ${fixture.token}` };
          const [cash, income] = fixture.accountIds;
          const routes = [
            {
              name: "GET /api/v1/session (cookie)",
              method: "GET",
              url: "/api/v1/session",
              headers: { cookie },
            },
            {
              name: "POST /api/v1/books/:id/journal-entries",
              method: "POST",
              url: `/api/v1/books/${fixture.bookId}/journal-entries`,
              headers: bearer,
              payload: {
                valueDate: "2025-06-30",
                narration: "Counted entry",
                lines: [
                  { accountId: cash, side: "debit", amountMinor: "1000" },
                  { accountId: income, side: "credit", amountMinor: "1000" },
                ],
              },
            },
            {
              name: "GET /api/v1/books/:id/trial-balance",
              method: "GET",
              url: `/api/v1/books/${fixture.bookId}/trial-balance?asOf=2025-06-30`,
              headers: bearer,
            },
            {
              name: "POST /api/v1/persons/search",
              method: "POST",
              url: "/api/v1/persons/search",
              headers: bearer,
              payload: { q: persons[0]?.surname ?? "Ахметова" },
            },
          ] as const;
          for (const route of routes) {
            let counted = { statements: 0, transactions: 0, roundTrips: 0 };
            for (let call = 1; call <= 3; call++) {
              counter.statements = 0;
              counter.transactions = 0;
              const before = pgQueries?.count() ?? 0;
              const response = await app.inject({
                method: route.method,
                url: route.url,
                headers: { "accept-language": "en", ...route.headers },
                ...("payload" in route ? { payload: route.payload } : {}),
              });
              if (response.statusCode >= 300)
                throw new Error(`${route.name}: ${response.statusCode} ${response.body}`);
              counted = {
                statements: counter.statements,
                transactions: counter.transactions,
                roundTrips: (pgQueries?.count() ?? 0) - before,
              };
            }
            const total = counted.statements + 2 * counted.transactions;
            const crossCheck =
              pgQueries === undefined ? "" : `; pg driver saw ${counted.roundTrips} round trips`;
            results.push(
              summarize(
                `SQL per request, ${route.name}, ${engineLabel(engine)}`,
                goal,
                "statements",
                [total],
                `${counted.statements} + BEGIN/COMMIT × ${counted.transactions}${crossCheck}`,
              ),
            );
          }
        } finally {
          await app.close();
        }
      } finally {
        pgQueries?.restore();
        await database.drop();
      }
    }
    return results;
  },
};
