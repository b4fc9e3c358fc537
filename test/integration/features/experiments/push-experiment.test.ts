// A push made with 实验:留出20%: every member's arm is stored (stable), the holdout gets no message, the
// variants follow the arms, and 实验 报告 says 样本不足 before the planned sample and 7 days; once both
// are met it judges, never earlier. A win-back run reports as treated vs holdout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExperimentReport } from "../../../../src/features/experiments/read-experiment-report.js";
import { createPush } from "../../../../src/features/pushes/create-push.js";
import { fanOutPush } from "../../../../src/features/pushes/fan-out-push.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;
let now = new Date("2026-11-23T04:00:00Z");
const clock = { now: () => now };

describe("a push as an experiment", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let pushId: number;
  beforeAll(async () => {
    // A tiny planned sample (baseline 20%, detect +40 points) so a small test can meet it.
    ({ app, cleanup } = await createTestApp(
      { EXPERIMENT_BASELINE_PERCENT: "20", EXPERIMENT_MDE_PERCENT: "40", PUSH_CONFIRM_ABOVE: "100000", QUIET_HOURS: "off" },
      clock,
    ));
    const tag = await app.db.tag.create({ data: { category: "custom", name: "试验" } });
    for (let i = 1; i <= 200; i++) {
      const m = await app.db.member.create({ data: { wechatId: `x${i}`, name: `x${i}` } });
      await app.db.memberTag.create({ data: { memberId: m.id, tagId: tag.id, source: "manual" } });
    }
    const boss = await app.db.member.create({ data: { wechatId: "boss", name: "boss" } });
    const created = await createPush(app, { text: "标签:试验 实验:留出20% {昵称}，A 版 | {昵称}，B 版", createdById: boss.id });
    if (created.kind !== "created") throw new Error(JSON.stringify(created));
    expect(created.experiment).toMatchObject({ arms: ["版本1", "版本2"], holdoutShare: 0.2 });
    pushId = created.pushId;
    expect(await fanOutPush(app, pushId)).toMatchObject({ kind: "done" });
  });
  afterAll(async () => cleanup?.());

  it("stores every member's arm; the holdout gets nothing; each arm gets its variant", async () => {
    const assignments = await app.db.experimentAssignment.findMany();
    expect(assignments).toHaveLength(200);
    const holdout = assignments.filter((a) => a.arm === "holdout").length;
    expect([...new Set(assignments.map((a) => a.arm))].sort()).toEqual(["holdout", "版本1", "版本2"]);
    const deliveries = await app.db.delivery.findMany({ where: { campaign: `push:${pushId}` } });
    expect(deliveries).toHaveLength(200 - holdout);
    const armOf = new Map(assignments.map((a) => [a.memberId, a.arm]));
    for (const d of deliveries) {
      expect(armOf.get(d.memberId!)).not.toBe("holdout");
      expect(d.text.endsWith(armOf.get(d.memberId!) === "版本1" ? "A 版" : "B 版")).toBe(true);
    }
    // A second fan-out (a retry) changes nobody's arm.
    await app.db.push.update({ where: { id: pushId }, data: { status: "sending", fannedOutAt: null, cursor: 0 } });
    await fanOutPush(app, pushId);
    const again = await app.db.experimentAssignment.findMany();
    expect(new Map(again.map((a) => [a.memberId, a.arm]))).toEqual(armOf);
  });

  it("says 样本不足 before 7 days, then judges: B converts far better than A", async () => {
    // Everybody's message is sent now; B's members buy much more often than A's and the holdout's.
    await app.db.delivery.updateMany({ where: { campaign: `push:${pushId}` }, data: { status: "sent", sentAt: now } });
    const assignments = await app.db.experimentAssignment.findMany({ orderBy: { memberId: "asc" } });
    let n = 0;
    for (const [i, a] of assignments.entries()) {
      const buys = a.arm === "版本2" ? i % 4 !== 0 : i % 10 === 0;
      if (buys) {
        await app.db.order.create({
          data: {
            orderNo: `X${++n}`,
            source: "shop",
            memberId: a.memberId,
            amountCents: 100,
            status: "paid",
            placedAt: new Date(now.getTime() + DAY),
            paidAt: new Date(now.getTime() + DAY),
          },
        });
      }
    }
    now = new Date(now.getTime() + 2 * DAY);
    const early = await readExperimentReport(app, { kind: "push", id: pushId });
    if (early.kind !== "report") throw new Error(early.kind);
    expect(early.verdict.kind).toBe("insufficient");
    const b = early.arms.find((a) => a.arm === "版本2")!;
    expect(b.converted / b.reached).toBeGreaterThan(0.6);
    expect(b.vsControl).toBeUndefined(); // 版本2 is the control (the last variant)
    const a = early.arms.find((x) => x.arm === "版本1")!;
    expect(a.vsControl!.p).toBeLessThan(0.001);

    now = new Date(now.getTime() + 6 * DAY);
    const later = await readExperimentReport(app, { kind: "push", id: pushId });
    if (later.kind !== "report") throw new Error(later.kind);
    expect(later.verdict).toMatchObject({ kind: "winner", arm: "版本2", against: "版本1" });
    expect(later.sampleRatio.mismatch).toBe(false);
  });

  it("a push made without 实验 is not an experiment", async () => {
    const boss = await app.db.member.findUniqueOrThrow({ where: { wechatId: "boss" } });
    const plain = await createPush(app, { text: "标签:试验 普通推送", createdById: boss.id });
    if (plain.kind !== "created") throw new Error(plain.kind);
    expect(await readExperimentReport(app, { kind: "push", id: plain.pushId })).toEqual({ kind: "notExperiment" });
    expect(await readExperimentReport(app, { kind: "push", id: 99_999 })).toEqual({ kind: "notFound" });
  });
});
