// Loyalty end to end on the mock puppet, as members type it: 签到 (twice), an operator's 兑换 新增, a paid
// shop order earning points through the worker's order-settled job, 积分, 兑换 (the list, a redeem, and a
// member without enough points).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordOrder } from "../../../../src/features/orders/index.js";
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
  });
});
