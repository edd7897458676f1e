import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config";

describe("readConfig", () => {
  it("takes defaults from nothing", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir: "./data",
    });
    expect(config.logLevel).toBe("info");
  });

  it("reads every variable", () => {
    expect(
      readConfig({
        PORT: "8080",
        HOST: "0.0.0.0",
        DATABASE_URL: "postgres://postgres@127.0.0.1:5432/moldir",
        DATA_DIR: "/var/lib/moldir",
        DATABASE_POOL_MAX: "20",
        LOG_LEVEL: "warn",
        TRUST_PROXY: "true",
        WEB_DIST_DIR: "/srv/web",
        SEED_DEMO: "false",
        NOTIFICATIONS_PROVIDER: "http",
        SMS_GATEWAY_URL: "https://sms.example.kz/send",
        CLOSE_OF_BUSINESS_SCHEDULE: "false",
        OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: "500",
        OVERLOAD_MAX_EVENT_LOOP_UTILIZATION_PERCENT: "98",
        OVERLOAD_MAX_REQUESTS_IN_FLIGHT: "0",
        OVERLOAD_RETRY_AFTER_SECONDS: "2",
      }),
    ).toEqual({
      port: 8080,
      host: "0.0.0.0",
      databaseUrl: "postgres://postgres@127.0.0.1:5432/moldir",
      dataDir: "/var/lib/moldir",
      databasePoolMax: 20,
      logLevel: "warn",
      trustProxy: true,
      webDistDir: "/srv/web",
      seedDemo: false,
      seedDemoSize: "small",
      notificationsProvider: "http",
      notificationsFile: undefined,
      smsGatewayUrl: "https://sms.example.kz/send",
      smsGatewayToken: undefined,
      closeOfBusinessSchedule: false,
      overloadMaxEventLoopDelayMs: 500,
      overloadMaxEventLoopUtilizationPercent: 98,
      overloadMaxRequestsInFlight: 0,
      overloadRetryAfterSeconds: 2,
    });
  });

  it.each([
    [{ PORT: "abc" }, 'PORT must be an integer from 0 to 65535, but it is "abc"'],
    [{ PORT: "70000" }, 'PORT must be an integer from 0 to 65535, but it is "70000"'],
    [{ PORT: "-1" }, 'PORT must be an integer from 0 to 65535, but it is "-1"'],
    [
      { LOG_LEVEL: "loud" },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, but it is "loud"',
    ],
    [{ TRUST_PROXY: "yes" }, 'TRUST_PROXY must be true or false, but it is "yes"'],
    [{ DATABASE_POOL_MAX: "0" }, 'DATABASE_POOL_MAX must be an integer from 1 to 200, but it is "0"'],
    [
      { DATABASE_URL: "mysql://root:pw@h/db" },
      "DATABASE_URL must be a URL starting with postgres:// or postgresql://",
    ],
  ])("refuses %j with one clear line", (env, line) => {
    try {
      readConfig(env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([line]);
    }
  });

  it("lists every bad variable at once", () => {
    expect(() => readConfig({ PORT: "x", LOG_LEVEL: "y" })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
