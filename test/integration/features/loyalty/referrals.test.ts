// 老带新 against the real database: the room-join inviter is the referrer; both sides are rewarded only
// after the invitee's first paid order and while they are still in a group REFERRAL_STAY_DAYS later;
// a known member earns nothing; a refund takes the reward back; the monthly cap holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderSettled } from "../../../../jobs/order-settled.js";
import { recordRoomJoin, recordRoomLeave } from "../../../../src/features/community/index.js";
import { listMyInvites, rankInviters, readPoints, runLoyaltyNightly } from "../../../../src/features/loyalty/index.js";
import { recordOrder, updateOrderStatus } from "../../../../src/features/orders/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;
const room = { wechatRoomId: "r-vip@chatroom", topic: "VIP群" };

describe("member-gets-member referrals", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let now = new Date("2026-12-01T04:00:00Z");
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp(
      { REFERRAL_POINTS: "100", REFERRAL_STAY_DAYS: "7", REFERRAL_MONTHLY_CAP: "2" },
      { now: () => now },
    ));
  });
  afterAll(async () => cleanup?.());

  const runOrderJobs = async () => {
    for (const job of await app.jobs.queue("order-settled").getJobs(["waiting", "delayed"])) {
      await orderSettled.handle(orderSettled.payload.parse(job.data), app, { id: job.id!, attemptsMade: 0 });
      await job.remove();
    }
  };
  const join = (wechatId: string, inviter?: string) =>
    recordRoomJoin(app, {
      room,
      invitees: [{ wechatId, name: wechatId }],
      inviter: inviter ? { wechatId: inviter, name: inviter } : undefined,
      at: now,
    });
  const pay = async (wechatId: string, orderId: string, amountCents = 10_000) => {
    const m = await app.db.member.findUniqueOrThrow({ where: { wechatId } });
    await app.db.customerLink.upsert({
      where: { shopCustomerId: `c-${wechatId}` },
      create: { shopCustomerId: `c-${wechatId}`, memberId: m.id, linkedAt: now },
      update: {},
    });
    await recordOrder(app, { orderId, customerId: `c-${wechatId}`, amountCents, status: "paid" }, now);
    await runOrderJobs();
    return m;
  };
  const referralPoints = async (wechatId: string) => {
    const m = await app.db.member.findUniqueOrThrow({ where: { wechatId } });
    return (await app.db.pointEntry.findMany({ where: { memberId: m.id, source: { in: ["referral", "referral_reversal"] } } })).reduce(
      (s, e) => s + e.points,
      0,
    );
  };

  it("rewards both sides only after the first paid order and the stay, once; a refund takes it back", async () => {
    await join("anna");
    await join("ben", "anna");
    // Nothing before an order, however late.
    now = new Date(now.getTime() + 10 * DAY);
    await runLoyaltyNightly(app, { at: now });
    expect(await referralPoints("anna")).toBe(0);

    const ben = await pay("ben", "ref-1");
    expect(await app.db.referral.findUniqueOrThrow({ where: { inviteeId: ben.id } })).toMatchObject({ status: "pending" });
    // A second order opens nothing new.
    await pay("ben", "ref-2");
    expect(await app.db.referral.count()).toBe(1);
    now = new Date(now.getTime() + 3 * DAY);
    await runLoyaltyNightly(app, { at: now });
    expect(await referralPoints("anna")).toBe(0);
    now = new Date(now.getTime() + 5 * DAY);
    await runLoyaltyNightly(app, { at: now });
    await runLoyaltyNightly(app, { at: now });
    expect(await referralPoints("anna")).toBe(100);
    expect(await referralPoints("ben")).toBe(100);
    const notices = await app.db.delivery.findMany({ where: { campaign: "referral" }, orderBy: { id: "asc" } });
    expect(notices.map((n) => n.text)).toEqual([
      expect.stringContaining("你邀请的 ben 已完成首单"),
      expect.stringContaining("送你 100 积分"),
    ]);
    const anna = await app.db.member.findUniqueOrThrow({ where: { wechatId: "anna" } });
    expect(await listMyInvites(app, { memberId: anna.id })).toMatchObject([{ name: "ben", status: "rewarded", points: 100 }]);

    // The first order is refunded: both lose the referral points (unspent here).
    await updateOrderStatus(app, { orderId: "ref-1", status: "refunded" }, now);
    await runOrderJobs();
    expect(await referralPoints("anna")).toBe(0);
    expect(await referralPoints("ben")).toBe(0);
    expect(await app.db.referral.findUniqueOrThrow({ where: { inviteeId: ben.id } })).toMatchObject({ status: "reversed" });
    expect((await readPoints(app, { memberId: anna.id, at: now })).balance).toBe(0);
  });

  it("gives nothing for a member already known, or an invitee who left before the stay ended", async () => {
    await join("known");
    await join("known", "anna"); // anna "invites" someone Siyu already knows: no referral
    await pay("known", "ref-3");
    await join("leaver", "anna");
    await pay("leaver", "ref-4");
    const leaver = await app.db.member.findUniqueOrThrow({ where: { wechatId: "leaver" } });
    await recordRoomLeave(app, { wechatRoomId: room.wechatRoomId, leaverWechatIds: ["leaver"], at: now });
    now = new Date(now.getTime() + 8 * DAY);
    await runLoyaltyNightly(app, { at: now });
    expect(
      await app.db.referral.findUnique({
        where: { inviteeId: (await app.db.member.findUniqueOrThrow({ where: { wechatId: "known" } })).id },
      }),
    ).toBeNull();
    expect(await app.db.referral.findUniqueOrThrow({ where: { inviteeId: leaver.id } })).toMatchObject({ status: "void" });
    expect(await referralPoints("anna")).toBe(0);
  });

  it("rewards at most REFERRAL_MONTHLY_CAP referrals per inviter a month; the rest are capped", async () => {
    now = new Date("2027-02-01T04:00:00Z");
    await join("cara");
    for (const w of ["d1", "d2", "d3"]) {
      await join(w, "cara");
      await pay(w, `ref-${w}`);
    }
    now = new Date(now.getTime() + 8 * DAY);
    await runLoyaltyNightly(app, { at: now });
    const statuses = (
      await app.db.referral.findMany({ where: { inviterId: (await app.db.member.findUniqueOrThrow({ where: { wechatId: "cara" } })).id } })
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual(["capped", "rewarded", "rewarded"]);
    expect(await referralPoints("cara")).toBe(200);
    const top = await rankInviters(app);
    expect(top[0]).toMatchObject({ name: "cara", invited: 3, ordered: 3, rewarded: 2 });
  });
});
