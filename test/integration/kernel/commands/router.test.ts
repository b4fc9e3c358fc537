// The router against real PostgreSQL and Redis: what it answers (as queued deliveries) to aliases,
// bad arguments, refusals, unknown words, floods and failing handlers.

import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { allJobs } from "../../../../jobs/index.js";
import { requeueStrandedDeliveries } from "../../../../jobs/requeue-stranded-deliveries.js";
import { allCommands } from "../../../../src/features/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import type { ChatInput } from "../../../../src/kernel/commands/chat-input.js";
import { type AnyCommand, defineCommand } from "../../../../src/kernel/commands/command.js";
import { APOLOGY, CommandRouter, validateCommands } from "../../../../src/kernel/commands/router.js";
import type { Member, Room } from "../../../../src/kernel/db/client.js";
import { createTestApp } from "../../../support/test-app.js";

const groupOnly = defineCommand({
  name: "roomonly",
  aliases: { zh: ["群内口令"], en: ["roomonly"] },
  usage: "群内口令",
  help: "只在群里用的口令",
  role: "member",
  scope: "group",
  args: z.object({}),
  run: async ({ reply }) => reply("口令收到"),
});
const privateOnly = defineCommand({ ...groupOnly, name: "secret", aliases: { zh: ["私密"], en: ["secret"] }, scope: "private" });
const broken = defineCommand({
  ...groupOnly,
  name: "broken",
  aliases: { zh: ["坏了"], en: ["broken"] },
  role: "operator",
  scope: "both",
  run: async () => {
    throw new Error("database on fire");
  },
});
const badParser = defineCommand({
  ...groupOnly,
  name: "badparser",
  aliases: { zh: ["解析坏了"], en: ["badparser"] },
  scope: "both",
  parseArgs: () => {
    throw new Error("parser on fire");
  },
});
const badOperatorParser = defineCommand({
  ...badParser,
  name: "badopparser",
  aliases: { zh: ["运营解析坏了"], en: ["badopparser"] },
  role: "operator",
});
const commands: AnyCommand[] = [...allCommands, groupOnly, privateOnly, broken, badParser, badOperatorParser];

/** A logger whose JSON lines land in `lines`, for what a failure logs. */
function capturingLogger(lines: string[]) {
  return pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
}

