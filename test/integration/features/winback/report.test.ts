import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processWinbackRun } from "../../../../src/features/winback/process-winback-run.js";
import { readWinbackReport } from "../../../../src/features/winback/read-winback-report.js";
import { winbackSelection, winbackSettings } from "../../../../src/features/winback/run-winback.js";
import { previewWinback, startWinbackRun } from "../../../../src/features/winback/select-winback-targets.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { notFound } from "../../../../src/kernel/outcomes.js";
import { seedLapsedMembers } from "../../../support/lapsed-members.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;

describe("the win-back report", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(async () => cleanup?.());

  it("is notFound before any run, and for an unknown run", async () => {
    const at = new Date("2026-11-01T02:00:00Z");
    expect(await readWinbackReport(app, { at })).toEqual(notFound);
    expect(await readWinbackReport(app, { runId: 999999, at })).toEqual(notFound);
  });

  it("counts targets, skips by reason, redemptions, revenue, and treated vs holdout repurchase", async () => {
    const start = new Date("2026-11-01T02:00:00Z");
    const members = await seedLapsedMembers(app, { prefix: "r", count: 40, at: start, layerOf: (i) => (i < 20 ? "at_risk" : "lost") });
    // One opted out before the run: not selected at all.
    await app.db.member.update({ where: { id: members[0]!.id }, data: { optedOutAt: start } });
    expect((await previewWinback(app, winbackSelection(app, start))).selected).toEqual({ at_risk: 19, lost: 20 });

    const started = await startWinbackRun(app, { ...winbackSelection(app, start), runKey: "r1", holdoutShare: 0.25 });
    if (started.kind !== "started") throw new Error("not started");
    expect(started.treated + started.holdout).toBe(39);
    expect(started.holdout).toBeGreaterThan(0);
    await processWinbackRun(app, { runId: started.run.id, at: start, settings: winbackSettings(app) });

    const treated = await app.db.winbackTarget.findMany({ where: { runId: started.run.id, holdout: false }, orderBy: { memberId: "asc" } });
    const holdout = await app.db.winbackTarget.findMany({ where: { runId: started.run.id, holdout: true }, orderBy: { memberId: "asc" } });
    // Two treated members come back with their coupon; one holdout member buys anyway.
    const later = new Date(start.getTime() + 3 * DAY);
    for (const [i, target] of treated.slice(0, 2).entries()) {
      const order = await app.db.order.create({
        data: { orderNo: `back-${i}`, source: "shop", memberId: target.memberId, amountCents: 30000, status: "paid", placedAt: later },
      });
      await app.db.coupon.update({ where: { id: target.couponId! }, data: { redeemedAt: later, redeemedOrderId: order.id } });
    }
    await app.db.order.create({
      data: { orderNo: "anyway", source: "shop", memberId: holdout[0]!.memberId, amountCents: 5000, status: "paid", placedAt: later },
    });
    // The governor skipped one message for the member cap.
    await app.db.delivery.updateMany({
      where: { campaign: `winback:${started.run.id}`, memberId: treated[2]!.memberId },
      data: { status: "skipped", reason: "member_cap" },
    });

    const outcome = await readWinbackReport(app, { runId: started.run.id, at: new Date(start.getTime() + 7 * DAY) });
    if (outcome.kind !== "report") throw new Error(outcome.kind);
    const { report } = outcome;
    expect(report).toMatchObject({
      targeted: treated.length,
      holdout: holdout.length,
      couponsIssued: treated.length,
      redeemed: 2,
      revenueCents: 60000,
      skipped: { member_cap: 1 },
      queued: treated.length - 1,
    });
    expect(report.conversion).toBeCloseTo(2 / treated.length);
    expect(report.treatedRepurchase).toBeCloseTo(2 / treated.length);
    expect(report.holdoutRepurchase).toBeCloseTo(1 / holdout.length);
    expect(report.liftPoints).toBeCloseTo((2 / treated.length - 1 / holdout.length) * 100);
    expect(Object.keys(report.perLayer).sort()).toEqual(["at_risk", "lost"]);
    expect(report.perLayer.at_risk!.targeted + report.perLayer.lost!.targeted).toBe(treated.length);
    // Kept with the run.
    expect((await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } })).report).toMatchObject({ redeemed: 2 });
    // Within the cooldown nobody is selected again.
    expect((await previewWinback(app, winbackSelection(app, later))).selected).toEqual({ at_risk: 0, lost: 0 });
  });
});
