// A push with {券码}: one coupon per recipient (none for the opted-out), codes in the texts, and the
// coupons' redemptions and revenue in the push's report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redeemCoupon } from "../../../src/services/coupons/redeem-coupon.js";
import { startTestBot, type TestBot } from "../../support/test-bot.js";

const people = ["ann", "ben", "cat", "dan", "eve"];
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", ...people] }] };

describe("a push with a coupon", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100" });
    const db = t.app.db;
    const tag = await db.tag.create({ data: { category: "custom", name: "老客" } });
    const members = await db.member.findMany({ where: { wechatId: { in: people } } });
    await db.memberTag.createMany({ data: members.map((m) => ({ memberId: m.id, tagId: tag.id, source: "manual" as const })) });
    await db.member.update({ where: { wechatId: "eve" }, data: { optedOutAt: t.app.clock.now() } });
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
    const preview = await t.waitFor({ to: "boss", text: "推送 #" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    for (const who of ["ann", "ben", "cat", "dan"]) {
      const message = await t.waitFor({ to: who, text: "送你一张满200减30" });
      const code = /：([A-Z0-9]{10})，/.exec(message.text)?.[1];
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
      data: { orderNo: "S-TEST-1", source: "shop", externalId: "T1", memberId: ann.memberId, amountCents: 25900, status: "paid", couponCode: ann.code },
    });
    const redeemed = await redeemCoupon(t.app.db, { code: ann.code, at: t.app.clock.now(), order: { id: order.id, memberId: ann.memberId, amountCents: 25900 } });
    expect(redeemed.kind).toBe("redeemed");

    t.say("boss", `#推送 状态 ${pushId}`);
    const report = await t.waitFor({ to: "boss", text: "券：发出" });
    expect(report.text).toContain("券：发出 4，已核销 1，带来收入 ¥259");
    expect(report.text).toMatch(/已退订 1/);
  });
});
