// A push with {券码}: one coupon per recipient (none for the opted-out), codes in the texts, and the
// coupons' redemptions and revenue in the push's report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redeemCoupon } from "../../../../src/features/coupons/redeem-coupon.js";
import { fanOutPush } from "../../../../src/features/pushes/fan-out-push.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const people = ["ann", "ben", "cat", "dan", "eve"];
const newcomers = ["fay", "gus", "hal", "ivy"];
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", ...people, ...newcomers] }] };

async function counts(t: TestBot, pushId: number) {
  const rows = await t.app.db.delivery.groupBy({ by: ["status", "reason"], where: { campaign: `push:${pushId}` }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [`${r.status}${r.reason ? `:${r.reason}` : ""}`, r._count._all]));
}

describe("a push with a coupon", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100" });
    const db = t.app.db;
    const tag = await db.tag.create({ data: { category: "custom", name: "老客" } });
    const members = await db.member.findMany({ where: { wechatId: { in: people } } });
    await db.memberTag.createMany({ data: members.map((m) => ({ memberId: m.id, tagId: tag.id, source: "manual" as const })) });
    await db.member.update({ where: { wechatId: "eve" }, data: { optedOutAt: t.app.clock.now() } });
    const fresh = await db.tag.create({ data: { category: "custom", name: "新客" } });
    const others = await db.member.findMany({ where: { wechatId: { in: newcomers } } });
    await db.memberTag.createMany({ data: others.map((m) => ({ memberId: m.id, tagId: fresh.id, source: "manual" as const })) });
    await db.couponTemplate.create({ data: { name: "限量券", kind: "flat", valueCents: 1000, validDays: 7, totalQuota: 2 } });
  });
  afterAll(async () => t?.stop());

  it("refuses {券码} without a coupon, and an unknown coupon, saying what to write", async () => {
    t.say("boss", "#推送 标签:老客 送你 {券码}");
    expect((await t.waitFor({ to: "boss", text: "券:" })).text).toContain("请在内容前写 券:券名");
    t.say("boss", "#推送 标签:老客 券:满999减1 送你 {券码}");
    expect((await t.waitFor({ to: "boss", text: "没有「满999减1」" })).text).toContain("满200减30");
  });

  it("issues one coupon per recipient and reports its redemptions and revenue", async () => {
    t.say("boss", "#推送 标签:老客 券:满200减30 {昵称}，送你一张满200减30：{券码}，{有效期}前有效");
    // The new push's own preview (「推送 #N：…」), not a late report of the previous test's push.
    const preview = await t.waitFor({ to: "boss", text: /^推送 #\d+：/ });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    for (const who of ["ann", "ben", "cat", "dan"]) {
      const message = await t.waitFor({ to: who, text: "送你一张满200减30" });
      const code = /：([A-Z0-9]{11})，/.exec(message.text)?.[1];
      expect(code, message.text).toBeDefined();
      const coupon = await t.app.db.coupon.findUniqueOrThrow({ where: { code: code! }, include: { member: true } });
      expect(coupon.member.wechatId).toBe(who);
      expect(coupon.campaign).toBe(`push:${pushId}`);
    }
    const coupons = await t.app.db.coupon.findMany({ where: { campaign: `push:${pushId}` } });
    expect(coupons).toHaveLength(4); // eve opted out: no coupon, no message

    // Ann spends ¥259 with hers.
    const ann = coupons.find((c) => c.memberId === coupons[0]!.memberId)!;
    const order = await t.app.db.order.create({
      data: {
        orderNo: "S-TEST-1",
        source: "shop",
        externalId: "T1",
        memberId: ann.memberId,
        amountCents: 25900,
        status: "paid",
        couponCode: ann.code,
      },
    });
    const redeemed = await redeemCoupon(t.app, {
      code: ann.code,
      at: t.app.clock.now(),
      order: { id: order.id, memberId: ann.memberId, amountCents: 25900 },
    });
    expect(redeemed.kind).toBe("redeemed");

    t.say("boss", `#推送 状态 ${pushId}`);
    const report = await t.waitFor({ to: "boss", text: "券：发出" });
    expect(report.text).toContain("券：发出 4，已核销 1，带来收入 ¥259");
    expect(report.text).toMatch(/已退订 1/);
  });

  it("gives no coupon to members already at their cap: they are skipped at the fan-out", async () => {
    // ann, ben, cat and dan had their push of the day just now; eve opted out: nobody to reach, refused.
    const pushes = await t.app.db.push.count();
    t.say("boss", "#推送 标签:老客 券:满200减30 {昵称}，再送一张：{券码}");
    await t.waitFor({ to: "boss", text: "人群「标签:老客」5 人中已退订 1，已达推送频次上限 4，没有人能收到" });
    expect(await t.app.db.push.count()).toBe(pushes);
    // eve opts in again: she alone gets a coupon; the four at their caps are skipped at the fan-out.
    await t.app.db.member.update({ where: { wechatId: "eve" }, data: { optedOutAt: null } });
    t.say("boss", "#推送 标签:老客 券:满200减30 {昵称}，再送一张：{券码}");
    const preview = await t.waitFor({ to: "boss", text: "再送一张" });
    expect(preview.text).toContain("已达频次上限 4 → 预计送达 1 人");
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    await expect.poll(() => counts(t, pushId)).toEqual({ "skipped:member_cap": 4, sent: 1 });
    const coupons = await t.app.db.coupon.findMany({ where: { campaign: `push:${pushId}` }, include: { member: true } });
    expect(coupons.map((c) => c.member.wechatId)).toEqual(["eve"]);
  });

  it("refuses a coupon whose quota is below the audience, and never sends a raw {券码} when it runs out", async () => {
    t.say("boss", "#推送 标签:新客 券:限量券 {昵称}，限量券：{券码}");
    await t.waitFor({ to: "boss", text: "券「限量券」只剩 2 张，少于预计送达的 4 人" });

    await t.app.db.couponTemplate.update({ where: { name: "限量券" }, data: { totalQuota: 4 } });
    t.say("boss", "#推送 标签:新客 @ 后天10:00 券:限量券 {昵称}，限量券：{券码}");
    // The new push's own preview (「推送 #N：…」), not a late report of the previous test's push.
    const preview = await t.waitFor({ to: "boss", text: /^推送 #\d+：/ });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    // Before it goes out, two of the four coupons are given elsewhere.
    await t.app.db.couponTemplate.update({ where: { name: "限量券" }, data: { issuedCount: 2 } });
    expect(await fanOutPush(t.app, pushId)).toEqual({ kind: "done", queued: 4 });
    await expect.poll(() => counts(t, pushId)).toEqual({ sent: 2, "skipped:coupon_unavailable": 2 });
    const texts = t.sent.filter((m) => newcomers.includes(m.to ?? "")).map((m) => m.text);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toMatch(/限量券：[A-Z0-9]{11}$/);
    t.say("boss", `#推送 状态 ${pushId}`);
    const report = await t.waitFor({ to: "boss", text: "券已发完或不能再领 2" });
    expect(report.text).toContain("券：发出 2");
  });
});
