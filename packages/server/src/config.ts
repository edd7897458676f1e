/**
 * Configuration comes from environment variables only. Each variable is read by its own rule; a bad value
 * is reported as one plain line naming the variable and what it must be, with no stack trace, and the
 * process stops before it opens anything.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface Config {
  /** TCP port of the HTTP server (0 picks a free one). */
  readonly port: number;
  /** Address the HTTP server listens on. */
  readonly host: string;
  /** PostgreSQL server to use; when absent the embedded database is used. */
  readonly databaseUrl: string | undefined;
  /** Folder of the embedded database. */
  readonly dataDir: string;
  /** Connections in the PostgreSQL pool. */
  readonly databasePoolMax: number;
  readonly logLevel: LogLevel;
  /** Whether a reverse proxy in front sets X-Forwarded-* headers. */
  readonly trustProxy: boolean;
  /** Folder of the built web app, served at `/`. */
  readonly webDistDir: string;
  /** Load the demo organization when the database is empty at start. */
  readonly seedDemo: boolean;
  /** How much history the demo loads at start: `small` (a year of a few dozen groups) or `tiny` (two groups). */
  readonly seedDemoSize: "tiny" | "small";
  /** Where notifications (receipts, notices) go: a local file, an HTTP SMS gateway, or nowhere. */
  readonly notificationsProvider: "file" | "http" | "none";
  /** The file of the file provider; by default notifications.log in the data folder. */
  readonly notificationsFile: string | undefined;
  readonly smsGatewayUrl: string | undefined;
  readonly smsGatewayToken: string | undefined;
  /** Close business every day for yesterday in the server process. */
  readonly closeOfBusinessSchedule: boolean;
  /** Load shedding: refuse new requests (503, Retry-After) while the event loop lags more than this; 0 is off. */
  readonly overloadMaxEventLoopDelayMs: number;
  /** Load shedding while the event loop is busy more than this per cent of the time; 0 is off. */
  readonly overloadMaxEventLoopUtilizationPercent: number;
  /** Load shedding while this many requests are already being answered; 0 is off. */
  readonly overloadMaxRequestsInFlight: number;
  /** The Retry-After of a shed request, in seconds. */
  readonly overloadRetryAfterSeconds: number;
}

type Environment = Readonly<Record<string, string | undefined>>;

