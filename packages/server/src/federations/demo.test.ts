import { beforeAll, describe, expect, it } from "vitest";
import { demoPassword, seedDemo } from "../demo/seed-demo";
import { signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("the demo's federations and network", () => {
  const testApp = useTestApp();
  beforeAll(async () => {
    await seedDemo(testApp().database);
  });

  it("shows the association's tiers, with a capitalized village fund", async () => {
    const admin = await signIn(testApp().app, "administrator@moldir.demo", demoPassword);
    const nodes = (await admin.request({ url: "/api/v1/federation-nodes" })).json().items;
    expect(nodes.map((n: { level: string }) => n.level).sort()).toEqual(["cluster", "village", "village"]);
    const village = nodes.find((n: { name: string }) => n.name.startsWith("Бесағаш"));
    const detail = (await admin.request({ url: `/api/v1/federation-nodes/${village.id}` })).json();
    // The donor's capital, less what the village's groups still owe the fund (they repay at their meetings),
    // plus the service charge they paid: cash is at least the capital less what is outstanding.
    type Loan = { principalMinor: string; outstandingMinor: string };
    const total = (pick: (l: Loan) => string) =>
      detail.loans.reduce((sum: bigint, l: Loan) => sum + BigInt(pick(l)), 0n);
    const lent = total((l) => l.principalMinor);
    const outstanding = total((l) => l.outstandingMinor);
    expect(detail.loans.length).toBeGreaterThan(0);
    expect(outstanding).toBeLessThan(lent);
    const serviceCharge = BigInt(detail.cashMinor) - (200_000_000n - outstanding);
    expect(serviceCharge).toBeGreaterThanOrEqual(0n);
    expect(serviceCharge).toBeLessThan(lent);
  });

  it("shows the network's coordinator the association's aggregates, and nothing of a partner not on Moldir", async () => {
    const coordinator = await signIn(testApp().app, "network-coordinator@moldir.demo", demoPassword);
    const dashboard = (
      await coordinator.request({ url: "/api/v1/network/dashboard?asOf=2026-01-01" })
    ).json();
    expect(dashboard.partners.map((p: { isShared: boolean }) => p.isShared).sort()).toEqual([false, true]);
    expect(dashboard.total).toMatchObject({ partnersSharing: 1, federationNodes: 3 });
  });
});
