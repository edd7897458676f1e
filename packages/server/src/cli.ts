/**
 * The `moldir` command: `serve`, `migrate`, `seed-demo`, `schedule`. Each reads the same environment variables
 * as the server (see the README's configuration table); a bad value stops it with one clear line per variable.
 */
import { errorMessage } from "@moldir/contract";
import { migrate } from "@moldir/db";
import { Command, Option } from "commander";
import { apiVersion } from "./app";
import { type Config, ConfigError, readConfig, variables } from "./config";
import { type DemoSize, describeDemoLogins, seedDemo } from "./demo/seed-demo";
import { createAdmin, readPassword } from "./identity/create-admin";
import { workerPass } from "./loans/cob-routes";
import { runScheduleCommand } from "./loans/schedule-command";
import { closeOnSignals, openConfiguredDatabase, startServer } from "./server";

function configOrExit(): Config {
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`moldir: ${problem}\n`);
      process.exit(2);
    }
    throw error;
  }
}

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`moldir: ${message}\n`);
  process.exit(1);
}

const environmentHelp = `\nEnvironment:\n${Object.values(variables)
  .map((v) => `  ${v.name.padEnd(18)} ${v.description} (default: ${v.defaultText})`)
  .join("\n")}\n`;

const program = new Command()
  .name("moldir")
  .description("Moldir: books, meetings, loans and projects for women's self-help movements")
  .version(apiVersion)
  .addHelpText("after", environmentHelp);

program
  .command("serve")
  .description("apply migrations and start the HTTP server (the web app, the API and /docs)")
  .addHelpText("after", environmentHelp)
  .action(async () => {
    const config = configOrExit();
    const server = await startServer(config).catch(fail);
    closeOnSignals(server);
    const engine =
      server.database.engine === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL server";
    process.stdout.write(
      `Moldir is running at ${server.url} (${engine}). API documentation: ${server.url}/docs\n`,
    );
  });

program
  .command("migrate")
  .description("apply the database migrations that have not been applied yet, then exit")
  .addHelpText("after", environmentHelp)
  .action(async () => {
    const config = configOrExit();
    const database = await openConfiguredDatabase(config).catch(fail);
    try {
      const { applied } = await migrate(database);
      process.stdout.write(
        applied.length === 0 ? "Nothing to migrate.\n" : `Applied: ${applied.join(", ")}\n`,
      );
    } catch (error) {
      await database.close();
      fail(error);
    }
    await database.close();
  });

program
  .command("create-admin")
  .description(
    "create an organization and its first administrator (the password is read from standard input)",
  )
  .requiredOption("--email <email>", "the administrator's email, her login")
  .requiredOption("--name <name>", "the administrator's name as shown to others")
  .requiredOption("--org-name <name>", "the organization's name")
  .addOption(
    new Option("--org-kind <kind>", "the kind of organization")
      .choices(["ngo", "federation", "mco", "network"])
      .default("ngo"),
  )
  .addHelpText("after", environmentHelp)
  .action(
    async (options: {
      email: string;
      name: string;
      orgName: string;
      orgKind: "ngo" | "federation" | "mco" | "network";
    }) => {
      const config = configOrExit();
      const password = await readPassword("Password for the administrator: ");
      const database = await openConfiguredDatabase(config).catch(fail);
      try {
        await migrate(database);
        const result = await createAdmin(database, {
          email: options.email,
          displayName: options.name,
          organizationName: options.orgName,
          organizationKind: options.orgKind,
          password,
        });
        if (!result.ok) {
          await database.close();
          fail(`${result.code}: ${errorMessage(result.code, "en", result.details)}`);
        }
        process.stdout.write(
          `Created the organization ${result.value.orgId} and its administrator ${options.email}.\n`,
        );
      } finally {
        await database.close();
      }
    },
  );

program
  .command("seed-demo")
  .description("load a demo organization into an empty database")
  .addOption(
    new Option(
      "--size <size>",
      "how much demo history: tiny (two groups), small (a year of a couple of dozen groups), large (small and " +
        "100,000 women in 5,000 groups through the bulk path)",
    )
      .choices(["tiny", "small", "large"])
      .default("small"),
  )
  .addHelpText("after", environmentHelp)
  .action(async (options: { size: DemoSize }) => {
    const config = configOrExit();
    const database = await openConfiguredDatabase(config).catch(fail);
    try {
      await migrate(database);
      const result = await seedDemo(database, options.size);
      process.stdout.write(
        result.loaded ? "Loaded the demo.\n" : "The demo is loaded already; nothing changed.\n",
      );
      process.stdout.write(`${describeDemoLogins(result.logins)}\n`);
    } finally {
      await database.close();
    }
  });

program
  .command("schedule")
  .description("print the schedule, totals and GESV of a loan in a JSON file, as the API calculator does")
  .argument("<file.json>", "the loan terms, the body of POST /api/v1/loan-calculator")
  .action(async (file: string) => {
    const outcome = await runScheduleCommand(file);
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    process.exitCode = outcome.exitCode;
  });

program
  .command("worker")
  .description(
    "take close-of-business work from the database: pending chunks of every run, and (with --schedule) " +
      "yesterday's close of business where it is due; run as many as you like on PostgreSQL",
  )
  .option("--schedule", "also start yesterday's close of business where it is due", false)
  .option("--once", "do one pass and exit", false)
  .option("--interval <seconds>", "seconds between passes", "30")
  .addHelpText("after", environmentHelp)
  .action(async (options: { schedule: boolean; once: boolean; interval: string }) => {
    const config = configOrExit();
    const database = await openConfiguredDatabase(config).catch(fail);
    let stopping = false;
    const stop = () => {
      stopping = true;
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      await migrate(database);
      const intervalMs = Math.max(1, Number.parseInt(options.interval, 10) || 30) * 1000;
      do {
        const chunks = await workerPass(database, { schedule: options.schedule });
        if (chunks > 0) process.stdout.write(`Processed ${chunks} chunk(s) of close of business.\n`);
        if (options.once) break;
        for (let waited = 0; waited < intervalMs && !stopping; waited += 250) {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      } while (!stopping);
    } finally {
      await database.close();
    }
  });

await program.parseAsync(process.argv);
