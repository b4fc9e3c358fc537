import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { winbackDaily } from "../../../../jobs/winback-daily.js";
import { processWinbackRun } from "../../../../src/features/winback/process-winback-run.js";
import { readWinbackReport } from "../../../../src/features/winback/read-winback-report.js";
import { checkWinbackTemplates, winbackSelection, winbackSettings } from "../../../../src/features/winback/run-winback.js";
import { previewWinback, startWinbackRun } from "../../../../src/features/winback/select-winback-targets.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;

describe("win-back selection", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  const at = new Date("2026-11-10T02:00:00Z");
  let batch = 0;
  /** `n` fresh members of a win-back layer; everyone else moves to potential, so each test selects its own. */
  const layered = async (n: number, layer: "at_risk" | "lost" = "at_risk") => {
    const prefix = `b${batch++}`;
    await app.db.memberRfm.updateMany({ data: { layer: "potential" } });
    const members = await app.db.member.createManyAndReturn({
      data: Array.from({ length: n }, (_, i) => ({
        wechatId: `${prefix}-${i}`,
        name: `${prefix}-${i}`,
        firstSeenAt: new Date(at.getTime() - 300 * DAY),
      })),
    });
    await app.db.memberRfm.createMany({
      data: members.map((m) => ({ memberId: m.id, orders: 1, monetaryCents: 100n, layer, computedAt: at })),
    });
    return members;
  };
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ MEMBER_PUSH_CAP_DAY: "1", MEMBER_PUSH_CAP_WEEK: "3" }));
  });
  afterAll(async () => cleanup?.());

  it("creates the run and its targets together: a crash in between leaves no run, and the retry selects", async () => {
    const members = await layered(4);
    // The target insert fails once, as a process killed right after the run row would leave it.
    await app.db.$executeRawUnsafe(
      `CREATE FUNCTION fail_once() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'crash'; END $$ LANGUAGE plpgsql`,
    );
    await app.db.$executeRawUnsafe(
      `CREATE TRIGGER fail_once BEFORE INSERT ON winback_targets FOR EACH STATEMENT EXECUTE FUNCTION fail_once()`,
    );
    await expect(startWinbackRun(app, { ...winbackSelection(app, at), runKey: "daily:crash", holdoutShare: 0 })).rejects.toThrow();
    await app.db.$executeRawUnsafe(`DROP TRIGGER fail_once ON winback_targets`);
    expect(await app.db.winbackRun.count({ where: { runKey: "daily:crash" } })).toBe(0);

    const retried = await startWinbackRun(app, { ...winbackSelection(app, at), runKey: "daily:crash", holdoutShare: 0 });
    expect(retried).toMatchObject({ kind: "started", treated: members.length });
    const again = await startWinbackRun(app, { ...winbackSelection(app, at), runKey: "daily:crash", holdoutShare: 0 });
    expect(again.kind).toBe("exists");
  });

  it("leaves out members at their marketing cap, counts every exclusion by reason on the run, and reports them", async () => {
    const later = new Date(at.getTime() + 60 * DAY); // past the first test's cooldown
    const [optedOut, capped, cooled, fine, noQuota] = await layered(5);
    await app.db.member.update({ where: { id: optedOut!.id }, data: { optedOutAt: at } });
    // A push reached this member today: at the day's cap of 1, no coupon now (it would come without a message).
    await app.db.delivery.create({
      data: { account: "main", kind: "push", memberId: capped!.id, text: "hi", status: "sent", sentAt: new Date(later.getTime() - 60_000) },
    });
    const earlier = await startWinbackRun(app, {
      ...winbackSelection(app, new Date(later.getTime() - 5 * DAY)),
      runKey: "earlier",
      holdoutShare: 0,
    });
    await app.db.winbackTarget.deleteMany({ where: { runId: earlier.run.id, memberId: { not: cooled!.id } } });
    // A lost member whose template has run out of quota: selected, but no coupon and so no message.
    await app.db.memberRfm.update({ where: { memberId: noQuota!.id }, data: { layer: "lost" } });
    await app.db.$executeRaw`UPDATE coupon_templates SET total_quota = issued_count WHERE name = '立减100'`;

    const preview = await previewWinback(app, winbackSelection(app, later));
    expect(preview.selected).toMatchObject({ at_risk: 1, lost: 1 });
    expect(preview.excluded).toEqual({ opt_out: 1, member_cap: 1, cooldown: 1 });
    const started = await startWinbackRun(app, { ...winbackSelection(app, later), runKey: "exclusions", holdoutShare: 0 });
    if (started.kind !== "started") throw new Error("not started");
    // The preview counted exactly what the run then left out.
    expect(started.excluded).toEqual(preview.excluded);
    const selected = (await app.db.winbackTarget.findMany({ where: { runId: started.run.id } })).map((t) => t.memberId).sort();
    expect(selected).toEqual([fine!.id, noQuota!.id].sort());
    expect(started.excluded).toMatchObject({ opt_out: 1, member_cap: 1, cooldown: 1 });
    expect((await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } })).excluded).toMatchObject({
      opt_out: 1,
      member_cap: 1,
      cooldown: 1,
    });

    await processWinbackRun(app, { runId: started.run.id, at: later, settings: winbackSettings(app) });
    expect(await app.db.coupon.count({ where: { memberId: capped!.id } })).toBe(0);
    // Stored with the run when it finished: selection exclusions, and the member no coupon was left for.
    const stored = (await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } })).report;
    expect(stored).toMatchObject({ targeted: 2, couponsIssued: 1, skipped: { opt_out: 1, member_cap: 1, cooldown: 1, no_coupon: 1 } });
    expect(await readWinbackReport(app, { runId: started.run.id, at: later })).toMatchObject({
      kind: "report",
      report: { skipped: { opt_out: 1, member_cap: 1, cooldown: 1, no_coupon: 1 } },
    });
    // The message carries the coupon's expiry: a message deferred past it is worthless.
    const message = await app.db.delivery.findFirstOrThrow({ where: { campaign: `winback:${started.run.id}` } });
    const coupon = await app.db.coupon.findFirstOrThrow({ where: { campaign: `winback:${started.run.id}` } });
    expect(message.validUntil).toEqual(coupon.expiresAt);
    await app.db.$executeRaw`UPDATE coupon_templates SET total_quota = NULL WHERE name = '立减100'`;
  });

  it("fails a run whose WINBACK_COUPONS names no template, with the reason, and selects nobody daily until fixed", async () => {
    const much = new Date(at.getTime() + 200 * DAY);
    await layered(3);
    const started = await startWinbackRun(app, { ...winbackSelection(app, much), runKey: "bad-template", holdoutShare: 0 });
    const settings = { ...winbackSettings(app), coupons: { at_risk: "满200减30", lost: "满999减1" } };
    expect(await processWinbackRun(app, { runId: started.run.id, at: much, settings })).toEqual({
      kind: "noTemplate",
      names: ["满999减1"],
    });
    const run = await app.db.winbackRun.findUniqueOrThrow({ where: { id: started.run.id } });
    expect(run.status).toBe("failed");
    expect(run.failReason).toContain("WINBACK_COUPONS");
    expect(run.failReason).toContain("满999减1");
    expect(await app.db.coupon.count({ where: { campaign: `winback:${run.id}` } })).toBe(0);
    // Nobody got anything, so nobody's cooldown started.
    expect((await previewWinback(app, winbackSelection(app, much))).selected).toEqual({ at_risk: 3, lost: 0 });

    await app.db.couponTemplate.update({ where: { name: "立减100" }, data: { name: "立减100-renamed" } });
    try {
      expect(await checkWinbackTemplates(app)).toContain("立减100");
      const runs = await app.db.winbackRun.count();
      expect(await winbackDaily.handle({}, app, { id: "t", attemptsMade: 0 })).toMatchObject({ started: "noTemplate" });
      expect(await app.db.winbackRun.count()).toBe(runs);
    } finally {
      await app.db.couponTemplate.update({ where: { name: "立减100-renamed" }, data: { name: "立减100" } });
    }
    expect(await checkWinbackTemplates(app)).toBeUndefined();
  });
});
