// Loyalty end to end on the mock puppet, as members type it: 签到 (twice), an operator's 兑换 新增, a paid
// shop order earning points through the worker's order-settled job, 积分, 兑换 (the list, a redeem, and a
// member without enough points), 邀请 with a friend pulled into the room, 邀请 记录 and 邀请 排行, a 邀请码 typed at the shop and 绑定, an operator's 贴士 设置 and 贴士.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBindCode, recordOrder } from "../../../../src/features/orders/index.js";
import { buildHttpServer } from "../../../../src/http/server.js";
import { signedPost } from "../../../support/shop-client.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const community = {
  owner: "boss",
  rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice", "bob"] }],
};

describe("loyalty in chat", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100" });
  });
  afterAll(async () => t?.stop());

  it("签到, 积分 and 兑换 as a member types them", async () => {
    t.say("alice", "签到", "vip");
    const first = await t.waitFor({ room: "vip", text: "签到成功" });
    expect(first.text).toContain("+5");
    t.say("alice", "签到", "vip");
    await t.waitFor({ room: "vip", text: "今天已经签到过了" });

    t.say("boss", "兑换 新增 满200减30 100 库存10");
    const added = await t.waitFor({ to: "boss", text: "已上架" });
    const itemId = Number(/已上架 (\d+)\./.exec(added.text)![1]);

    // The shop reports alice's paid order; the worker's order-settled job credits it.
    const { db } = t.app;
    const alice = await db.member.findUniqueOrThrow({ where: { wechatId: "alice" } });
    await db.customerLink.create({ data: { shopCustomerId: "c-alice", memberId: alice.id, linkedAt: new Date() } });
    await recordOrder(t.app, { orderId: "e2e-1", customerId: "c-alice", amountCents: 12_000, status: "paid" }, new Date());
    await expect.poll(() => db.pointEntry.count({ where: { memberId: alice.id, source: "order" } }), { timeout: 10_000 }).toBe(1);

    t.say("alice", "积分", "vip");
    const points = await t.waitFor({ to: "alice", text: "你的积分" });
    expect(points.text).toContain("你的积分 / points：125");
    expect(points.text).toContain("订单 +120");

    t.say("alice", "兑换", "vip");
    const list = await t.waitFor({ room: "vip", text: "积分兑换" });
    expect(list.text).toContain(`${itemId}. 满200减30 100 分（剩 10）`);

    t.say("alice", `兑换 ${itemId}`, "vip");
    const issued = await t.waitFor({ to: "alice", text: "兑换成功" });
    expect(issued.text).toMatch(/券码：[2-9A-Z]{4,}/);
    expect(issued.text).toContain("剩余 25 分");
    await t.waitFor({ room: "vip", text: "详情已私聊发你" });

    t.say("bob", `兑换 ${itemId}`);
    await t.waitFor({ to: "bob", text: "需要 100 分，你现在有 0 分" });
    t.say("bob", "兑换 999");
    await t.waitFor({ to: "bob", text: "没有编号 999" });
    t.say("bob", "生日 2-30");
    await t.waitFor({ to: "bob", text: "日期要存在" });
    t.say("bob", "生日 3-15");
    await t.waitFor({ to: "bob", text: "已记下你的生日 3月15日" });
    t.say("bob", "生日 4-1");
    await t.waitFor({ to: "bob", text: "已经登记为 3月15日" });
  });

  it("邀请 gives the invite text and code; a friend alice pulls into the room shows in 邀请 记录; a code typed at the shop counts at 绑定", async () => {
    t.say("alice", "邀请", "vip");
    const text = await t.waitFor({ to: "alice", text: "邀请好友" });
    expect(text.text).toMatch(/你的邀请码：Y[2-9A-Z]{7}/);
    expect(text.text).toContain("各得 100 积分");
    t.world.join("carol", "vip", "alice");
    await t.waitFor({ room: "vip", text: "carol" });
    await expect
      .poll(
        async () => (await t.app.db.member.findUnique({ where: { wechatId: "carol" }, include: { invitedBy: true } }))?.invitedBy?.wechatId,
      )
      .toBe("alice");
    t.say("alice", "邀请 记录");
    const log = await t.waitFor({ to: "alice", text: "你的邀请" });
    expect(log.text).toContain("carol");
    expect(log.text).toContain("未下单");
    t.say("boss", "邀请 排行");
    const top = await t.waitFor({ to: "boss", text: "邀请排行" });
    expect(top.text).toContain("1 · 0 · 0 · 0%");

    // bob types alice's code at the shop (signed API), then binds in chat: alice is his inviter.
    const code = /你的邀请码：(Y[2-9A-Z]{7})/.exec(text.text)![1]!;
    const shop = buildHttpServer(t.app);
    const recorded = await signedPost(shop, t.app.config.http.shopSecret, "/api/invites", { customerId: "c-bob", inviteCode: code });
    await shop.close();
    expect(recorded.json()).toMatchObject({ result: "waiting", inviterName: "alice" });
    const bindCode = await createBindCode(t.app, { customerId: "c-bob", at: new Date(), ttlMs: 600_000 });
    t.say("bob", `绑定 ${bindCode.code}`);
    const bound = await t.waitFor({ to: "bob", text: "绑定成功" });
    expect(bound.text).toContain("你的邀请人是 alice");
    expect(
      (await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "bob" }, include: { invitedBy: true } })).invitedBy?.wechatId,
    ).toBe("alice");
  });

  it("贴士 设置 and 贴士 as an operator types them; a member may not", async () => {
    t.say("boss", "贴士");
    await t.waitFor({ to: "boss", text: "还没有设置使用贴士" });
    t.say("boss", "贴士 设置 护肤 洁面后先用爽肤水， 再抹精华。");
    await t.waitFor({ to: "boss", text: "已设置「护肤」的使用贴士" });
    t.say("boss", "贴士 设置 护肤");
    await t.waitFor({ to: "boss", text: "请写贴士内容" });
    t.say("boss", "贴士");
    const list = await t.waitFor({ to: "boss", text: "使用贴士 / usage tips" });
    expect(list.text).toContain("「护肤」洁面后先用爽肤水， 再抹精华。");
    t.say("bob", "贴士 设置 护肤 乱写");
    await t.waitFor({ to: "bob", text: "需要人工服务" }); // operator commands are not a member's: the generic answer
    expect((await t.app.db.usageTip.findUniqueOrThrow({ where: { category: "护肤" } })).text).toBe("洁面后先用爽肤水， 再抹精华。");
  });

  it("a gift from 兑换 waits in 礼品 until an operator marks it 已发, which tells the member", async () => {
    t.say("boss", "兑换 新增 保温杯 10 礼品");
    const added = await t.waitFor({ to: "boss", text: "已上架" });
    const itemId = Number(/已上架 (\d+)\./.exec(added.text)![1]);
    t.say("alice", `兑换 ${itemId}`);
    const redeemed = await t.waitFor({ to: "alice", text: "兑换成功" });
    const giftId = Number(/礼品单 (\d+)/.exec(redeemed.text)![1]);
    t.say("boss", "礼品");
    const list = await t.waitFor({ to: "boss", text: "待发礼品" });
    expect(list.text).toContain(`${giftId}. alice · 保温杯`);
    t.say("boss", `礼品 已发 ${giftId}`);
    await t.waitFor({ to: "boss", text: `礼品单 ${giftId}（alice · 保温杯）已标记发出` });
    await t.waitFor({ to: "alice", text: "你的「保温杯」已安排发出" });
    t.say("boss", `礼品 已发 ${giftId}`);
    await t.waitFor({ to: "boss", text: "之前已标记发出" });
    t.say("boss", "礼品 已发 abc");
    await t.waitFor({ to: "boss", text: "礼品单号" });
  });
});