describe("the command router", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let router: CommandRouter;
  let room: Room;
  let alice: Member;
  let boss: Member;
  let replies: () => Promise<string[]>;

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ COMMANDS_PER_MINUTE: "6" }));
    router = new CommandRouter(app, commands, () => ({ wechatId: "siyu-bot", name: "Siyu" }));
    room = await app.db.room.create({ data: { wechatRoomId: "vip@chatroom", topic: "VIP群" } });
    alice = await app.db.member.create({ data: { wechatId: "alice", name: "Alice" } });
    boss = await app.db.member.create({ data: { wechatId: app.config.ownerWechatId, name: "Boss" } });
  });
  afterAll(async () => cleanup?.());
  beforeEach(async () => {
    await app.db.delivery.deleteMany();
    await app.redis.del(...(await app.redis.keys(`${app.config.redis.prefix}:{commands:*`)), "none");
    replies = async () => (await app.db.delivery.findMany({ orderBy: { id: "asc" } })).map((d) => d.text);
    roomReplies = async () =>
      (await app.db.delivery.findMany({ where: { roomId: { not: null } }, orderBy: { id: "asc" } })).map((d) => d.text);
    privateReplies = async (to: Member) =>
      (await app.db.delivery.findMany({ where: { memberId: to.id, roomId: null }, orderBy: { id: "asc" } })).map((d) => d.text);
  });
  let roomReplies: () => Promise<string[]>;
  let privateReplies: (to: Member) => Promise<string[]>;

  let sent = 0;
  const say = (member: Member, text: string, inRoom = true, mentions: ChatInput["mentions"] = []) =>
    router.route(
      {
        messageId: `m${++sent}`,
        talker: { wechatId: member.wechatId, name: member.name },
        room: inRoom ? { wechatRoomId: room.wechatRoomId, topic: room.topic } : undefined,
        text,
        mentions,
        at: new Date(),
      },
      member,
      inRoom ? room : undefined,
    );

  it("understands Chinese aliases bare or with #, English ones with #, and a mention of the bot", async () => {
    for (const text of ["帮助", "#帮助", "菜单", "#help", "#HELP", "@Siyu 帮助"]) await say(alice, text);
    // Asked in a room, the list goes privately (issue 8) and the room gets one line.
    expect(await roomReplies()).toEqual(Array(6).fill("@Alice 命令列表已私聊发给你。/ The list is in your private chat."));
    const answers = await privateReplies(alice);
    expect(answers).toHaveLength(6);
    for (const answer of answers) expect(answer).toMatch(/^可用命令/);
  });

  it("answers in the private chat when the command came privately, without the @name prefix", async () => {
    await say(alice, "帮助", false);
    const [delivery] = await app.db.delivery.findMany();
    expect(delivery).toMatchObject({ memberId: alice.id, roomId: null, kind: "reply" });
    expect(delivery!.text).toMatch(/^可用命令/);
  });

  it("answers bad arguments with what is wrong and the usage line", async () => {
    await say(boss, "#grant");
    await say(boss, "授权 @Alice 老板", true, [{ wechatId: "alice", name: "Alice" }]);
    const [missing, badRole] = await replies();
    expect(missing).toContain("请@要授权的人");
    expect(missing).toContain("用法：授权 @某人 运营|管理员（#grant）");
    expect(badRole).toContain("角色只能是 运营|operator|管理员|admin");
    expect(await app.db.auditLog.count({ where: { actorId: boss.id, outcome: "refused: arguments" } })).toBe(2);
  });

  it("refuses a command above the caller's role, and audits the attempt", async () => {
    await say(alice, "#status");
    expect(await replies()).toEqual(["@Alice 没有权限：「状态」需要运营权限。/ Not allowed."]);
    expect(await app.db.auditLog.findFirst({ where: { actorId: alice.id, command: "status" } })).toMatchObject({
      outcome: "refused: role",
    });
  });

  it("refuses a command used in the wrong place", async () => {
    await say(alice, "群内口令", false);
    await say(alice, "私密", true);
    expect(await replies()).toEqual([
      "「群内口令」请在群里使用。/ Use it in a group.",
      "@Alice 「私密」请私聊我使用。/ Send it to me privately.",
    ]);
  });

  it("suggests the command meant by an unknown #word, only among those the caller may run", async () => {
    await say(alice, "#hlep");
    await say(alice, "#statsu");
    await say(alice, "#xyzzy");
    const [help, status, none] = await replies();
    expect(help).toContain("你是不是想输入「#help」");
    expect(status).not.toContain("#status");
    expect(none).toContain("没有「#xyzzy」这个命令");
  });

  it("never answers chatter", async () => {
    for (const text of ["大家好", "帮助我看看这个", "help", "抢到了吗"]) await say(alice, text);
    expect(await replies()).toEqual([]);
  });

  it("takes a member's command word opening a question as chatter, but the command with courtesy or a closing mark", async () => {
    for (const text of ["退订 是什么意思", "领券 了吗", "抢 不到啊", "帮助，我想问一下"]) await say(alice, text);
    expect(await replies()).toEqual([]);
    expect((await app.db.member.findUniqueOrThrow({ where: { id: alice.id } })).optedOutAt).toBeNull();
    await say(alice, "帮助？");
    await say(alice, "退订 谢谢");
    // The help list goes privately, the room gets one line (issue 8).
    const [help, helpLine, unsubscribed] = await replies();
    expect(help).toMatch(/^可用命令/);
    expect(helpLine).toBe("@Alice 命令列表已私聊发给你。/ The list is in your private chat.");
    expect(unsubscribed).toContain("已退订");
    await say(alice, "订阅！");
    await say(alice, "TD", false);
    expect((await replies()).slice(3)).toEqual([expect.stringContaining("已恢复订阅"), expect.stringContaining("已退订")]);
    // With a # it is deliberate: the usage line, not silence.
    await say(alice, "#抢 不到啊");
    expect((await replies()).at(-1)).toContain("用法：抢 编号");
    await say(alice, "订阅", false);
  });

  it("lists what may follow a head word instead of running the shorter command or guessing", async () => {
    await say(boss, "#日历 添加 文章 护肤课 时间:每周一 20:00 群:VIP群");
    await say(boss, "券");
    await say(boss, "#flash cancle 3");
    await say(boss, "秒杀 新增 口红 价99");
    const [calendar, coupon, flash, grab] = await replies();
    expect(calendar).toContain("看不懂「添加」。「日历」后面要接：日历 下周、日历 新增、日历 删除");
    expect(coupon).toContain("「券」后面要接：券 新建、券 列表");
    expect(flash).toContain("「#flash」后面要接：#flash new、#flash list");
    expect(grab).toContain("看不懂「新增」。「秒杀」后面要接：秒杀 新建");
    expect(await app.db.calendarItem.count()).toBe(0);
    // A subcommand that matched, with a bad argument, gets its own usage line, not its family's list.
    await say(boss, "#券 新建 满300减50 打折");
    expect((await replies()).at(-1)).toContain("满减|立减|新人");
    // A member sees none of those subcommands: 「券」 and 「秒杀 几点开始」 stay chatter for them.
    await say(alice, "券");
    await say(alice, "秒杀 几点开始");
    expect(await replies()).toHaveLength(5);
  });

  it("meets a flood with one polite notice, then silence", async () => {
    // Privately: one answer per 帮助 (in a room it is two, the list and the line saying where it went).
    for (let i = 0; i < 9; i++) await say(alice, "帮助", false);
    const answers = await replies();
    expect(answers).toHaveLength(7);
    expect(answers.filter((a) => a.includes("操作太频繁"))).toHaveLength(1);
    expect(answers.at(-1)).toContain("操作太频繁");
    // Chatter does not count against the limit and gets nothing anyway.
    await say(alice, "哈哈");
    expect(await replies()).toHaveLength(7);
  });

  it("answers a failing handler with a short apology (no stack trace) and audits the error", async () => {
    await say(boss, "坏了");
    expect(await replies()).toEqual([`@Boss ${APOLOGY}`]);
    expect(await app.db.auditLog.findFirst({ where: { command: "broken" } })).toMatchObject({ outcome: "error" });
  });

  it("answers a failure before the handler (here: the argument parser) with the apology, not silence", async () => {
    await say(alice, "解析坏了");
    expect(await replies()).toEqual([`@Alice ${APOLOGY}`]);
  });

  it("answers even when the flood check itself fails", async () => {
    // The flood counter is a MULTI; Redis refusing it used to end the message in silence.
    const multi = vi.spyOn(app.redis, "multi").mockImplementationOnce(() => {
      throw new Error("redis on fire");
    });
    try {
      await say(alice, "帮助");
    } finally {
      multi.mockRestore();
    }
    expect(await replies()).toEqual([`@Alice ${APOLOGY}`]);
  });

  it("treats an operator alias typed bare by a member as chatter: no answer, no audit", async () => {
    const audited = await app.db.auditLog.count({ where: { actorId: alice.id } });
    for (const text of ["状态", "确认", "标签", "推送", "日历"]) await say(alice, text);
    expect(await replies()).toEqual([]);
    expect(await app.db.auditLog.count({ where: { actorId: alice.id } })).toBe(audited);
  });

  it("audits an operator command used in the wrong place", async () => {
    await say(boss, "欢迎语 你好", false);
    expect(await replies()).toEqual(["「欢迎语」请在群里使用。/ Use it in a group."]);
    expect(await app.db.auditLog.findFirst({ where: { actorId: boss.id, command: "welcome" }, orderBy: { id: "desc" } })).toMatchObject({
      outcome: "refused: scope",
    });
  });

  it("keeps the line breaks of a multi-line welcome text", async () => {
    await say(boss, "欢迎语  欢迎 {昵称}！\n第一步：看群公告\n第二步：发「帮助」");
    expect((await app.db.room.findUniqueOrThrow({ where: { id: room.id } })).welcomeText).toBe(
      "欢迎 {昵称}！\n第一步：看群公告\n第二步：发「帮助」",
    );
  });

  it("takes a mentioned nickname with a space as one member", async () => {
    await say(boss, "授权 @Alice Chen\u2005运营", true, [{ wechatId: "alice-chen", name: "Alice Chen" }]);
    expect(await replies()).toEqual(["@Boss 已授权：Alice Chen 现在是运营。/ Granted."]);
    const granted = await app.db.member.findUniqueOrThrow({ where: { wechatId: "alice-chen" }, include: { operator: true } });
    expect(granted.operator).toMatchObject({ role: "operator" });
  });

  it("answers ambiguous when a typed name fits several members of the room, and never takes the bot for the target", async () => {
    for (const wechatId of ["bob-1", "bob-2"]) {
      const bob = await app.db.member.create({ data: { wechatId, name: "Bob" } });
      await app.db.roomMember.create({ data: { roomId: room.id, memberId: bob.id } });
    }
    await say(boss, "授权 @Bob 运营");
    // The one real mention is the bot's own; "@Nobody" was typed, not picked.
    await say(boss, "@Siyu\u2005授权 @Nobody 运营", true, [{ wechatId: "siyu-bot", name: "Siyu" }]);
    const [ambiguous, notFound] = await replies();
    expect(ambiguous).toContain("有 2 位叫「Bob」的成员");
    expect(notFound).toContain("找不到「Nobody」");
    expect(await app.db.operator.count({ where: { member: { wechatId: { in: ["bob-1", "bob-2", "siyu-bot"] } } } })).toBe(0);
  });

  it("shows the depth of every job queue in 状态, not only those this process opened", async () => {
    // Queued last night, sent this morning: it counts today.
    const yesterday = new Date(Date.now() - 86_400_000);
    await app.db.delivery.create({
      data: {
        account: app.config.account,
        kind: "push",
        memberId: alice.id,
        text: "昨晚排队",
        status: "sent",
        createdAt: yesterday,
        sentAt: new Date(),
      },
    });
    await say(boss, "#status", false);
    const answer = (await replies()).find((text) => text.includes("运行时长"));
    expect(answer).toContain(`任务队列：${allJobs.length} 个，全部空闲`);
    expect(answer).toContain("今日已发 1 条（推送 1）");
    await app.jobs.add(requeueStrandedDeliveries, {}, { jobId: "waiting-one", delayMs: 60_000 });
    await app.db.delivery.deleteMany();
    await say(boss, "#status", false);
    expect((await replies())[0]).toContain("补发滞留消息：等待 0，执行中 0，延时 1");
  });

  it("cleans NUL and lone surrogates at the edge: the real answer, never the apology, and the audit row", async () => {
    await say(boss, "#券 列表 \u0000x");
    await say(alice, "#券 列表 \u0000x");
    await say(boss, "#秒杀 新建 \ud800");
    await say(alice, "#秒杀 新建 \ud800");
    const [list, listRefused, usage, newRefused] = await replies();
    expect(list).toMatch(/^@Boss 券模板 \/ templates:/);
    expect(listRefused).toBe("@Alice 没有权限：「券 列表」需要运营权限。/ Not allowed.");
    expect(usage).toContain("用法 / usage：秒杀 新建 商品 价99");
    expect(newRefused).toBe("@Alice 没有权限：「秒杀 新建」需要运营权限。/ Not allowed.");
    const audits = await app.db.auditLog.findMany({ where: { command: { in: ["coupon.list", "flash.new"] } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.actorId, a.command, a.args, a.outcome])).toEqual([
      [boss.id, "coupon.list", "x", "ok"],
      [alice.id, "coupon.list", "x", "refused: role"],
      [boss.id, "flash.new", "\ufffd", expect.stringMatching(/^refused: 缺少价格/)],
      [alice.id, "flash.new", "\ufffd", "refused: role"],
    ]);
  });

  it("audits an operator command whose argument parser fails, and apologises once", async () => {
    await say(boss, "运营解析坏了");
    expect(await replies()).toEqual([`@Boss ${APOLOGY}`]);
    expect(await app.db.auditLog.findFirst({ where: { command: "badopparser" } })).toMatchObject({ actorId: boss.id, outcome: "error" });
  });

  it("shows the push usage for a bare #推送, never 「undefined」", async () => {
    await say(boss, "#推送");
    await say(boss, "推送", false);
    for (const answer of await replies()) {
      expect(answer).toContain("用法：推送 <人群|群:群名,群名>");
      expect(answer).not.toContain("undefined");
    }
    expect(await replies()).toHaveLength(2);
  });

  it("logs a failed command by name, length and a masked snippet, never the typed codes", async () => {
    const lines: string[] = [];
    const logged = new CommandRouter({ ...app, logger: capturingLogger(lines) }, commands, () => ({ wechatId: "siyu-bot", name: "Siyu" }));
    await logged.route(
      {
        messageId: `m${++sent}`,
        talker: { wechatId: boss.wechatId, name: boss.name },
        text: "坏了 券码AB12CD34 绑定码123456",
        mentions: [],
        at: new Date(),
      },
      boss,
      undefined,
    );
    const failure = lines.map((line) => JSON.parse(line)).find((line) => line.msg === "command failed");
    expect(failure).toMatchObject({ command: "broken", length: 23 });
    expect(failure.text).toBeUndefined();
    expect(failure.snippet).toBe("坏了 券码*******…");
    expect(lines.join("\n")).not.toMatch(/AB12|123456/);
  });

  it("quotes at most a short snippet of an unknown #word", async () => {
    await say(alice, "#加微信wx123领100元红包");
    expect(await replies()).toEqual(["@Alice 没有「#加微信wx123…」这个命令。发送「帮助」查看可用命令。/ Unknown command, send #help."]);
    await say(boss, `#日历 ${"加微信wx123领100元红包".repeat(10)}`);
    const [subcommand] = (await replies()).slice(1);
    expect(subcommand).toContain("看不懂「加微信wx123…」。「日历」后面要接");
  });

  it("never repeats a member's words in the room for 帮助 <anything>: the list goes privately", async () => {
    await say(alice, "帮助 加微信wx123领100元红包");
    await say(alice, `帮助 ${"买".repeat(1000)}`);
    expect(await roomReplies()).toEqual([
      "@Alice 没有这个命令，命令列表已私聊发给你。/ No such command: the list is in your private chat.",
      "@Alice 没有这个命令，命令列表已私聊发给你。/ No such command: the list is in your private chat.",
    ]);
    const [first, second] = await privateReplies(alice);
    expect(first).toMatch(/^没有「加微信wx123…」这个命令。可用命令/);
    expect(second).toMatch(/^没有「买买买买买买买买…」这个命令。可用命令/);
  });

  it("sends an owner's command list privately, the room gets one short line", async () => {
    await say(boss, "帮助");
    await say(boss, "帮助 秒杀");
    await say(boss, "帮助 授权");
    const room = await roomReplies();
    expect(room.slice(0, 2)).toEqual([
      "@Boss 命令列表已私聊发给你。/ The list is in your private chat.",
      "@Boss 命令列表已私聊发给你。/ The list is in your private chat.",
    ]);
    // One command's usage is short: it stays where it was asked.
    expect(room[2]).toContain("用法：授权 @某人");
    for (const text of room.slice(0, 2)) expect(text).not.toMatch(/授权|#grant|秒杀 新建/);
    const [list, family] = await privateReplies(boss);
    expect(list).toMatch(/^可用命令/);
    expect(list).toContain("#grant");
    expect(family).toContain("秒杀 新建");
  });

  it("answers an over-long command with a short line, and leaves over-long chatter unparsed", async () => {
    const long = "买".repeat(2500);
    await say(alice, `#帮助 ${long}`);
    await say(alice, `帮助 ${long}`);
    await say(alice, long);
    await say(alice, `退订 ${long}`);
    await say(boss, `欢迎语 ${long}`);
    expect(await replies()).toEqual([
      "@Alice 消息太长了，命令请控制在 2000 字以内。/ Message too long.",
      "@Alice 消息太长了，命令请控制在 2000 字以内。/ Message too long.",
      "@Boss 消息太长了，命令请控制在 2000 字以内。/ Message too long.",
    ]);
    expect((await app.db.member.findUniqueOrThrow({ where: { id: alice.id } })).optedOutAt).toBeNull();
    expect((await app.db.room.findUniqueOrThrow({ where: { id: room.id } })).welcomeText).not.toContain(long);
  });

  it("quotes at most 20 characters of a name or word an operator typed", async () => {
    const long = "加微信wx123领100元红包".repeat(10);
    await say(boss, `授权 @${long} 运营`, false);
    await say(boss, `发券 ${long} 10`);
    await say(boss, `标签 成员 ${long}`, false);
    const answers = await replies();
    expect(answers).toEqual([
      "找不到「加微信wx123领100元红包加微信wx…」。请在群里@对方。/ No such member.",
      expect.stringMatching(/^@Boss 没有「加微信wx123领100元红包加微信wx…」这种券。可用：/),
      "没有成员带「加微信wx123领100元红包加微信wx…」标签。",
    ]);
  });

  it("refuses clashing declarations at start-up, naming them", () => {
    expect(() => validateCommands([groupOnly, { ...groupOnly, name: "other" }])).toThrow(
      /alias "群内口令" is declared by both roomonly and other/,
    );
  });
});
