// A group-buy end to end on the mock puppet: members join with one short message, the room sees the
// 接龙 list after each join, a full team's members are told privately, an incomplete team fails at the
// deadline and its members are told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const community = {
  owner: "boss",
  rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "carol", "dan", "erin"] }],
  names: { alice: "Alice陈", bob: "Bob李", carol: "Carol张", dan: "Dan王", erin: "Erin赵" },
};

describe("a group-buy in a room", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100" });
  });
  afterAll(async () => t?.stop());

  it("a 3-person team completes: 接龙 after each join, all three told privately; an incomplete team fails at the deadline", async () => {
    t.say("boss", "#拼团 新建 大米5kg 价39 3人团 截止20秒后", "vip");
    const created = await t.waitFor({ room: "vip", text: "已创建拼团 #" });
    const id = Number(/#(\d+)/.exec(created.text)![1]);
    await t.waitFor({ room: "vip", text: `【拼团 #${id}】大米5kg 拼团价¥39，3人成团` });

    t.say("alice", `参团 ${id}`, "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${id}-1` })).text).toBe(
      `【拼团接龙 ${id}-1】大米5kg ¥39 3人团\n1. Alice陈\n还差2人，发送「参团 ${id}-1」加入`,
    );
    t.say("bob", `拼团 ${id}`, "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${id}-1` })).text).toContain("1. Alice陈\n2. Bob李\n还差1人");
    // dan opens his own team.
    t.say("dan", `开团 ${id}`, "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${id}-2` })).text).toContain("1. Dan王\n还差2人");
    t.say("carol", `#join ${id}-1`, "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${id}-1` })).text).toContain("1. Alice陈\n2. Bob李\n3. Carol张\n已成团");
    for (const who of ["alice", "bob", "carol"]) {
      const told = await t.waitFor({ to: who, text: "拼团成功" });
      expect(told.text).toMatch(/订单号：G\w{10}/);
    }
    expect(await t.app.db.order.count({ where: { source: "group_buy", status: "pending" } })).toBe(3);

    // Twice is refused; a full team is refused.
    t.say("alice", `参团 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: "你已经参加过了" });
    t.say("erin", `参团 ${id}-1`, "vip");
    await t.waitFor({ room: "vip", text: "已满或已结束" });
    t.say("erin", `参团 ${id}-2`, "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${id}-2` })).text).toContain("1. Dan王\n2. Erin赵\n还差1人");

    // The deadline: team 2 fails, dan and erin are told; nothing is charged.
    await t.waitFor({ to: "dan", text: "未成团，不会扣款" }, 25_000);
    await t.waitFor({ to: "erin", text: "未成团，不会扣款" });
    await t.waitFor({ room: "vip", text: `拼团结束 #${id}】大米5kg：成团 1个，未成团 1个` });
    await t.expectNone({ to: "alice", text: "未成团" }, 300, { jobs: ["group-buy-deadline"] });
    expect(await t.app.db.order.count({ where: { source: "group_buy" } })).toBe(3);
    t.say("bob", `参团 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: "已经结束" });
  }, 45_000);

  it("operators list, show and cancel; members of open teams are told", async () => {
    t.say("boss", "#groupbuy new 油 price59 team2 deadline 明天 22:00", "vip");
    const id = Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建拼团 #" })).text)![1]);
    t.say("alice", `参团 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: `拼团接龙 ${id}-1` });
    t.say("boss", "拼团 列表", "vip");
    await t.waitFor({ room: "vip", text: `#${id} 油 ¥59 2人团` });
    t.say("boss", `拼团 详情 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: `${id}-1：1/2 拼团中` });
    t.say("boss", `拼团 取消 ${id}`, "vip");
    await t.waitFor({ room: "vip", text: `已取消拼团 #${id}` });
    await t.waitFor({ to: "alice", text: "已被取消，不会扣款" });
  }, 20_000);

  it("refuses bad input with what is wrong", async () => {
    t.say("alice", "#拼团 新建 大米 价39 3人团 截止明天22:00", "vip");
    await t.waitFor({ room: "vip", text: "没有权限" });
    t.say("boss", "#拼团 新建 大米 价39 1人团 截止明天22:00", "vip");
    await t.waitFor({ room: "vip", text: "成团人数要在 2–50 之间" });
    t.say("boss", "#拼团 新建 大米 价abc 3人团 截止明天22:00", "vip");
    await t.waitFor({ room: "vip", text: "不是金额" });
    t.say("bob", "参团 999", "vip");
    await t.waitFor({ room: "vip", text: "没有拼团 #999" });
    // Typed bare, 「参团 abc」 is chatter (the router's rule for a member's command word); with # it is answered.
    t.say("bob", "#参团 abc", "vip");
    await t.waitFor({ room: "vip", text: "拼团编号要写数字" });
  }, 20_000);

  it("a bare 参团 / 开团 means the only group-buy open in the room; numbers out of range get a clear answer", async () => {
    t.say("erin", "参团", "vip");
    await t.waitFor({ room: "vip", text: "本群现在没有进行中的拼团" });
    const create = async (text: string) => {
      t.say("boss", text, "vip");
      return Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建拼团 #" })).text)![1]);
    };
    const flour = await create("拼团 新建 面粉 价29 2人团 截止明天22:00");
    t.say("erin", "参团", "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${flour}-1` })).text).toContain("1. Erin赵\n还差1人");
    t.say("dan", "开团", "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${flour}-2` })).text).toContain("1. Dan王\n还差1人");

    const eggs = await create("拼团 新建 鸡蛋 价19 2人团 截止明天22:00");
    t.say("carol", "拼团", "vip");
    await t.waitFor({ room: "vip", text: `现在有 2 个拼团：#${flour} 面粉、#${eggs} 鸡蛋，请发「参团 编号」` });
    t.say("carol", "开团", "vip");
    await t.waitFor({ room: "vip", text: "请发「开团 编号」" });
    // A full-width dash, as phones type it.
    t.say("carol", `参团 ${flour}－2`, "vip");
    expect((await t.waitFor({ room: "vip", text: `拼团接龙 ${flour}-2` })).text).toContain("2. Carol张\n已成团");

    // Team 0 never exists: said even to a member who already joined.
    t.say("carol", `参团 ${flour}-0`, "vip");
    await t.waitFor({ room: "vip", text: `拼团 #${flour} 没有第0团` });
    t.say("carol", "#参团 99999999999", "vip");
    await t.waitFor({ room: "vip", text: "拼团编号要在 1–1000000 之间" });
    t.say("carol", `#join ${flour}-99999999999`, "vip");
    await t.waitFor({ room: "vip", text: "团号要在" });
    await t.expectNone({ room: "vip", text: "出了点问题" }, 300);
  }, 20_000);
});
