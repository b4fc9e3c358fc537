// Recommendations in chat: 推荐 @某人 shows a member's top 3 with reasons; a push with {推荐} and
// {推荐理由} is rendered per member through the outbox, and a member without a recommendation is
// skipped (no_recommendation) or gets the plain variant, as the operator chose; 套餐 建议 and 套餐 新增;
// member prices by level, and a push offering {套餐} at each member's price (owners skipped: owns_bundle).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeRecommendations } from "../../../../src/features/recommendations/recompute-recommendations.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const buyers = Array.from({ length: 8 }, (_, i) => `b${i + 1}`);
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", ...buyers, "zed"] }] };

async function counts(t: TestBot, pushId: number) {
  const rows = await t.app.db.delivery.groupBy({ by: ["status", "reason"], where: { campaign: `push:${pushId}` }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [`${r.status}${r.reason ? `:${r.reason}` : ""}`, r._count._all]));
}

describe("recommendations in chat", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, {
      COMMANDS_PER_MINUTE: "100",
      RECO_MIN_SUPPORT: "3",
      MEMBER_PUSH_CAP_DAY: "10",
      MEMBER_PUSH_CAP_WEEK: "20",
    });
    const db = t.app.db;
    await db.product.createMany({
      data: [
        { id: "TB", name: "电动牙刷", category: "个护", priceCents: 29900 },
        { id: "WR", name: "2 年延保", category: "个护", kind: "service", priceCents: 9900 },
        { id: "HD", name: "吹风机", category: "个护", priceCents: 19900 },
      ],
    });
    // b1–b4 bought a toothbrush and the warranty; b5–b6 a toothbrush only; b7–b8 a hair dryer.
    const baskets: Record<string, string[]> = {
      b1: ["TB", "WR"],
      b2: ["TB", "WR"],
      b3: ["TB", "WR"],
      b4: ["TB", "WR"],
      b5: ["TB"],
      b6: ["TB"],
      b7: ["HD"],
      b8: ["HD"],
    };
    const members = await db.member.findMany({ where: { wechatId: { in: buyers } } });
    const tag = await db.tag.create({ data: { category: "custom", name: "老客" } });
    let n = 0;
    for (const m of members) {
      await db.memberTag.create({ data: { memberId: m.id, tagId: tag.id, source: "manual" } });
      for (const productId of baskets[m.wechatId]!) {
        const order = await db.order.create({
          data: { orderNo: `E${++n}`, source: "shop", memberId: m.id, amountCents: 100, status: "paid", placedAt: t.app.clock.now() },
        });
        await db.orderLine.create({ data: { orderId: order.id, lineNo: 1, productId, name: productId, quantity: 1, priceCents: 100 } });
      }
    }
    // zed bought nothing and has no tag: the push below does not reach them; 推荐 @zed still answers.
    await recomputeRecommendations(t.app, { at: t.app.clock.now(), settings: t.app.config.recommendations });
  });
  afterAll(async () => t?.stop());

  it("推荐 @某人 lists the member's top items with their reasons", async () => {
    t.say("boss", "推荐 @b5", "vip");
    const answer = await t.waitFor({ room: "vip", text: "给 b5 的推荐" });
    expect(answer.text).toContain("1. 2 年延保 ¥99 — 买过电动牙刷的顾客 67% 也买了2 年延保（是平均的 1.3 倍）");
    t.say("boss", "推荐", "vip");
    expect((await t.waitFor({ room: "vip", text: "推荐 @" })).text).toContain("@");
  });

  it("renders {推荐} and {推荐理由} per member through the outbox; skips those without one (no_recommendation)", async () => {
    // b1–b4 own everything related… but the best sellers fill in: everyone has something, except when
    // nothing is left. Make b1 own all three products: nothing is left to recommend.
    const b1 = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "b1" } });
    await t.app.db.memberRecommendation.deleteMany({ where: { memberId: b1.id } });
    t.say("boss", "#推送 标签:老客 无推荐:跳过 {昵称}，为你挑了 {推荐}：{推荐理由}");
    const preview = await t.waitFor({ to: "boss", text: /^推送 #\d+：/ });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    const b5 = await t.waitFor({ to: "b5", text: "为你挑了" });
    expect(b5.text).toBe("b5，为你挑了 2 年延保 ¥99：买过电动牙刷的顾客 67% 也买了2 年延保（是平均的 1.3 倍）");
    const b7 = await t.waitFor({ to: "b7", text: "为你挑了" });
    expect(b7.text).toMatch(/^b7，为你挑了 电动牙刷 ¥299：店里最受欢迎（6 位顾客买过）$/);
    await expect.poll(() => counts(t, pushId)).toEqual({ sent: 7, "skipped:no_recommendation": 1 });
    const report = await t.app.db.delivery.findFirstOrThrow({ where: { campaign: `push:${pushId}`, memberId: b1.id } });
    expect(report.reason).toBe("no_recommendation");
  });

  it("gives the plain variant to a member without a recommendation when the operator says 通用", async () => {
    t.say("boss", "#推送 标签:老客 无推荐:通用 {昵称}，试试 {推荐} | {昵称}，新品到了");
    const preview = await t.waitFor({ to: "boss", text: /^推送 #\d+：/ });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    expect((await t.waitFor({ to: "b1", text: "新品到了" })).text).toBe("b1，新品到了");
    await expect.poll(() => counts(t, pushId)).toEqual({ sent: 8 });
    t.say("boss", "#推送 标签:老客 无推荐:通用 只有 {推荐}");
    expect((await t.waitFor({ to: "boss", text: "无推荐:通用 需要" })).text).toContain("不含 {推荐}");
  });

  it("套餐 建议 lists product → service pairs; 套餐 新增 declares one", async () => {
    t.say("boss", "套餐 建议", "vip");
    expect((await t.waitFor({ room: "vip", text: "套餐建议" })).text).toContain(
      "1. 电动牙刷 + 2 年延保：买过电动牙刷的顾客 67% 也买了2 年延保",
    );
    t.say("boss", "套餐 新增 家庭套装 电动牙刷+延保 价 359", "vip");
    expect((await t.waitFor({ room: "vip", text: "套餐「家庭套装」" })).text).toContain("电动牙刷 + 2 年延保，套餐价 ¥359（单买 ¥398）");
    t.say("boss", "套餐 新增 家庭套装 电动牙刷", "vip");
    expect((await t.waitFor({ room: "vip", text: "用法：套餐 新增" })).text).toContain("价");
  });

  it("套餐 新增 with member prices by level; a push offers {套餐} at each member's price and skips who owns it all", async () => {
    t.say("boss", "套餐 新增 会员套装 电动牙刷+延保 价 359 金卡 329 黑金:299", "vip");
    expect((await t.waitFor({ room: "vip", text: "套餐「会员套装」" })).text).toContain(
      "电动牙刷 + 2 年延保，套餐价 ¥359（金卡 ¥329，黑金 ¥299）（单买 ¥398）",
    );
    t.say("boss", "套餐 新增 钻石套装 电动牙刷+延保 价 359 钻石 300", "vip");
    expect((await t.waitFor({ room: "vip", text: "会员等级" })).text).toContain("没有「钻石」这个会员等级，可用：普通、银卡、金卡、黑金");
    t.say("boss", "套餐 新增 贵套装 电动牙刷+延保 价 359 金卡 400", "vip");
    await t.waitFor({ room: "vip", text: "「金卡」的会员价要低于套餐价" });
    t.say("boss", "套餐", "vip");
    expect((await t.waitFor({ room: "vip", text: "套餐 / Bundles" })).text).toContain(
      "· 会员套装：电动牙刷 + 2 年延保，¥359（金卡 ¥329，黑金 ¥299）",
    );

    // b5 is 金卡, b6 黑金, b7 银卡 (no tier of its own: the bundle price); b1–b4 own both products.
    const levelOf = { b5: "金卡", b6: "黑金", b7: "银卡" };
    for (const [wechatId, level] of Object.entries(levelOf)) {
      const m = await t.app.db.member.findUniqueOrThrow({ where: { wechatId } });
      await t.app.db.memberLevel.create({ data: { memberId: m.id, level, spendCents: 0, computedAt: t.app.clock.now() } });
    }
    t.say("boss", "#推送 标签:老客 套餐:会员套装 {昵称}，专属价：{套餐}");
    const preview = await t.waitFor({ to: "boss", text: /^推送 #\d+：/ });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    expect((await t.waitFor({ to: "b5", text: "专属价" })).text).toBe("b5，专属价：会员套装（电动牙刷 + 2 年延保）¥329");
    expect((await t.waitFor({ to: "b6", text: "专属价" })).text).toBe("b6，专属价：会员套装（电动牙刷 + 2 年延保）¥299");
    expect((await t.waitFor({ to: "b7", text: "专属价" })).text).toBe("b7，专属价：会员套装（电动牙刷 + 2 年延保）¥359");
    await expect.poll(() => counts(t, pushId)).toEqual({ sent: 4, "skipped:owns_bundle": 4 });

    t.say("boss", "#推送 标签:老客 套餐:没有这个 {套餐}");
    expect((await t.waitFor({ to: "boss", text: "这个套餐" })).text).toContain("没有「没有这个」这个套餐，可用：家庭套装、会员套装");
    t.say("boss", "#推送 标签:老客 {昵称} {套餐}");
    await t.waitFor({ to: "boss", text: "请在内容前写 套餐:套餐名" });
    t.say("boss", "#推送 标签:老客 套餐:会员套装 {昵称} 你好");
    await t.waitFor({ to: "boss", text: "请在文案里写 {套餐}" });
    t.say("boss", "#推送 群:VIP群 {套餐}");
    await t.waitFor({ to: "boss", text: "群推送不能用" });
  });
});
