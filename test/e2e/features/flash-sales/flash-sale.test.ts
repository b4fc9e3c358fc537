// A flash sale end to end on the mock puppet: an operator creates it in the room, the room hears the
// preview, the reminder, 开抢, 已抢光 and the result; members grab and are told privately.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flashSaleTimerJob } from "../../../../src/features/flash-sales/jobs.js";
import { startJobs } from "../../../../src/main/stack.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const community = {
  owner: "boss",
  rooms: [
    { id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "carol", "dan"] },
    { id: "bj", topic: "北京1群", members: ["boss", "erin"] },
  ],
};

describe("a flash sale in a room", () => {
  let t: TestBot;
  beforeAll(async () => {
    // Reminder 3 s before the start, so the whole life of a sale fits in seconds.
    t = await startTestBot(community, {
      COMMANDS_PER_MINUTE: "100",
      FLASH_REMINDER_MINUTES: "0.05",
      FLASH_PAY_URL: "https://pay.example.com/o/{订单号}",
    });
  });
  afterAll(async () => t?.stop());

  it("create → preview → reminder → 开抢 → grabs → 已抢光 → result", async () => {
    t.say("boss", "#秒杀 新建 电动牙刷 价99 原价199 库存2 6秒后 10秒", "vip");
    const created = await t.waitFor({ room: "vip", text: "已创建秒杀 #" });
    const id = Number(/#(\d+)/.exec(created.text)![1]);
    const preview = await t.waitFor({ room: "vip", text: `秒杀预告 #${id}` });
    expect(preview.text).toContain("¥99（原价¥199）");
    expect(preview.text).toContain("限量2件");

    // Before the start: not open yet, with the start time.
    t.say("alice", `抢 ${id}`, "vip");
    expect((await t.waitFor({ room: "vip", text: "还没开始" })).text).toMatch(/\d\d-\d\d \d\d:\d\d 开抢/);

    await t.waitFor({ room: "vip", text: `秒杀提醒 #${id}` }, 8000);
    await t.waitFor({ room: "vip", text: `开抢啦 #${id}` }, 8000);

    t.say("alice", `抢 ${id}`, "vip");
    const won = await t.waitFor({ to: "alice", text: "抢到啦" });
    const orderNo = /订单号：(\w+)/.exec(won.text)![1]!;
    expect(won.text).toContain(`https://pay.example.com/o/${orderNo}`);
    await t.waitFor({ room: "vip", text: "抢到了" });

    // A second grab by the same member: limit reached.
    t.say("alice", `#grab ${id}`, "vip");
    // It may be answered before the win's private message arrives: it says where the order is.
    expect((await t.waitFor({ room: "vip", text: "限购1件" })).text).toContain("订单详情已私信你");

    // Bare 抢: the only sale open in this room.
    t.say("bob", "抢", "vip");
    await t.waitFor({ to: "bob", text: "抢到啦" });
    await t.waitFor({ room: "vip", text: `已抢光 #${id}` });

    t.say("carol", `秒杀 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: "已抢光了" });
    // The operator's list says so too, not 进行中.
    t.say("boss", "秒杀 列表", "vip");
    expect((await t.waitFor({ room: "vip", text: `#${id} 电动牙刷` })).text).toMatch(
      new RegExp(`#${id} 电动牙刷 ¥99 库存2（剩0） .* 已抢光`),
    );

    // Not a target room.
    t.say("erin", `抢 ${id}`, "bj");
    await t.waitFor({ room: "bj", text: "不在本群" });

    const result = await t.waitFor({ room: "vip", text: `秒杀结束 #${id}` }, 12_000);
    expect(result.text).toContain("售出 2件，剩余 0件");
    t.say("dan", `抢 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: "已经结束" });

    const orders = await t.app.db.order.findMany({ where: { flashSaleId: id } });
    expect(orders).toHaveLength(2);
    // Every announcement went out once.
    for (const step of ["preview", "reminder", "open", "soldout:1", "result"]) {
      expect(await t.app.db.delivery.count({ where: { dedupeKey: { startsWith: `flash:${id}:${step}:` } } })).toBe(1);
    }

    // The operator confirms a payment.
    t.say("boss", `#paid ${orderNo}`);
    await t.waitFor({ to: "boss", text: "已确认收款" });
    await t.waitFor({ to: "alice", text: "已确认收款" });
    expect((await t.app.db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("paid");
  }, 40_000);

  it("lists, shows, cancels before the start, and closes early", async () => {
    t.say("boss", "#flash new 杯子 price19 stock5 明天20:00 1h 全部", "vip");
    const created = await t.waitFor({ room: "vip", text: "已创建秒杀 #" });
    const later = Number(/#(\d+)/.exec(created.text)![1]);
    expect(created.text).toContain("2个群");
    await t.waitFor({ room: "bj", text: `秒杀预告 #${later}` });
    t.say("boss", "秒杀 列表", "vip");
    await t.waitFor({ room: "vip", text: `#${later} 杯子 ¥19 库存5` });
    t.say("boss", `秒杀 改时间 ${later} 明天21:00`, "vip");
    expect((await t.waitFor({ room: "vip", text: `已改期秒杀 #${later}` })).text).toMatch(/21:00–22:00/);
    expect((await t.waitFor({ room: "bj", text: `秒杀预告 #${later}` })).text).toContain("21:00 开抢");
    t.say("boss", `秒杀 取消 ${later}`, "vip");
    await t.waitFor({ room: "vip", text: `已取消秒杀 #${later}` });
    await t.waitFor({ room: "bj", text: `秒杀取消 #${later}` });
    expect(
      await t.app.jobs
        .queue("flash-sale-timer")
        .getJob(`flash-${later}-open-${(await t.app.db.flashSale.findUniqueOrThrow({ where: { id: later } })).startsAt.getTime()}`),
    ).toBeUndefined();

    t.say("boss", "秒杀 新建 盘子 价9 库存5 现在 1小时", "vip");
    const now = Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建秒杀 #" })).text)![1]);
    await t.waitFor({ room: "vip", text: `开抢啦 #${now}` });
    t.say("dan", `抢 ${now}`, "vip");
    await t.waitFor({ to: "dan", text: "抢到啦" });
    t.say("boss", `秒杀 详情 ${now}`, "vip");
    await t.waitFor({ room: "vip", text: "待付款 1" });
    t.say("boss", `秒杀 结束 ${now}`, "vip");
    await t.waitFor({ room: "vip", text: `已结束秒杀 #${now}：售出 1，剩余 4` });
    await t.waitFor({ room: "vip", text: `秒杀结束 #${now}` });
  }, 30_000);

  it("refuses bad input with what is wrong", async () => {
    t.say("alice", "#秒杀 新建 牙刷 价99 库存100 明天20:00 30分钟", "vip");
    await t.waitFor({ room: "vip", text: "没有权限" });
    t.say("boss", "#秒杀 新建 牙刷 价abc 库存100 明天20:00 30分钟", "vip");
    await t.waitFor({ room: "vip", text: "价格「abc」不是金额" });
    t.say("boss", "#秒杀 新建 牙刷 价99 库存100 2020-01-01 20:00 30分钟", "vip");
    await t.waitFor({ room: "vip", text: "已经过去" });
    t.say("boss", "#秒杀 新建 牙刷 价99 库存0 明天20:00 30分钟", "vip");
    await t.waitFor({ room: "vip", text: "库存要在 1" });
    t.say("boss", "#秒杀 新建 牙刷 价99 库存10 明天20:00 30分钟");
    await t.waitFor({ to: "boss", text: "全部" });
    t.say("alice", "抢 999", "vip");
    await t.waitFor({ room: "vip", text: "没有秒杀 #999" });
  }, 20_000);

  it("a bare 抢 names the sale to come and when, or the open ones with stock by product", async () => {
    const create = async (text: string) => {
      t.say("boss", text, "vip");
      return Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建秒杀 #" })).text)![1]);
    };
    const later = await create("秒杀 新建 洗发水 价29 库存5 明天20:00 1小时");
    t.say("carol", "抢", "vip");
    expect((await t.waitFor({ room: "vip", text: "还没开抢" })).text).toMatch(new RegExp(`秒杀 #${later} 洗发水 \\d\\d-\\d\\d 20:00 开抢`));

    const [brush, towel, soap] = [
      await create("秒杀 新建 牙刷 价9 库存5 现在 1小时"),
      await create("秒杀 新建 毛巾 价9 库存1 现在 1小时"),
      await create("秒杀 新建 香皂 价9 库存5 现在 1小时"),
    ];
    for (const id of [brush, towel, soap]) await t.waitFor({ room: "vip", text: `开抢啦 #${id}` });
    t.say("dan", `抢 ${towel}`, "vip");
    await t.waitFor({ room: "vip", text: `已抢光 #${towel}` });
    t.say("carol", "抢", "vip");
    await t.waitFor({ room: "vip", text: `现在有 2 个秒杀：#${brush} 牙刷、#${soap} 香皂，请发「抢 编号」` });
  }, 20_000);
});

describe("an unpaid order expiring", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { ORDER_PAY_MINUTES: "0.05" });
  });
  afterAll(async () => t?.stop());

  it("returns its stock and announces 补货 in the room", async () => {
    t.say("boss", "秒杀 新建 面膜 价9.9 库存1 现在 1小时", "vip");
    const id = Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建秒杀 #" })).text)![1]);
    t.say("alice", `抢 ${id}`, "vip");
    // 0.05 minutes is 3 s, not "0分钟".
    expect((await t.waitFor({ to: "alice", text: "抢到啦" })).text).toContain("请在 3秒 内付款");
    await t.waitFor({ room: "vip", text: `已抢光 #${id}` });
    await t.waitFor({ to: "alice", text: "超时未付款" }, 8000);
    await t.waitFor({ room: "vip", text: `补货 #${id}` });
    await t.expectNone({ room: "vip", text: `补货 #${id}` }, 500, { jobs: ["flash-order-expiry"] });
    t.say("bob", `抢 ${id}`, "vip");
    await t.waitFor({ to: "bob", text: "抢到啦" });
    const orders = await t.app.db.order.findMany({ where: { flashSaleId: id }, orderBy: { id: "asc" } });
    expect(orders.map((o) => o.status)).toEqual(["expired", "pending"]);
  }, 25_000);
});

describe("a pending reminder across a worker restart", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { FLASH_REMINDER_MINUTES: "0.05" });
  });
  afterAll(async () => t?.stop());

  it("is sent exactly once", async () => {
    t.say("boss", "秒杀 新建 耳机 价199 库存3 8秒后 1小时", "vip");
    const id = Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建秒杀 #" })).text)![1]);
    await t.waitFor({ room: "vip", text: `秒杀预告 #${id}` });
    // The worker stops with the reminder (due in ~5 s) pending ...
    await Promise.all(t.stack.workers.map((w) => w.close()));
    t.stack.workers.length = 0;
    // ... and falls due while none runs: made due now (its delayed job's time moved, not waited out).
    const timers = t.app.jobs.queue(flashSaleTimerJob.id);
    const reminder = (await timers.getDelayed()).find((j) => j.data.saleId === id && j.data.step === "reminder");
    expect(await reminder?.getState()).toBe("delayed");
    await reminder!.changeDelay(0);
    expect(t.sent.filter((m) => m.text.includes(`秒杀提醒 #${id}`))).toHaveLength(0);
    // ... and two workers start again (a restart, plus a second worker racing it).
    t.stack.workers.push(...(await startJobs(t.app)), ...(await startJobs(t.app)));
    await t.waitFor({ room: "vip", text: `秒杀提醒 #${id}` }, 8000);
    await t.waitFor({ room: "vip", text: `开抢啦 #${id}` }, 8000);
    await t.expectNone({ room: "vip", text: `秒杀提醒 #${id}` }, 1000, { jobs: [flashSaleTimerJob.id] });
    expect(t.sent.filter((m) => m.text.includes(`秒杀提醒 #${id}`))).toHaveLength(1);
  }, 30_000);
});
