// Group-buy (拼团) commands: operators create, list, show, cancel; members join (参团), open a team (开团)
// or join a friend's team (参团 7-2).
import { z } from "zod";
import type { AppContext } from "../../kernel/app-context.js";
import { firstProblem, wholeArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import type { ReplyOutcome } from "../../kernel/outbox/combine-replies.js";
import { withUsage } from "../flash-sales/index.js";
import { createGroupBuy } from "./create-group-buy.js";
import { endGroupBuy } from "./end-group-buy.js";
import { joinGroupBuy, openGroupBuysIn } from "./join-group-buy.js";
import type { TeamChoice } from "./join-outcome.js";
import { parseGroupBuyArgs } from "./rules/create-args.js";
import { bareJoinOutcome, bareJoinReply, deadlineQuietHoursNote, groupBuyReplies, joinOutcome, joinReply } from "./texts.js";

const CREATE_USAGE = "拼团 新建 商品 价39 3人团 截止明天22:00 [限购1] [全部]";
const groupBuyNumber = wholeArg("拼团编号");
const number = z.object({ groupBuy: groupBuyNumber });

export const groupBuyNew = defineCommand({
  name: "groupbuy.new",
  aliases: { zh: ["拼团 新建", "新建拼团"], en: ["groupbuy new"] },
  usage: CREATE_USAGE,
  help: "新建拼团：N人团（2–50），截止时间可写 今晚9点、明天21:00、12-01 21:00",
  role: "operator",
  args: z.object({ words: z.array(z.string()) }),
  parseArgs: (raw) => ({ words: raw.words }),
  async run({ args, app, member, room, reply }) {
    const parsed = parseGroupBuyArgs(args.words, { now: app.clock.now(), zone: app.config.timeZone });
    if (!parsed.ok) {
      await reply(withUsage(parsed.problem, CREATE_USAGE));
      return `refused: ${parsed.problem}`;
    }
    const outcome = await createGroupBuy(app, { draft: parsed.value, createdById: member.id, roomId: room?.id });
    if (outcome.kind === "noRooms") {
      await reply(groupBuyReplies.noRooms);
      return "refused: no rooms";
    }
    const g = outcome.groupBuy;
    const zone = app.config.timeZone;
    await reply(groupBuyReplies.created(g, zone, deadlineQuietHoursNote(app.config.outbox.quietHours, zone, g.deadline)));
    return `created groupbuy ${g.id}`;
  },
});

export const groupBuyList = defineCommand({
  name: "groupbuy.list",
  aliases: { zh: ["拼团 列表", "拼团列表"], en: ["groupbuy list"] },
  usage: "拼团 列表",
  help: "最近的拼团和成团情况",
  role: "operator",
  async run({ app, reply }) {
    const list = await app.db.groupBuy.findMany({ orderBy: { id: "desc" }, take: 10, include: { teams: { select: { status: true } } } });
    if (list.length === 0) {
      await reply(groupBuyReplies.none);
      return "ok";
    }
    const zone = app.config.timeZone;
    await reply(
      list.map((g) => groupBuyReplies.listLine(g, g.teams.filter((t) => t.status === "complete").length, g.teams.length, zone)).join("\n"),
    );
    return "ok";
  },
});

export const groupBuyShow = defineCommand({
  name: "groupbuy.show",
  aliases: { zh: ["拼团 详情", "拼团 查看"], en: ["groupbuy show"] },
  usage: "拼团 详情 编号",
  help: "一个拼团的各团人数和状态",
  role: "operator",
  args: number,
  positional: ["groupBuy"],
  async run({ args, app, reply }) {
    const g = await app.db.groupBuy.findUnique({
      where: { id: args.groupBuy },
      include: { teams: { include: { seats: true }, orderBy: { number: "asc" } } },
    });
    if (!g) {
      await reply(groupBuyReplies.notFound(args.groupBuy));
      return "refused: no such group-buy";
    }
    const teams = g.teams.map((t) => ({ number: t.number, seats: t.seats.length, status: t.status }));
    await reply(groupBuyReplies.details(g, teams, app.config.timeZone));
    return "ok";
  },
});

export const groupBuyCancel = defineCommand({
  name: "groupbuy.cancel",
  aliases: { zh: ["拼团 取消", "取消拼团"], en: ["groupbuy cancel"] },
  usage: "拼团 取消 编号",
  help: "取消拼团：未成团的团取消（成员收到通知，不扣款），已成团的订单照常",
  role: "operator",
  args: number,
  positional: ["groupBuy"],
  async run({ args, app, reply }) {
    const outcome = await endGroupBuy(app, { groupBuyId: args.groupBuy, cancel: true });
    if (outcome.kind === "ended") {
      await reply(groupBuyReplies.cancelled(args.groupBuy, outcome.failedTeams, outcome.completedTeams));
      return "cancelled";
    }
    if (outcome.kind === "notFound") {
      await reply(groupBuyReplies.notFound(args.groupBuy));
      return outcome.kind;
    }
    await reply(groupBuyReplies.notActive(args.groupBuy));
    return outcome.reason;
  },
});

// Team 0 passes, for the handler to say there is none.
const teamNumber = wholeArg("团号", 0);

/** "7" or "7-2" (a full-width or en dash too, as phones type them), each number within wholeArg's bounds. */
const teamCode = z.string().transform((code, ctx) => {
  const [groupBuy, team, ...extra] = code.split(/[-－–]/);
  const g = groupBuyNumber.safeParse(groupBuy);
  const t = team === undefined ? undefined : teamNumber.safeParse(team);
  const problem =
    extra.length > 0
      ? groupBuyReplies.badTeamCode
      : !g.success
        ? firstProblem(g.error)
        : t?.success === false
          ? firstProblem(t.error)
          : undefined;
  if (problem !== undefined) {
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return { groupBuy: g.data!, team: t?.data };
});

/**
 * Joins `groupBuyId` as `choice` says; without a number (a bare 参团/开团), the only group-buy open in the
 * room; with none or several open, the reply says which there are. `command`: the word for that reply.
 * A join is answered by its team's 接龙 list in the room; in a burst the answers are combined (the reply
 * digest), so every reply carries its outcome.
 */
async function join(
  ctx: { app: AppContext; member: { id: number }; room?: { id: number }; reply(text: string, outcome?: ReplyOutcome): Promise<void> },
  command: string,
  groupBuyId: number | undefined,
  choice: TeamChoice,
): Promise<string> {
  if (groupBuyId === undefined) {
    const open = ctx.room ? await openGroupBuysIn(ctx.app, ctx.room.id) : [];
    if (open.length !== 1) {
      await ctx.reply(bareJoinReply(command, open), bareJoinOutcome(command, open));
      return open.length === 0 ? "none open" : "ambiguous";
    }
    groupBuyId = open[0]!.id;
  }
  // No team 0 exists; said here because the database would first answer a member who already joined.
  if (choice.kind === "team" && choice.number === 0) {
    const none = { kind: "noSuchTeam", number: 0 } as const;
    await ctx.reply(joinReply(none, groupBuyId), joinOutcome(none, groupBuyId));
    return "noSuchTeam";
  }
  const outcome = await joinGroupBuy(ctx.app, { groupBuyId, memberId: ctx.member.id, roomId: ctx.room?.id, choice });
  if (outcome.kind === "joined") {
    await ctx.reply(outcome.chain, joinOutcome(outcome, groupBuyId));
    return outcome.completed ? "joined: team complete" : "joined";
  }
  await ctx.reply(joinReply(outcome, groupBuyId), joinOutcome(outcome, groupBuyId));
  return outcome.kind;
}

export const groupBuyJoin = defineCommand({
  name: "groupbuy.join",
  aliases: { zh: ["参团", "拼团"], en: ["join"] },
  usage: "参团 编号[-团号]",
  help: "参加拼团，如「参团 7」（加入最早的未满团）或「参团 7-2」（加入第2团）；本群只有一个拼团时发「参团」即可",
  role: "member",
  scope: "group",
  args: z.object({ code: teamCode.optional() }),
  positional: ["code"],
  async run(ctx) {
    const team = ctx.args.code?.team;
    return join(ctx, "参团", ctx.args.code?.groupBuy, team === undefined ? { kind: "any" } : { kind: "team", number: team });
  },
});

export const groupBuyOpen = defineCommand({
  name: "groupbuy.open",
  aliases: { zh: ["开团"], en: ["team"] },
  usage: "开团 编号",
  help: "自己开一个新团，好友发「参团 编号-团号」加入；本群只有一个拼团时发「开团」即可",
  role: "member",
  scope: "group",
  args: z.object({ groupBuy: groupBuyNumber.optional() }),
  positional: ["groupBuy"],
  async run(ctx) {
    return join(ctx, "开团", ctx.args.groupBuy, { kind: "new" });
  },
});

export const groupBuyMemberCommands = [groupBuyJoin, groupBuyOpen];
export const groupBuyOperatorCommands = [groupBuyNew, groupBuyList, groupBuyShow, groupBuyCancel];
