/**
 * Person search (`POST /api/v1/persons/search`) over many persons: by a full name typed in Cyrillic, the same
 * name typed in Latin, a surname alone, a phone written as people write it, and an IIN. The persons are
 * made by the generator from a seed (Kazakh and Russian names, valid IINs, unique phones) and inserted in multi-row
 * statements; each query goes through the real app (`buildApp`, `inject`, an API token), so the figures include
 * routing, access checks, validation and serialization but no network. PERFORMANCE.md sets no goal for
 * search; the figures are printed for information (median, min, max; p99 in the runs column).
 */
import { asSystem, type Database, sql } from "@moldir/db";
import { personNameKey, transliterate } from "@moldir/domain";
import { buildApp } from "@moldir/server/app";
import type { GeneratedPerson } from "@moldir/server/generator/population";
import { createRandom } from "@moldir/server/generator/random";
import { newId } from "@moldir/server/identity/secrets";
import { buildLedgerFixture, generatedWomen } from "./fixtures";
import { percentile, summarize } from "./harness";
import { bySize, count, type DatabaseBenchmark, engineLabel, seconds } from "./suite";

/** The row of a generated person, as `POST /api/v1/persons` writes it. */
export function personRow(orgId: string, p: GeneratedPerson) {
  return {
    org_id: orgId,
    id: newId(),
    surname: p.surname,
    given_name: p.givenName,
    patronymic: p.patronymic,
    name_key: personNameKey(p.surname, p.givenName, p.patronymic),
    sex: "female" as const,
    birth_date: p.birthDate,
    iin: p.iin,
    phones: [...p.phones],
    address: null,
    region_id: null,
    documents: "[]",
    income_band: null,
    dependants: null,
    merged_into_id: null,
    erased_at: null,
  };
}

export async function insertPersons(database: Database, orgId: string, persons: readonly GeneratedPerson[]) {
  const perStatement = 2_000;
  for (let start = 0; start < persons.length; start += perStatement) {
    const chunk = persons.slice(start, start + perStatement);
    await asSystem(database, (trx) =>
      trx
        .insertInto("persons")
        .values(chunk.map((p) => personRow(orgId, p)))
        .execute(),
    );
  }
}

const capitalized = (text: string) =>
  text
    .split(" ")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");

/** How people type a search for person `p`. */
export const searchKinds = {
  "full name in Cyrillic": (p: GeneratedPerson) => `${p.surname} ${p.givenName}`,
  "full name in Latin": (p: GeneratedPerson) => capitalized(transliterate(`${p.surname} ${p.givenName}`)),
  "surname alone": (p: GeneratedPerson) => p.surname,
  phone: (p: GeneratedPerson) => {
    const phone = p.phones[0] ?? "";
    return `8 ${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8)}`;
  },
  IIN: (p: GeneratedPerson) => p.iin,
} as const;

export const personSearch: DatabaseBenchmark = {
  name: "Person search",
  async run({ size, databases, log }) {
    const total = bySize(size, { quick: 200, small: 10_000, full: 100_000 });
    const iterations = bySize(size, { quick: 3, small: 50, full: 200 });
    const persons = generatedWomen(total);
    const results = [];
    for (const engine of databases.engines) {
      const database = await databases.open(engine);
      try {
        const fixture = await buildLedgerFixture(database);
        const started = process.hrtime.bigint();
        await insertPersons(database, fixture.orgId, persons);
        log(`person search, ${engine}: ${count(total)} persons inserted in ${seconds(started).toFixed(1)} s`);
        await sql`ANALYZE persons`.execute(database.db);
        const app = await buildApp({
          config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent" },
          database,
        });
        await app.ready();
        try {
          const random = createRandom(7);
          for (const [kind, query] of Object.entries(searchKinds)) {
            const latencies: number[] = [];
            let found = 0;
            for (let round = -3; round < iterations; round++) {
              const person = random.pick(persons);
              const requestStarted = process.hrtime.bigint();
              const response = await app.inject({
                method: "POST",
                url: "/api/v1/persons/search",
                headers: { authorization: `Bearer ${fixture.token}`, "accept-language": "en" },
                payload: { q: query(person) },
              });
              const elapsed = seconds(requestStarted) * 1_000;
              if (response.statusCode !== 200)
                throw new Error(`search by ${kind}: ${response.statusCode} ${response.body}`);
              if (round >= 0) {
                latencies.push(elapsed);
                if ((response.json() as { items: unknown[] }).items.length > 0) found++;
              }
            }
            if (found < iterations)
              throw new Error(`search by ${kind} found nobody ${iterations - found} times`);
            results.push(
              summarize(
                `Person search by ${kind}, ${count(total)} persons, ${engineLabel(engine)}`,
                null,
                "ms",
                latencies,
                `${iterations} requests, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
              ),
            );
          }
        } finally {
          await app.close();
        }
      } finally {
        await database.drop();
      }
    }
    return results;
  },
};
