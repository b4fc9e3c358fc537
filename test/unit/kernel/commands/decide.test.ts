// The routing decision as a table: what was typed, by whom, where → what the router does. Every case
// of the router's integration tests, plus the ambiguous ones, against declarations shaped like the
// real ones (same aliases, roles, scopes and argument kinds; no handlers: the decision never runs one).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { choiceArg, mentionArg, noArgs, wholeArg } from "../../../../src/kernel/commands/args.js";
import { decideRoute, limitRate, type RouteDecision, readArgs, readTyped, type Where } from "../../../../src/kernel/commands/decide.js";
import type { Role } from "../../../../src/kernel/commands/roles.js";
import type { CommandSpec, Scope } from "../../../../src/kernel/commands/spec.js";

function spec(
  name: string,
  zh: string[],
  en: string[],
  role: Role,
  args: z.ZodType = noArgs,
  more: Partial<CommandSpec> & { scope?: Scope } = {},
): CommandSpec {
  return { name, aliases: { zh, en }, usage: name, help: name, role, scope: "both", args, ...more };
}
const words = z.object({ words: z.array(z.string()) });
const text = z.object({ text: z.string().min(1) });
const fire = () => {
  throw new Error("parser on fire");
};

const commands: CommandSpec[] = [
  spec("help", ["帮助", "菜单"], ["help"], "member", z.object({ topic: z.string().optional() }), { positional: ["topic..."] }),
  spec("unsubscribe", ["退订", "取消订阅", "取消推送", "TD", "td"], ["unsubscribe", "stop"], "member"),
  spec("subscribe", ["订阅", "恢复订阅"], ["subscribe"], "member"),
  spec("grab", ["抢", "秒杀"], ["grab"], "member", z.object({ sale: wholeArg("秒杀编号").optional() }), { positional: ["sale"] }),
  spec("coupon.claim", ["领券"], ["claim"], "member", noArgs, { scope: "group" }),
  spec("coupon.new", ["券 新建"], ["coupon new"], "operator", z.object({ kind: z.enum(["满减", "立减", "新人"]) }), {
    parseArgs: (raw) => ({ kind: raw.words[1] }),
  }),
  spec("coupon.list", ["券 列表"], ["coupon list", "coupons"], "operator"),
  spec("coupon.drop", ["发券"], ["drop"], "operator", z.object({ template: z.string(), quantity: wholeArg("数量") }), {
    positional: ["template", "quantity"],
    scope: "group",
  }),
  spec("status", ["状态"], ["status"], "operator"),
  spec(
    "grant",
    ["授权"],
    ["grant"],
    "admin",
    z.object({ target: mentionArg("要授权的人"), role: choiceArg("角色", { 运营: "operator", 管理员: "admin" }) }),
    { positional: ["target", "role"] },
  ),
  spec("welcome", ["欢迎语"], ["welcome"], "operator", text, { positional: ["text..."], scope: "group" }),
  spec("flash.new", ["秒杀 新建", "新建秒杀"], ["flash new"], "operator", words, { parseArgs: (raw) => ({ words: raw.words }) }),
  spec("flash.list", ["秒杀 列表", "秒杀列表"], ["flash list"], "operator"),
  spec("tag", ["标签"], ["tag"], "operator", z.object({ target: mentionArg("要打标签的人") }), {
    parseArgs: (raw) => ({ target: raw.words[0] }),
  }),
  spec("winback.preview", ["召回 预览"], ["winback preview"], "operator"),
  spec("winback.start", ["召回 开始"], ["winback start"], "operator"),
  spec("push", ["推送"], ["push"], "operator", text, { parseArgs: (raw) => ({ text: raw.text }) }),
  spec("push.status", ["推送 状态"], ["push status"], "operator", z.object({ id: wholeArg("推送编号").optional() }), {
    positional: ["id"],
  }),
  spec("confirm", ["确认"], ["confirm"], "operator", z.object({ id: wholeArg("推送编号") }), { positional: ["id"] }),
  spec("calendar.week", ["日历", "内容日历"], ["calendar"], "operator"),
  spec("calendar.next", ["日历 下周"], ["calendar next"], "operator"),
  spec("calendar.add", ["日历 新增"], ["calendar add"], "operator", text, { parseArgs: (raw) => ({ text: raw.text }) }),
  spec("calendar.remove", ["日历 删除"], ["calendar remove"], "operator", z.object({ id: wholeArg("编号") }), { positional: ["id"] }),
  // The router tests' own: a place-bound pair, a failing handler, failing argument parsers.
  spec("checkin", ["签到"], ["checkin"], "member", noArgs, { scope: "group" }),
  spec("secret", ["私密"], ["secret"], "member", noArgs, { scope: "private" }),
  spec("broken", ["坏了"], ["broken"], "operator"),
  spec("badparser", ["解析坏了"], ["badparser"], "member", noArgs, { parseArgs: fire }),
  spec("badopparser", ["运营解析坏了"], ["badopparser"], "operator", noArgs, { parseArgs: fire }),
];