interface Variable<T> {
  readonly name: string;
  readonly description: string;
  readonly defaultText: string;
  /** Returns the value, or what the value must be. */
  readonly read: (text: string | undefined) => { ok: true; value: T } | { ok: false; mustBe: string };
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function integer(
  name: string,
  description: string,
  fallback: number,
  min: number,
  max: number,
): Variable<number> {
  return {
    name,
    description,
    defaultText: String(fallback),
    read: (text) => {
      if (text === undefined || text === "") return { ok: true, value: fallback };
      const value = Number(text);
      return /^\d+$/.test(text) && value >= min && value <= max
        ? { ok: true, value }
        : { ok: false, mustBe: `an integer from ${min} to ${max}` };
    },
  };
}

function oneOf<T extends string>(
  name: string,
  description: string,
  fallback: T,
  values: readonly T[],
): Variable<T> {
  return {
    name,
    description,
    defaultText: fallback,
    read: (text) => {
      if (text === undefined || text === "") return { ok: true, value: fallback };
      return (values as readonly string[]).includes(text)
        ? { ok: true, value: text as T }
        : { ok: false, mustBe: `one of ${values.join(", ")}` };
    },
  };
}

function text(name: string, description: string, fallback: string): Variable<string> {
  return {
    name,
    description,
    defaultText: fallback,
    read: (value) => ({ ok: true, value: value === undefined || value === "" ? fallback : value }),
  };
}

function optionalText(name: string, description: string, defaultText: string): Variable<string | undefined> {
  return {
    name,
    description,
    defaultText,
    read: (value) => ({ ok: true, value: value === undefined || value === "" ? undefined : value }),
  };
}

const databaseUrl: Variable<string | undefined> = {
  name: "DATABASE_URL",
  description: "PostgreSQL server, e.g. postgres://user@host:5432/moldir; unset to use the embedded database",
  defaultText: "(embedded database)",
  read: (value) => {
    if (value === undefined || value === "") return { ok: true, value: undefined };
    try {
      const url = new URL(value);
      if (url.protocol === "postgres:" || url.protocol === "postgresql:") return { ok: true, value };
    } catch {
      // reported below
    }
    return { ok: false, mustBe: "a URL starting with postgres:// or postgresql://" };
  },
};

const boolean = (name: string, description: string, fallback: boolean): Variable<boolean> => ({
  name,
  description,
  defaultText: String(fallback),
  read: (value) => {
    if (value === undefined || value === "") return { ok: true, value: fallback };
    if (value === "false" || value === "0") return { ok: true, value: false };
    if (value === "true" || value === "1") return { ok: true, value: true };
    return { ok: false, mustBe: "true or false" };
  },
});

export const variables = {
  port: integer("PORT", "TCP port of the HTTP server", 3000, 0, 65535),
  host: text("HOST", "Address to listen on (0.0.0.0 for every interface)", "127.0.0.1"),
  databaseUrl,
  dataDir: text("DATA_DIR", "Folder of the embedded database", "./data"),
  databasePoolMax: integer("DATABASE_POOL_MAX", "Connections to the PostgreSQL server", 10, 1, 200),
  logLevel: oneOf("LOG_LEVEL", "Log detail", "info", [
    "fatal",
    "error",
    "warn",
    "info",
    "debug",
    "trace",
    "silent",
  ]),
  trustProxy: boolean("TRUST_PROXY", "Trust X-Forwarded-* headers from a reverse proxy", false),
  webDistDir: text("WEB_DIST_DIR", "Folder of the built web app", resolve(repoRoot, "packages/web/dist")),
  seedDemo: boolean("SEED_DEMO", "Load the demo organization into an empty database at start", true),
  seedDemoSize: oneOf("SEED_DEMO_SIZE", "How much history the demo loads at start", "small", [
    "tiny",
    "small",
  ]),
  notificationsProvider: oneOf("NOTIFICATIONS_PROVIDER", "Where receipts and notices go", "file", [
    "file",
    "http",
    "none",
  ]),
  notificationsFile: optionalText(
    "NOTIFICATIONS_FILE",
    "File of the file provider",
    "(DATA_DIR)/notifications.log",
  ),
  smsGatewayUrl: optionalText(
    "SMS_GATEWAY_URL",
    "URL of the SMS gateway (provider http): receives POST {to, text, reference}",
    "(none)",
  ),
  smsGatewayToken: optionalText("SMS_GATEWAY_TOKEN", "Bearer token for the SMS gateway", "(none)"),
  closeOfBusinessSchedule: boolean(
    "CLOSE_OF_BUSINESS_SCHEDULE",
    "Close business daily (for yesterday) in the server process; off when `moldir worker` processes do it",
    true,
  ),
  overloadMaxEventLoopDelayMs: integer(
    "OVERLOAD_MAX_EVENT_LOOP_DELAY_MS",
    "Answer 503 (Retry-After) to new requests while the event loop lags more than this many ms (mean over a second); 0 turns it off",
    1_000,
    0,
    60_000,
  ),
  overloadMaxEventLoopUtilizationPercent: integer(
    "OVERLOAD_MAX_EVENT_LOOP_UTILIZATION_PERCENT",
    "Answer 503 to new requests while the event loop is busy more than this per cent of the time; 0 turns it off",
    0,
    0,
    100,
  ),
  overloadMaxRequestsInFlight: integer(
    "OVERLOAD_MAX_REQUESTS_IN_FLIGHT",
    "Answer 503 to new requests while this many are being answered; 0 turns it off",
    64,
    0,
    100_000,
  ),
  overloadRetryAfterSeconds: integer(
    "OVERLOAD_RETRY_AFTER_SECONDS",
    "Retry-After of a request refused under overload, in seconds",
    5,
    1,
    3_600,
  ),
} satisfies { [K in keyof Config]: Variable<Config[K]> };

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

/** Reads the configuration; throws a ConfigError that lists every bad variable, one line each. */
export function readConfig(env: Environment = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(variables) as [keyof Config, Variable<unknown>][]) {
    const raw = env[variable.name];
    const result = variable.read(raw);
    if (result.ok) values[key] = result.value;
    // A database URL may hold a password, so its value is never echoed.
    else if (variable === databaseUrl) problems.push(`${variable.name} must be ${result.mustBe}`);
    else problems.push(`${variable.name} must be ${result.mustBe}, but it is ${JSON.stringify(raw)}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as unknown as Config;
}
