// 实验 报告 召回N: a win-back run is an experiment (treated vs its holdout). Its figures against numbers
// computed by hand from the orders this test writes: reached (sent; the holdout: held out), converted (a
// paid order within 7 days of the message / of being held out), conversion and lift vs the holdout; and
// 样本不足，继续观察 before 7 days even with the planned sample met, a verdict after; a sample-ratio
// mismatch warned of (and no winner called) when the arms' sizes stray from the holdout share; and that
// check held against the run's own share (20% held out): a split within chance is not flagged, one beyond is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseExperimentRef, readExperimentReport } from "../../../../src/features/experiments/index.js";
import { experimentTexts } from "../../../../src/features/experiments/texts.js";
import { processWinbackRun } from "../../../../src/features/winback/process-winback-run.js";
import { winbackSelection, winbackSettings } from "../../../../src/features/winback/run-winback.js";
import { startWinbackRun } from "../../../../src/features/winback/select-winback-targets.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { seedLapsedMembers } from "../../../support/lapsed-members.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;
const start = new Date("2026-11-02T02:00:00Z");
let now = start;
const clock = { now: () => now };

/** `count` members, half at risk and half lost, and a win-back run over them: its id. */
async function startLapsedRun(app: AppContext, count: number, holdoutShare: number): Promise<number> {
  await seedLapsedMembers(app, { prefix: "w", count, at: start });
  const started = await startWinbackRun(app, { ...winbackSelection(app, start), runKey: "exp-1", holdoutShare });
  if (started.kind !== "started") throw new Error(started.kind);
  return started.run.id;
}

