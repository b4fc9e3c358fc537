// Kill the worker in the middle of a win-back run (SIGKILL, no chance to clean up) and start it again:
// every treated target ends with exactly one coupon and one message; the holdout with none. The kill
// lands at each point of a batch: after its coupons (messages not queued yet), after its messages
// (cursor not saved yet), and after its cursor; only the dedupe keys keep the redone batch from issuing
// or sending a second time.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WinbackStep } from "../../../../src/features/winback/process-winback-run.js";
import { winbackSelection } from "../../../../src/features/winback/run-winback.js";
import { startWinbackRun } from "../../../../src/features/winback/select-winback-targets.js";
import { type AppContext, createAppContext } from "../../../../src/kernel/app-context.js";
import { seedLapsedMembers } from "../../../support/lapsed-members.js";
import { createTestEnv, type TestEnv } from "../../../support/test-app.js";

function child(
  env: TestEnv,
  runId: number,
  pause?: { step: WinbackStep; ms: number },
): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "test/support/winback-child.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: env.config.databaseUrl,
      REDIS_PREFIX: env.config.redis.prefix,
      RUN_ID: String(runId),
      PAUSE_STEP: pause?.step ?? "",
      PAUSE_AT: "10",
      PAUSE_MS: String(pause?.ms ?? 0),
      LOG_LEVEL: "silent",
    },
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

  it.each<WinbackStep>(["coupons", "messages", "cursor"])(
    "resumes after a SIGKILL after a batch's %s without a second coupon or message for anyone",
    async (step) => {
      const now = app.clock.now();
      // Members of earlier cases are in their cooldown: each run selects only its own.
      await seedLapsedMembers(app, { prefix: `${step}-w`, count: 40, at: now, seenDaysAgo: 400, monetaryCents: 1000n });
      const started = await startWinbackRun(app, { ...winbackSelection(app, now), runKey: `kill-${step}`, holdoutShare: 0.2 });
      if (started.kind !== "started") throw new Error("not started");
      expect(started.treated + started.holdout).toBe(40);
      expect(started.treated).toBeGreaterThan(10);
      const campaign = `winback:${started.run.id}`;
      const treatedIds = (
        await app.db.winbackTarget.findMany({ where: { runId: started.run.id, holdout: false }, orderBy: { memberId: "asc" } })
      ).map((t) => t.memberId);

      // Killed while paused at this step of the second batch (targets 6–10).
      const first = child(env, started.run.id, { step, ms: 60_000 });
      await expect.poll(() => first.output(), { timeout: 60_000, interval: 50 }).toContain(`${step} 10\n`);
      first.proc.kill("SIGKILL");
      await first.exited;
      const halfway = await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } });
      expect(halfway.status).toBe("running");
      const couponsThen = await app.db.coupon.count({ where: { campaign } });
      const messagesThen = await app.db.delivery.count({ where: { campaign } });
      expect(couponsThen).toBe(10);
      // Where the kill landed: coupons issued but messages not queued; messages queued but cursor not saved.
      expect(messagesThen).toBe(step === "coupons" ? 5 : 10);
      expect(halfway.cursor).toBe(treatedIds[step === "cursor" ? 9 : 4]);

      const second = child(env, started.run.id);
      expect(await second.exited).toBe(0);
      expect(second.output()).toContain('"kind":"done"');

      const holdout = await app.db.winbackTarget.findMany({ where: { runId: started.run.id, holdout: true } });
      const coupons = await app.db.coupon.groupBy({ by: ["memberId"], where: { campaign }, _count: { _all: true } });
      const messages = await app.db.delivery.groupBy({ by: ["memberId"], where: { campaign }, _count: { _all: true } });
      expect(coupons.map((c) => c.memberId).sort()).toEqual([...treatedIds].sort());
      expect(messages.map((m) => m.memberId).sort()).toEqual([...treatedIds].sort());
      expect(coupons.filter((c) => c._count._all !== 1)).toEqual([]);
      expect(messages.filter((m) => m._count._all !== 1)).toEqual([]);
      const targets = await app.db.winbackTarget.findMany({ where: { runId: started.run.id, holdout: false } });
      expect(targets.every((t) => t.couponId !== null)).toBe(true);
      for (const h of holdout) expect(coupons.some((c) => c.memberId === h.memberId)).toBe(false);
      // Each layer's coupon: lost → 立减100, at risk → 满200减30.
      const issued = await app.db.coupon.findMany({ where: { campaign }, include: { template: true } });
      for (const t of targets) {
        expect(issued.find((c) => c.memberId === t.memberId)!.template.name).toBe(t.layer === "lost" ? "立减100" : "满200减30");
      }
      const done = await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } });
      expect(done.status).toBe("done");
      // The report is stored with the finished run.
      expect(done.report).toMatchObject({ targeted: treatedIds.length, couponsIssued: treatedIds.length });
    },
    120_000,
  );
});
