// Flash sales meeting quiet hours (the operator is warned; announcements that would go out stale are
// dropped, not posted in the morning), and grabs from a private chat (only for members of the sale's rooms).
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const community = {
  owner: "boss",
  rooms: [
    { id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "carol", "dan"] },
    { id: "bj", topic: "北京1群", members: ["boss", "erin"] },
  ],
};

const saleId = (text: string) => Number(/#(\d+)/.exec(text)![1]);

describe("a flash sale in quiet hours", () => {
  let t: TestBot;
  const zone = "Asia/Shanghai";
  // Tomorrow 22:30 in the community's zone, moving with real time.
  const fake = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 22, minute: 30, second: 0, millisecond: 0 });
  const start = Date.now();
  beforeAll(async () => {
    t = await startTestBot(
      community,
      { QUIET_HOURS: "22:00-08:00", COMMANDS_PER_MINUTE: "100" },
      { clock: { now: () => new Date(fake.toMillis() + (Date.now() - start)) } },
    );
  });
  afterAll(async () => t?.stop());

  it("warns the operator, and drops the preview and 开抢 rather than post them in the morning", async () => {
    t.say("boss", "#秒杀 新建 夜宵 价9 库存5 现在 30分钟", "vip");
    const created = await t.waitFor({ room: "vip", text: "已创建秒杀 #" });
    expect(created.text).toContain("免打扰（22:00–08:00）");
    const id = saleId(created.text);
    for (const step of ["preview", "open"]) {
      await expect
        .poll(async () => (await t.app.db.delivery.findFirst({ where: { dedupeKey: { startsWith: `flash:${id}:${step}` } } }))?.reason, {
          timeout: 10_000,
        })
        .toBe("quiet_hours_expired");
    }
    expect(await t.app.db.delivery.count({ where: { campaign: `flash:${id}`, kind: "announcement", status: { not: "skipped" } } })).toBe(0);
    await t.expectNone({ room: "vip", text: `#${id}】` }, 300, { jobs: ["flash-sale-timer"] });
  }, 20_000);

  it("says nothing for a sale in the day, and warns when it is moved into the night", async () => {
    t.say("boss", "#秒杀 新建 早餐 价9 库存5 明天10:00 30分钟", "vip");
    const created = await t.waitFor({ room: "vip", text: "已创建秒杀 #" });
    expect(created.text).not.toContain("免打扰");
    const id = saleId(created.text);
    t.say("boss", `秒杀 改时间 ${id} 明天23:00`, "vip");
    expect((await t.waitFor({ room: "vip", text: `已改期秒杀 #${id}` })).text).toContain("建议改到 08:00–22:00");
  }, 15_000);

  it("warns when a group-buy's deadline falls in quiet hours, and says nothing for one in the day", async () => {
    t.say("boss", "拼团 新建 宵夜 价39 3人团 截止23:30", "vip");
    const night = await t.waitFor({ room: "vip", text: "已创建拼团 #" });
    expect(night.text).toContain("截止时间在免打扰时段（22:00–08:00）：成员会立即私聊收到成团或失败通知");
    expect(night.text).toContain("群里的结果 08:00 后发出");
    t.say("boss", "拼团 新建 早餐 价19 3人团 截止明天12:00", "vip");
    expect((await t.waitFor({ room: "vip", text: "已创建拼团 #" })).text).not.toContain("免打扰");
  }, 15_000);
});

describe("grabbing from a private chat", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100" });
  });
  afterAll(async () => t?.stop());

  it("wins for a member of the sale's room, refuses anyone else; the room hears the order's tail", async () => {
    t.say("boss", "秒杀 新建 牙膏 价9 库存5 现在 1小时", "vip");
    const id = saleId((await t.waitFor({ room: "vip", text: "已创建秒杀 #" })).text);
    await t.waitFor({ room: "vip", text: `开抢啦 #${id}` });

    t.say("alice", `抢 ${id}`);
    await t.waitFor({ to: "alice", text: "抢到啦" });
    t.say("erin", `抢 ${id}`);
    await t.waitFor({ to: "erin", text: `你不在秒杀 #${id}的群里` });
    // Bare 抢 in private: the one sale open in the member's rooms.
    t.say("bob", "抢");
    await t.waitFor({ to: "bob", text: "抢到啦" });
    t.say("erin", "抢");
    await t.waitFor({ to: "erin", text: "现在没有进行中的秒杀" });
    expect(await t.app.db.order.count({ where: { flashSaleId: id } })).toBe(2);

    t.say("carol", `抢 ${id}`, "vip");
    const told = await t.waitFor({ to: "carol", text: "抢到啦" });
    const orderNo = /订单号：(\w+)/.exec(told.text)![1]!;
    await t.waitFor({ room: "vip", text: `订单尾号 ${orderNo.slice(-4)}，详情已私信` });
  }, 20_000);

  it("a grab on a cancelled sale says it was cancelled", async () => {
    t.say("boss", "秒杀 新建 牙线 价5 库存5 明天20:00 1小时", "vip");
    const id = saleId((await t.waitFor({ room: "vip", text: "已创建秒杀 #" })).text);
    t.say("boss", `秒杀 取消 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: `已取消秒杀 #${id}` });
    t.say("dan", `抢 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: `秒杀 #${id}已取消` });
  }, 15_000);
});
