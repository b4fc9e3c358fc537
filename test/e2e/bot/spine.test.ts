// The spine end to end: people in the mock WeChat, the bot's handlers, the router, the outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../support/test-bot.js";

const community = {
  owner: "boss",
  rooms: [
    { id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "dan"] },
    { id: "bj", topic: "北京1群", members: ["boss", "alice"] },
  ],
};

describe("the bot on the mock puppet", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community);
  });
  afterAll(async () => t?.stop());

  it("registers the rooms and their members at login", async () => {
    const rooms = await t.app.db.room.findMany({ orderBy: { topic: "asc" } });
    expect(rooms.map((r) => r.topic).sort()).toEqual(["VIP群", "北京1群"].sort());
    const vip = rooms.find((r) => r.topic === "VIP群")!;
    expect(await t.app.db.roomMember.count({ where: { roomId: vip.id, leftAt: null } })).toBe(4);
    // The bot's own account is in every room but is not a member of the community.
    expect(await t.app.db.member.findUnique({ where: { wechatId: "siyu-bot" } })).toBeNull();
  });

  it("answers a member's 帮助 in the room, through the outbox: the list privately, one line in the room", async () => {
    t.say("alice", "帮助", "vip");
    // Issue 8: a list asked for in a room goes to the asker privately.
    await t.waitFor({ room: "vip", text: "命令列表已私聊发给你" });
    const reply = await t.waitFor({ to: "alice", text: "退订" });
    expect(reply.text).toContain("「帮助」 #help");
    expect(reply.text).not.toContain("#grant");
    // The row is marked sent right after WeChat took the text.
    await expect
      .poll(async () => (await t.app.db.delivery.findFirstOrThrow({ where: { kind: "reply", text: reply.text } })).status)
      .toBe("sent");
  });

  it("refuses a member's #grant and audits the attempt", async () => {
    t.say("bob", "#grant @alice 运营", "vip");
    const reply = await t.waitFor({ room: "vip", text: "没有权限" });
    expect(reply.text).toContain("管理员");
    const bob = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "bob" } });
    const audit = await t.app.db.auditLog.findFirstOrThrow({ where: { actorId: bob.id, command: "grant" } });
    expect(audit.outcome).toBe("refused: role");
    expect(await t.app.db.operator.count()).toBe(0);
  });

  it("lets the owner grant operator; the new operator then sees operator commands", async () => {
    t.say("boss", "授权 @alice 运营", "vip");
    await t.waitFor({ room: "vip", text: "已授权" });
    const alice = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "alice" } });
    expect(await t.app.db.operator.findUnique({ where: { memberId: alice.id } })).toMatchObject({ role: "operator" });
    const boss = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "boss" } });
    expect(await t.app.db.auditLog.findFirst({ where: { actorId: boss.id, command: "grant" } })).toMatchObject({
      outcome: "granted operator to alice",
    });

    t.say("alice", "#help", "vip");
    // An operator's list goes privately (issue 8): the members never see it.
    await t.waitFor({ room: "vip", text: "命令列表已私聊发给你" });
    const help = await t.waitFor({ to: "alice", text: "#status" });
    expect(help.text).toContain("「状态」 #status");
    expect(help.text).not.toContain("#grant"); // operators may not grant
  });

  it("honours 退订 at once: a marketing send to that member is skipped as opt-out", async () => {
    t.say("dan", "退订");
    await t.waitFor({ to: "dan", text: "已退订" });
    const dan = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "dan" } });
    expect(dan.optedOutAt).not.toBeNull();
    const { deliveryId } = await t.app.outbox.send({ kind: "push", to: { memberId: dan.id }, text: "双十二大促！" });
    await expect.poll(async () => (await t.app.db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("skipped");
    expect(await t.app.db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ reason: "opt_out" });
    await t.expectNone({ to: "dan", text: "双十二" }, 300);
    // A reply is not marketing: an opted-out member still gets answers.
    t.say("dan", "订阅");
    await t.waitFor({ to: "dan", text: "已恢复订阅" });
  });

  it("welcomes a newcomer in the room and records who invited them", async () => {
    t.world.join("carol", "vip", "alice");
    const welcome = await t.waitFor({ room: "vip", text: "欢迎" });
    expect(welcome.text).toContain("carol");
    expect(welcome.text).toContain("VIP群");
    const carol = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "carol" }, include: { invitedBy: true } });
    expect(carol.joinSource).toBe("referral");
    expect(carol.invitedBy?.wechatId).toBe("alice");
  });

  it("lets an operator set the room's own welcome", async () => {
    t.say("alice", "欢迎语 欢迎{昵称}来到{群名}，先看群公告哦", "vip");
    expect((await t.waitFor({ room: "vip", text: "已设置本群欢迎语" })).text).toContain("欢迎新朋友来到VIP群");
    t.world.join("erin", "vip");
    await t.waitFor({ room: "vip", text: "欢迎erin来到VIP群，先看群公告哦" });
    t.say("alice", "欢迎语 默认", "vip");
    await t.waitFor({ room: "vip", text: "已恢复默认欢迎语" });
    // Typed bare by a member, an operator alias is chatter; with # it is a command, and refused.
    t.say("bob", "欢迎语 我来改", "vip");
    await t.expectNone({ room: "vip" }, 800);
    t.say("bob", "#欢迎语 我来改", "vip");
    await t.waitFor({ room: "vip", text: "没有权限" });
  });

  it("keeps a renamed room's identity: messages to it still arrive", async () => {
    const before = await t.app.db.room.findUniqueOrThrow({ where: { wechatRoomId: "bj@chatroom" } });
    t.world.rename("bj", "北京旗舰群");
    await expect.poll(async () => (await t.app.db.room.findUniqueOrThrow({ where: { id: before.id } })).topic).toBe("北京旗舰群");
    expect(await t.app.db.room.count()).toBe(2);
    await t.app.outbox.send({ kind: "notice", to: { roomId: before.id }, text: "改名后照样收到" });
    await t.waitFor({ room: "bj", text: "改名后照样收到" });
  });

  it("does not answer chatter, but counts it as interaction", async () => {
    const bob = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "bob" } });
    const before = await t.app.db.interactionDaily.aggregate({ where: { memberId: bob.id }, _sum: { messages: true } });
    t.say("bob", "今天天气真好", "vip");
    await t.expectNone({ room: "vip" }, 500);
    const after = await t.app.db.interactionDaily.aggregate({ where: { memberId: bob.id }, _sum: { messages: true } });
    expect(after._sum.messages).toBe((before._sum.messages ?? 0) + 1);
  });

  it("runs a message the puppet delivers twice only once", async () => {
    const seen: string[] = [];
    const capture = ({ messageId }: { messageId: string }) => void seen.push(messageId);
    t.world.puppet.on("message", capture);
    t.say("dan", "帮助");
    await t.waitFor({ to: "dan", text: "可用命令" });
    t.world.puppet.off("message", capture);
    const incoming = seen.find((id) => t.world.mocker.messagePayload(id).talkerId === "dan")!;
    // What a puppet does after a reconnect: the same message again.
    t.world.puppet.emit("message", { messageId: incoming });
    await t.expectNone({ to: "dan" }, 1000);
  });

  it("shows an operator the bot's state with 状态", async () => {
    t.say("alice", "状态");
    const status = await t.waitFor({ to: "alice", text: "运行时长" });
    expect(status.text).toMatch(/发送队列：等待 \d+/);
    expect(status.text).toMatch(/今日已发 \d+ 条/);
    expect(status.text).toContain("熔断：正常");
  });

  it("tells the owner, once back, that the account had been logged out", async () => {
    await t.world.puppet.logout("kicked by WeChat");
    await expect.poll(async () => t.app.redis.exists(t.app.key("bot", t.app.config.account, "logged-out-at"))).toBe(1);
    t.world.login();
    const alert = await t.waitFor({ to: "boss", text: "掉线" });
    expect(alert.text).toMatch(/已于 .* 恢复在线/);
    // And the outbox resumed: a reply still goes out.
    t.say("bob", "帮助");
    await t.waitFor({ to: "bob", text: "可用命令" });
  });
});
