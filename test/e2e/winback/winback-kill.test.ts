// Kill the worker in the middle of a win-back run (SIGKILL, no chance to clean up) and start it again:
// every treated target ends with exactly one coupon and one message; the holdout with none.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../../src/infra/app-context.js";
import { startWinbackRun } from "../../../src/services/winback/select-winback-targets.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

const DAY = 86_400_000;

function child(env: TestEnv, runId: number, pauseMs: number): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "test/support/winback-child.ts"], {
    env: { ...process.env, DATABASE_URL: env.config.databaseUrl, REDIS_PREFIX: env.config.redis.prefix, RUN_ID: String(runId), PAUSE_MS: String(pauseMs), LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (chunk) => (out += chunk));
  proc.stderr!.on("data", (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

describe("a win-back run killed mid-way", () => {
  let env: TestEnv;
  let app: AppContext;
  beforeAll(async () => {
    env = await createTestEnv({ WINBACK_HOLDOUT_PERCENT: "20" });
    app = createAppContext(env.config);
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it("resumes after a SIGKILL without a second coupon or message for anyone", async () => {
    const now = app.clock.now();
    const members = await app.db.member.createManyAndReturn({
      data: Array.from({ length: 60 }, (_, i) => ({ wechatId: `w${i}`, name: `W${i}`, firstSeenAt: new Date(now.getTime() - 400 * DAY) })),
    });
    await app.db.memberRfm.createMany({
      data: members.map((m, i) => ({ memberId: m.id, orders: 1, monetaryCents: 1000n, layer: i % 2 ? "at_risk" : "lost", computedAt: now })),
    });
    const started = await startWinbackRun(app.db, { runKey: "kill-test", at: now, cooldownDays: 30, holdoutShare: 0.2 });
    if (started.kind !== "started") throw new Error("not started");
    expect(started.treated + started.holdout).toBe(60);

    const first = child(env, started.run.id, 400);
    await expect.poll(() => first.output(), { timeout: 60_000, interval: 100 }).toContain("processed 10");
    first.proc.kill("SIGKILL");
    await first.exited;
    const halfway = await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } });
    expect(halfway.status).toBe("running");
    expect(await app.db.coupon.count({ where: { campaign: `winback:${started.run.id}` } })).toBeLessThan(started.treated);

    const second = child(env, started.run.id, 0);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('"kind":"done"');

    const treated = await app.db.winbackTarget.findMany({ where: { runId: started.run.id, holdout: false } });
    const holdout = await app.db.winbackTarget.findMany({ where: { runId: started.run.id, holdout: true } });
    const coupons = await app.db.coupon.groupBy({ by: ["memberId"], where: { campaign: `winback:${started.run.id}` }, _count: { _all: true } });
    const messages = await app.db.delivery.groupBy({ by: ["memberId"], where: { campaign: `winback:${started.run.id}` }, _count: { _all: true } });
    expect(coupons.map((c) => c.memberId).sort()).toEqual(treated.map((t) => t.memberId).sort());
    expect(messages.map((m) => m.memberId).sort()).toEqual(treated.map((t) => t.memberId).sort());
    expect(coupons.every((c) => c._count._all === 1)).toBe(true);
    expect(messages.every((m) => m._count._all === 1)).toBe(true);
    expect(treated.every((t) => t.couponId !== null)).toBe(true);
    for (const h of holdout) expect(coupons.some((c) => c.memberId === h.memberId)).toBe(false);
    // Each layer's coupon: lost → 立减100, at risk → 满200减30.
    const issued = await app.db.coupon.findMany({ where: { campaign: `winback:${started.run.id}` }, include: { template: true } });
    for (const t of treated) {
      expect(issued.find((c) => c.memberId === t.memberId)!.template.name).toBe(t.layer === "lost" ? "立减100" : "满200减30");
    }
    expect((await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } })).status).toBe("done");
  }, 120_000);
});