/** A decision in a few words, so that a row of the table reads as one line. */
function summary(decision: RouteDecision | { kind: "needsRole" }): string {
  switch (decision.kind) {
    case "ignore":
    case "needsRole":
    case "privateChatter":
      return decision.kind;
    case "run":
    case "fail":
      return `${decision.kind} ${decision.command.spec.name}`;
    case "unknown":
      return `unknown ${decision.word}${decision.suggestion ? ` → ${decision.suggestion}` : ""}`;
    case "listSubcommands":
      return `${"misread" in decision ? `misread ${decision.misread} (${decision.command.spec.name}), ` : ""}list ${decision.head}: ${decision.subcommands.join("、")}`;
    case "refuse":
      if (decision.reason === "flood") return `refuse flood${decision.notify ? " with notice" : ""}`;
      return `refuse ${decision.reason}${"command" in decision ? ` ${decision.command.spec.name}` : ""}`;
  }
}

const LONG = "买".repeat(2500);
type Row = [says: string, by: Role, where: Where, beforeRole: "ignore" | "needsRole", decides: string];

// Columns: what was typed, by whom, where; the first phase (no role yet, no I/O); the decision.
const table: Row[] = [
  // Aliases: Chinese bare or with #, English with #, after a mention of the bot.
  ["帮助", "member", "room", "needsRole", "run help"],
  ["#帮助", "member", "room", "needsRole", "run help"],
  ["菜单", "member", "room", "needsRole", "run help"],
  ["#help", "member", "room", "needsRole", "run help"],
  ["#HELP", "member", "room", "needsRole", "run help"],
  ["@Siyu 帮助", "member", "room", "needsRole", "run help"],
  ["帮助", "member", "private", "needsRole", "run help"],
  ["帮助 加微信wx123领100元红包", "member", "room", "needsRole", "run help"],
  ["帮助 秒杀", "owner", "room", "needsRole", "run help"],
  // Bad arguments: what is wrong and the usage.
  ["#grant", "owner", "room", "needsRole", "refuse arguments grant"],
  ["授权 @Alice 老板", "owner", "room", "needsRole", "refuse arguments grant"],
  ["授权 @Alice Chen\u2005运营", "owner", "room", "needsRole", "run grant"],
  ["#推送", "owner", "room", "needsRole", "refuse arguments push"],
  ["推送", "owner", "private", "needsRole", "refuse arguments push"],
  ["#券 新建 满300减50 打折", "owner", "room", "needsRole", "refuse arguments coupon.new"],
  // Role: refused with a #, chatter when the word is typed bare.
  ["#status", "member", "room", "needsRole", "refuse role status"],
  ["#状态", "member", "room", "needsRole", "refuse role status"],
  ["#券 列表 x", "member", "room", "needsRole", "refuse role coupon.list"],
  ["#秒杀 新建 \ufffd", "member", "room", "needsRole", "refuse role flash.new"],
  ["状态", "member", "room", "needsRole", "ignore"],
  ["确认", "member", "room", "needsRole", "ignore"],
  ["标签", "member", "room", "needsRole", "ignore"],
  ["推送", "member", "room", "needsRole", "ignore"],
  ["日历", "member", "room", "needsRole", "ignore"],
  ["状态", "operator", "room", "needsRole", "run status"],
  ["#status", "owner", "private", "needsRole", "run status"],
  ["#券 列表 x", "owner", "room", "needsRole", "run coupon.list"],
  ["#秒杀 新建 \ufffd", "owner", "room", "needsRole", "run flash.new"],
  // Scope.
  ["签到", "member", "private", "needsRole", "refuse scope checkin"],
  ["私密", "member", "room", "needsRole", "refuse scope secret"],
  ["欢迎语 你好", "owner", "private", "needsRole", "refuse scope welcome"],
  ["欢迎语  欢迎 {昵称}！\n第一步：看群公告", "owner", "room", "needsRole", "run welcome"],
  // Unknown #words: a suggestion among the commands the caller may run only.
  ["#hlep", "member", "room", "needsRole", "unknown hlep → help"],
  ["#statsu", "member", "room", "needsRole", "unknown statsu"],
  ["#statsu", "operator", "room", "needsRole", "unknown statsu → status"],
  ["#xyzzy", "member", "room", "needsRole", "unknown xyzzy"],
  ["#xyz", "member", "room", "needsRole", "unknown xyz"],
  ["#加微信wx123领100元红包", "member", "room", "needsRole", "unknown 加微信wx123领100元红包"],
  // Chatter: never answered, dropped before any I/O.
  ["大家好", "member", "room", "ignore", "ignore"],
  ["帮助我看看这个", "member", "room", "ignore", "ignore"],
  ["help", "member", "room", "ignore", "ignore"],
  ["抢到了吗", "member", "room", "ignore", "ignore"],
  ["哈哈", "owner", "room", "ignore", "ignore"],
  // Private chatter is addressed to the bot: handed to the private-chatter handler (the service desk), a room's never.
  ["在吗", "member", "private", "needsRole", "privateChatter"],
  ["你好，我买的面霜什么时候发货？", "member", "private", "needsRole", "privateChatter"],
  ["哈哈", "owner", "private", "needsRole", "privateChatter"],
  ["状态", "member", "private", "needsRole", "privateChatter"],
  ["退订 是什么意思", "member", "private", "needsRole", "privateChatter"],
  [LONG, "member", "private", "needsRole", "privateChatter"],
  ["在吗", "member", "room", "ignore", "ignore"],
  // A member's command word opening a question is chatter; with courtesy, a closing mark or a # it is the command.
  ["退订 是什么意思", "member", "room", "ignore", "ignore"],
  ["领券 了吗", "member", "room", "ignore", "ignore"],
  ["抢 不到啊", "member", "room", "ignore", "ignore"],
  ["帮助，我想问一下", "member", "room", "ignore", "ignore"],
  ["帮助？", "member", "room", "needsRole", "run help"],
  ["退订 谢谢", "member", "room", "needsRole", "run unsubscribe"],
  ["订阅！", "member", "room", "needsRole", "run subscribe"],
  ["TD", "member", "private", "needsRole", "run unsubscribe"],
  ["抢", "member", "room", "needsRole", "run grab"],
  ["#抢 不到啊", "member", "room", "needsRole", "refuse arguments grab"],
  ["#退订 是什么意思", "member", "room", "needsRole", "run unsubscribe"],
  // A head word: what may follow it, for those who may run it; chatter for the others.
  ["召回", "operator", "room", "needsRole", "list 召回: 召回 预览、召回 开始"],
  ["召回", "member", "room", "needsRole", "ignore"],
  ["券", "owner", "room", "needsRole", "list 券: 券 新建、券 列表"],
  ["券？", "owner", "room", "needsRole", "list 券: 券 新建、券 列表"],
  ["券", "member", "room", "needsRole", "ignore"],
  ["#flash cancle 3", "owner", "room", "needsRole", "list #flash: #flash new、#flash list"],
  [
    "#日历 添加 文章 护肤课 时间:每周一 20:00 群:VIP群",
    "owner",
    "room",
    "needsRole",
    "misread 添加 (calendar.week), list 日历: 日历 下周、日历 新增、日历 删除",
  ],
  ["秒杀 新增 口红 价99", "owner", "room", "needsRole", "misread 新增 (grab), list 秒杀: 秒杀 新建、秒杀 列表"],
  ["秒杀 几点开始", "member", "room", "needsRole", "ignore"],
  // Handlers and parsers that fail: a failing handler still runs; a throwing parser is a failure, unless the word was chatter.
  ["坏了", "owner", "room", "needsRole", "run broken"],
  ["解析坏了", "member", "room", "needsRole", "fail badparser"],
  ["运营解析坏了", "owner", "room", "needsRole", "fail badopparser"],
  ["运营解析坏了", "member", "room", "needsRole", "ignore"],
  ["#运营解析坏了", "member", "room", "needsRole", "refuse role badopparser"],
  // Over the limit: a deliberate command gets one short line, anything else is chatter.
  [`#帮助 ${LONG}`, "member", "room", "needsRole", "refuse tooLong"],
  [`帮助 ${LONG}`, "member", "room", "needsRole", "refuse tooLong"],
  [LONG, "member", "room", "ignore", "ignore"],
  [`退订 ${LONG}`, "member", "room", "ignore", "ignore"],
  [`欢迎语 ${LONG}`, "owner", "room", "needsRole", "refuse tooLong"],
  [`欢迎语 ${LONG}`, "member", "room", "needsRole", "ignore"],
  [`#xyz${LONG}`, "member", "room", "needsRole", "refuse tooLong"],
];