describe("a win-back run's experiment report", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let runId: number;
  let treatedReached: number;
  let holdoutCount: number;
  beforeAll(async () => {
    // Baseline 20%, detect +60 points: 10 members per arm are planned, so the day rule is what waits.
    ({ app, cleanup } = await createTestApp({ EXPERIMENT_BASELINE_PERCENT: "20", EXPERIMENT_MDE_PERCENT: "60" }, clock));
    runId = await startLapsedRun(app, 100, 0.5);
    await processWinbackRun(app, { runId, at: start, settings: winbackSettings(app) });

    const campaign = `winback:${runId}`;
    const treated = await app.db.winbackTarget.findMany({ where: { runId, holdout: false }, orderBy: { memberId: "asc" } });
    const holdout = await app.db.winbackTarget.findMany({ where: { runId, holdout: true }, orderBy: { memberId: "asc" } });
    // 100 members at 50%: both arms above 24 (and the 10 planned) but for a draw of about 1 in 10⁷.
    expect(treated.length).toBeGreaterThanOrEqual(24);
    expect(holdout.length).toBeGreaterThanOrEqual(10);
    // Every message leaves an hour after the start, except one the governor skipped (member cap).
    const sentAt = new Date(start.getTime() + 3_600_000);
    await app.db.delivery.updateMany({ where: { campaign }, data: { status: "sent", sentAt } });
    const skipped = treated[23]!.memberId;
    await app.db.delivery.updateMany({
      where: { campaign, memberId: skipped },
      data: { status: "skipped", reason: "member_cap", sentAt: null },
    });
    treatedReached = treated.length - 1;
    holdoutCount = holdout.length;

    let n = 0;
    const order = (memberId: number, at: Date, status: "paid" | "pending" = "paid") =>
      app.db.order.create({
        data: {
          orderNo: `W${++n}`,
          source: "shop",
          memberId,
          amountCents: 19_900,
          status,
          placedAt: at,
          ...(status === "paid" ? { paidAt: at } : {}),
        },
      });
    // Treated: 20 buy two days after their message (converted) …
    for (const t of treated.slice(0, 20)) await order(t.memberId, new Date(sentAt.getTime() + 2 * DAY));
    // … one eight days after (outside the 7-day window), one never pays, one bought the day before the
    // message, and the skipped one buys in the window (not reached, so not counted).
    await order(treated[20]!.memberId, new Date(sentAt.getTime() + 8 * DAY));
    await order(treated[21]!.memberId, new Date(sentAt.getTime() + 2 * DAY), "pending");
    await order(treated[22]!.memberId, new Date(start.getTime() - DAY));
    await order(skipped, new Date(sentAt.getTime() + 2 * DAY));
    // Holdout: two buy within 7 days of being held out, one on day 8.
    for (const h of holdout.slice(0, 2)) await order(h.memberId, new Date(start.getTime() + 3 * DAY));
    await order(holdout[2]!.memberId, new Date(start.getTime() + 8 * DAY));
  });
  afterAll(async () => cleanup?.());

  it("reports reached, converted, conversion and lift vs the holdout as computed by hand; 样本不足 on day 3", async () => {
    now = new Date(start.getTime() + 3 * DAY);
    const ref = parseExperimentRef(`召回${runId}`);
    expect(ref).toEqual({ kind: "winback", id: runId });
    const report = await readExperimentReport(app, ref!);
    if (report.kind !== "report") throw new Error(report.kind);
    expect(report.plannedPerArm).toBe(10);
    expect(report.daysRunning).toBe(3);
    const [treatedArm, holdoutArm] = report.arms;
    expect(treatedArm).toMatchObject({ arm: "召回", assigned: treatedReached + 1, reached: treatedReached, converted: 20 });
    expect(holdoutArm).toMatchObject({ arm: "holdout", assigned: holdoutCount, reached: holdoutCount, converted: 2 });
    const rate = 20 / treatedReached;
    const holdoutRate = 2 / holdoutCount;
    expect(treatedArm!.rate).toBeCloseTo(rate, 10);
    expect(holdoutArm!.rate).toBeCloseTo(holdoutRate, 10);
    expect(treatedArm!.low).toBeLessThan(rate);
    expect(treatedArm!.high).toBeGreaterThan(rate);
    // Relative lift: 20/(T−1) ÷ 2/H − 1 = 10·H/(T−1) − 1.
    expect(treatedArm!.vsHoldout!.lift).toBeCloseTo((10 * holdoutCount) / treatedReached - 1, 10);
    expect(treatedArm!.vsControl).toBeUndefined(); // one arm: it is its own control
    // The planned sample is met in both arms: only the 7 days hold the verdict back.
    expect(Math.min(treatedReached, holdoutCount)).toBeGreaterThanOrEqual(10);
    expect(report.verdict).toEqual({
      kind: "insufficient",
      needPerArm: 10,
      smallestArm: Math.min(treatedReached, holdoutCount),
      daysRunning: 3,
      minDays: 7,
    });

    const text = experimentTexts.report(report);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    expect(text).toContain(`实验 召回 #${runId}（指标：7 天内付款下单；已进行 3 天；计划每组 10 人）`);
    expect(text).toContain(`· 召回：触达 ${treatedReached}，转化 20，转化率 ${pct(rate)}`);
    expect(text).toContain(`比留出组 +${Math.round(((10 * holdoutCount) / treatedReached - 1) * 100)}%`);
    expect(text).toContain(`· 留出组（不发）：触达 ${holdoutCount}，转化 2，转化率 ${pct(holdoutRate)}`);
    expect(text).toContain("结论：样本不足，继续观察");
    expect(text).not.toContain("胜过");
  });

  it("after 7 days the same counts are judged: the win-back beats the holdout", async () => {
    now = new Date(start.getTime() + 8 * DAY);
    const report = await readExperimentReport(app, { kind: "winback", id: runId });
    if (report.kind !== "report") throw new Error(report.kind);
    // The day-8 orders fall outside both windows: the counts do not move.
    expect(report.arms.map((a) => [a.arm, a.reached, a.converted])).toEqual([
      ["召回", treatedReached, 20],
      ["holdout", holdoutCount, 2],
    ]);
    expect(report.verdict).toMatchObject({ kind: "winner", arm: "召回", against: "holdout" });
    expect(experimentTexts.report(report)).toContain("结论：召回 胜过 留出组（不发）");
  });

  it("warns of a sample-ratio mismatch when the arms' sizes stray from the 50/50 drawn, and calls no winner", async () => {
    now = new Date(start.getTime() + 8 * DAY);
    const treated = await app.db.winbackTarget.findMany({ where: { runId, holdout: false }, orderBy: { memberId: "asc" } });
    const holdout = await app.db.winbackTarget.findMany({ where: { runId, holdout: true }, orderBy: { memberId: "asc" } });
    // Every other reached member buys too, so the counts alone would name a clear winner …
    const boughtAt = new Date(start.getTime() + 3_600_000 + 2 * DAY);
    await app.db.order.createMany({
      data: treated.slice(24).map((t, i) => ({
        orderNo: `SRM${i}`,
        source: "shop",
        memberId: t.memberId,
        amountCents: 19_900,
        status: "paid" as const,
        placedAt: boughtAt,
        paidAt: boughtAt,
      })),
    });
    // … but most of the holdout (its two buyers among them) is turned into treated rows, as a selection
    // bug would: 10 held out of 100 drawn at 50%.
    await app.db.winbackTarget.updateMany({
      where: { runId, memberId: { in: holdout.slice(0, -10).map((h) => h.memberId) } },
      data: { holdout: false },
    });
    const report = await readExperimentReport(app, { kind: "winback", id: runId });
    if (report.kind !== "report") throw new Error(report.kind);
    expect(report.arms.map((a) => [a.arm, a.assigned, a.converted])).toEqual([
      ["召回", 90, 20 + treated.length - 24],
      ["holdout", 10, 0],
    ]);
    expect(report.sampleRatio.mismatch).toBe(true);
    expect(report.sampleRatio.p).toBeLessThan(0.001); // χ² = (90−50)²/50 + (10−50)²/50 = 64
    expect(report.verdict).toEqual({ kind: "untrusted", p: report.sampleRatio.p });
    const text = experimentTexts.report(report);
    expect(text).toContain("⚠ 各组人数比例与分配不符");
    expect(text).toContain("结论：分组比例异常，不下结论");
    expect(text).not.toContain("胜过");
  });

  it("an unknown run is not found", async () => {
    expect(await readExperimentReport(app, { kind: "winback", id: 99_999 })).toEqual({ kind: "notFound" });
  });
});

