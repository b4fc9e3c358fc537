// The service desk end to end on the mock puppet, with short response windows (red 4 s): a member's
// 「客服 我的牙刷坏了」 opens a red ticket for the agent on duty; the 50 % reminder and the breach alert come
// at their marks; the agent's 回复 reaches the member (opted out or not), the member's answers reach the
// agent; resolve → follow-up → a 5 is stored, a 1 reopens the ticket as yellow for the owner; private
// chatter gets one hint a day and a help keyword opens a ticket; group chatter still gets nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const community = {
  owner: "boss",
  rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "op", "alice", "bob", "carol", "dan"] }],
  names: { boss: "王老板", op: "Op小王", alice: "Alice陈", bob: "Bob李", carol: "Carol张", dan: "Dan王" },
};

const RED_MS = 4000;

describe("the service desk", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, {
      COMMANDS_PER_MINUTE: "100",
      SERVICE_RESPONSE: `red=${RED_MS / 1000}s,yellow=10m,green=20m`,
      TICKET_FOLLOWUP_AFTER: "2s",
    });
    const op = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "op" } });
    await t.app.db.operator.create({ data: { memberId: op.id, role: "operator" } });
    t.say("op", "值班");
    await t.waitFor({ to: "op", text: "已值班" });
  });
  afterAll(async () => t?.stop());

  it("opens a red ticket for the agent on duty, reminds at 50 % and 80 %, and alerts the owner at the breach", async () => {
    t.say("alice", "客服 我的牙刷坏了");
    const opened = await t.waitFor({ to: "alice", text: "已为你创建工单 T" });
    const id = Number(/T(\d+)/.exec(opened.text)![1]);
    expect(opened.text).toContain("4秒");
    const ticket = await t.app.db.ticket.findUniqueOrThrow({ where: { id } });
    const op = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "op" } });
    expect(ticket).toMatchObject({ colour: "red", assigneeId: op.id, status: "open" });
    expect((await t.waitFor({ to: "op", text: `新工单 T${id}` })).text).toContain("红色");

    const warned = await t.waitFor({ to: "op", text: `工单 T${id}（Alice陈）已过响应时限的 50%` }, RED_MS + 3000);
    expect(warned.text).toBeTruthy();
    // Not before its mark (the outbox may add a little after it).
    expect(Date.now() - ticket.createdAt.getTime()).toBeGreaterThanOrEqual(RED_MS / 2 - 50);
    await t.waitFor({ to: "op", text: "已过响应时限的 80%" }, RED_MS + 3000);
    const breach = await t.waitFor({ to: "boss", text: `超时：工单 T${id}` }, RED_MS + 5000);
    expect(breach.text).toContain("负责人：Op小王");
    expect(Date.now() - ticket.createdAt.getTime()).toBeGreaterThanOrEqual(RED_MS - 50);
    expect((await t.app.db.ticket.findUniqueOrThrow({ where: { id } })).breachedAt).not.toBeNull();

    // The conversation: the agent's answer reaches the member; the member's answers reach the agent.
    t.say("op", `回复 T${id} 很抱歉！请拍一张照片发给我们`);
    await t.waitFor({ to: "alice", text: `【客服回复 T${id}】很抱歉！请拍一张照片发给我们` });
    await t.waitFor({ to: "op", text: `已回复 T${id}（首次响应已记录）` });
    t.say("alice", "好的，照片在这里");
    await t.waitFor({ to: "op", text: `【T${id}】Alice陈：好的，照片在这里` });
    await t.waitFor({ to: "alice", text: `你的消息已加入工单 T${id}` });
    t.say("alice", "还有一个问题");
    await t.waitFor({ to: "op", text: `【T${id}】Alice陈：还有一个问题` });
    // Told once only.
    await t.expectNone({ to: "alice", text: "已加入工单" }, 1000);

    t.say("op", "工单");
    expect((await t.waitFor({ to: "op", text: "你的工单" })).text).toContain(`T${id} 红 已超时`);
    t.say("op", `工单 详情 T${id}`);
    const detail = await t.waitFor({ to: "op", text: `工单 T${id}｜红色` });
    expect(detail.text).toContain("客服 Op小王：很抱歉");
    expect(detail.text).toContain("解决目标");

    // Resolve → the follow-up after TICKET_FOLLOWUP_AFTER → a 5 with a comment is stored.
    t.say("op", `工单 解决 T${id} 已补寄新牙刷`);
    await t.waitFor({ to: "alice", text: `工单 T${id} 已解决：已补寄新牙刷` });
    await t.waitFor({ to: "alice", text: `回访：工单 T${id}` }, 6000);
    t.say("alice", "5 很满意");
    await t.waitFor({ to: "alice", text: "感谢你的评分（5 分）" });
    expect(await t.app.db.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({
      rating: 5,
      ratingComment: "很满意",
      status: "closed",
    });
  });

  it("opens a ticket from a group, answers there briefly, and a rating of 1 reopens it as yellow for the owner", async () => {
    t.say("bob", "#售后 热水器怎么安装", "vip");
    const inRoom = await t.waitFor({ room: "vip", text: "已为你创建工单 T" });
    expect(inRoom.text).toMatch(/^@Bob李 已为你创建工单 T\d+，客服会私聊你/);
    const id = Number(/T(\d+)/.exec(inRoom.text)![1]);
    await t.waitFor({ to: "bob", text: `已为你创建工单 T${id}` });
    expect((await t.app.db.ticket.findUniqueOrThrow({ where: { id } })).colour).toBe("yellow");
    // A second request within the minute joins the open ticket.
    t.say("bob", "客服 还是不会装");
    await t.waitFor({ to: "bob", text: `你的工单 T${id} 还在处理中` });
    expect(
      await t.app.db.ticket.count({ where: { memberId: (await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "bob" } })).id } }),
    ).toBe(1);

    t.say("op", `工单 等待 T${id}`);
    await t.waitFor({ to: "op", text: "计时暂停" });
    t.say("op", `工单 解决 T${id}`);
    await t.waitFor({ to: "bob", text: `工单 T${id} 已解决` });
    await t.waitFor({ to: "bob", text: `回访：工单 T${id}` }, 6000);
    t.say("bob", "十分");
    await t.waitFor({ to: "bob", text: "请回复 1–5 之间的一个数字" });
    t.say("bob", "1 装了三次都漏");
    await t.waitFor({ to: "bob", text: `工单 T${id} 已重新打开` });
    await t.waitFor({ to: "boss", text: `工单 T${id} 收到 1 分评价` });
    const boss = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "boss" } });
    expect(await t.app.db.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "open",
      colour: "yellow",
      assigneeId: boss.id,
      cycle: 1,
    });
  });

  it("answers private chatter once a day with how to reach a person; a help keyword opens a ticket; group chatter gets nothing", async () => {
    t.say("carol", "在吗");
    await t.waitFor({ to: "carol", text: "需要人工服务请回复「客服」" });
    t.say("carol", "你好");
    await t.expectNone({ to: "carol" }, 1500);
    t.say("carol", "今天天气真好", "vip");
    await t.expectNone({ room: "vip" }, 1500);

    t.say("dan", "退订");
    await t.waitFor({ to: "dan", text: "已退订" });
    t.say("dan", "你好，我买的面霜什么时候发货？");
    const opened = await t.waitFor({ to: "dan", text: "已为你创建工单 T" });
    const id = Number(/T(\d+)/.exec(opened.text)![1]);
    // An opted-out member still gets the agent's answer: service is not marketing.
    t.say("op", `回复 T${id} ${"很".repeat(1600)}`);
    await t.waitFor({ to: "op", text: "回复太长了 / too long" });
    t.say("op", `回复 T${id} 今天下午发货`);
    await t.waitFor({ to: "dan", text: `【客服回复 T${id}】今天下午发货` });
  });

  it("gives short answers for an unknown ticket, someone else's, a closed one and 回复 without text", async () => {
    t.say("op", "回复 T99999 你好");
    await t.waitFor({ to: "op", text: "没有工单 T99999" });
    t.say("op", "回复 T1");
    await t.waitFor({ to: "op", text: "请写回复内容" });
    t.say("op", "回复 T1 还在吗");
    await t.waitFor({ to: "op", text: "工单 T1 已经解决或关闭" });
    // The reopened ticket is the owner's now: not op's.
    const reopened = await t.app.db.ticket.findFirstOrThrow({ where: { cycle: 1 } });
    t.say("op", `工单 解决 T${reopened.id}`);
    await t.waitFor({ to: "op", text: `工单 T${reopened.id} 不是你负责的` });
    t.say("op", "工单 改色 T1 紫");
    await t.waitFor({ to: "op", text: "颜色只能是" });
  });
});