describe("the routing decision", () => {
  it.each(table)("「%s」 by %s in %s: %s before the role, then %s", (says, by, where, beforeRole, decides) => {
    // As the edge hands it over: bounded at 2000 characters, marked truncated.
    const typed = readTyped(says.slice(0, 2000), commands, {
      botName: "Siyu",
      mentionNames: says.includes("Alice Chen") ? ["Alice Chen"] : [],
      truncated: says.length > 2000,
    });
    expect(summary(decideRoute(typed, { caller: "unknown yet", where, commands }))).toBe(beforeRole);
    expect(summary(decideRoute(typed, { caller: by, where, commands }))).toBe(decides);
  });

  it("drops early only what every role would ignore", () => {
    for (const [says, , where] of table) {
      const typed = readTyped(says.slice(0, 2000), commands, { botName: "Siyu", truncated: says.length > 2000 });
      if (decideRoute(typed, { caller: "unknown yet", where, commands }).kind !== "ignore") continue;
      for (const caller of ["member", "operator", "admin", "owner"] as const)
        expect(decideRoute(typed, { caller, where, commands })).toEqual({ kind: "ignore" });
    }
  });

  it("passes the parsed arguments to the run, and {} for extra words after a deliberate command", () => {
    const run = (says: string, by: Role) => decideRoute(readTyped(says, commands), { caller: by, where: "room", commands });
    expect(run("抢 12", "member")).toMatchObject({ kind: "run", args: { sale: 12 } });
    expect(run("#退订 是什么意思", "member")).toMatchObject({ kind: "run", args: {} });
    expect(run("状态 呢", "operator")).toMatchObject({ kind: "run", args: {} });
  });

  it("reads a throwing parser as broken, never throws", () => {
    const [badParser] = commands.filter((c) => c.name === "badparser");
    expect(readArgs(badParser!, { text: "", words: [] })).toMatchObject({ kind: "broken", error: new Error("parser on fire") });
  });

  it.each([
    [6, 6, "run help"],
    [7, 6, "refuse flood with notice"],
    [8, 6, "refuse flood"],
  ] as const)("limits the rate: command %i of %i a minute: %s", (taken, perMinute, decides) => {
    const decision = decideRoute(readTyped("帮助", commands), { caller: "member", where: "private", commands });
    expect(summary(limitRate(decision, taken, perMinute))).toBe(decides);
  });

  it("never turns private chatter into a flood refusal: the service desk bounds its own answers", () => {
    const decision = decideRoute(readTyped("在吗", commands), { caller: "member", where: "private", commands });
    expect(summary(limitRate(decision, 50, 6))).toBe("privateChatter");
  });
});