describe("a win-back run's sample-ratio check against its holdout share", () => {
  // 200 members, 20% held out: 160 treated and 40 held out expected. The holdout is drawn with random(),
  // so each case rewrites the run's stored targets to an exact split. Nobody is sent anything: the check
  // compares the members assigned, and the verdict stays 样本不足 (0 reached).
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let runId: number;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({}, clock));
    runId = await startLapsedRun(app, 200, 0.2);
  });
  afterAll(async () => cleanup?.());

  /** The run's first `holdout` targets (by member id) held out, the rest treated: its report and text. */
  async function reportWithHoldout(holdout: number) {
    now = new Date(start.getTime() + 8 * DAY);
    const targets = await app.db.winbackTarget.findMany({ where: { runId }, orderBy: { memberId: "asc" } });
    expect(targets).toHaveLength(200);
    await app.db.winbackTarget.updateMany({ where: { runId }, data: { holdout: false } });
    await app.db.winbackTarget.updateMany({
      where: { runId, memberId: { in: targets.slice(0, holdout).map((t) => t.memberId) } },
      data: { holdout: true },
    });
    const report = await readExperimentReport(app, parseExperimentRef(`召回${runId}`)!);
    if (report.kind !== "report") throw new Error(report.kind);
    expect(report.holdoutShare).toBe(0.2);
    expect(report.arms.map((a) => [a.arm, a.assigned])).toEqual([
      ["召回", 200 - holdout],
      ["holdout", holdout],
    ]);
    expect(report.verdict.kind).toBe("insufficient");
    return { report, text: experimentTexts.report(report) };
  }

  it("150 treated / 50 held out against 160/40 is within chance: no mismatch flag, no ⚠ line", async () => {
    const { report, text } = await reportWithHoldout(50);
    // χ² = 10²/160 + 10²/40 = 3.125 (1 df, p ≈ 0.077). Against 50/50 shares it would be 50: flagged.
    expect(report.sampleRatio.mismatch).toBe(false);
    expect(report.sampleRatio.chiSquare).toBeCloseTo(3.125, 10);
    expect(report.sampleRatio.p).toBeGreaterThan(0.05);
    expect(text).not.toContain("⚠");
    expect(text).not.toContain("各组人数比例与分配不符");
  });

  it("120 treated / 80 held out against 160/40 is beyond chance: the mismatch flag and the ⚠ line", async () => {
    const { report, text } = await reportWithHoldout(80);
    // χ² = 40²/160 + 40²/40 = 50 (p ≈ 1.5e-12). Against 50/50 shares it would be 8 (p ≈ 0.005): not flagged.
    expect(report.sampleRatio.mismatch).toBe(true);
    expect(report.sampleRatio.chiSquare).toBeCloseTo(50, 10);
    expect(report.sampleRatio.p).toBeLessThan(0.001);
    // The warning sits between the arms and the conclusion.
    const lines = text.split("\n");
    expect(lines.slice(-3)).toEqual([
      expect.stringMatching(/^· 留出组（不发）：触达 80，转化 0，/),
      "⚠ 各组人数比例与分配不符（卡方检验 p<0.001）：分组或发送可能有问题，结果不可信。/ Sample-ratio mismatch: do not trust the result.",
      expect.stringMatching(/^结论：样本不足，继续观察/),
    ]);
  });
});
