import { z } from "zod";
import { mentionArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { rolesTexts } from "../roles/index.js";
import { listAgentTickets, ticketDetail } from "./list-tickets.js";
import { recolourTicket, resolveTicket, transferTicket, waitOnTicket } from "./manage-ticket.js";
import { openTicket } from "./open-ticket.js";
import { ticketStatsText } from "./read-ticket-stats.js";
import { replyToTicket, type TicketAccess } from "./reply-to-ticket.js";
import { parseColour } from "./rules/colour.js";
import { parseTicketNumber } from "./rules/ticket-words.js";
import { dedicatedAgentOf, setDedicatedAgent, setDuty } from "./set-duty.js";
import { serviceTexts as texts } from "./texts.js";

const MAX_REPLY = 1500;

const ticketArg = z
  .string({ message: texts.badTicket })
  .transform((word) => parseTicketNumber(word) ?? 0)
  .refine((id) => id > 0, { message: texts.badTicket });

/** A refusal about a ticket, answered; its audit word returned. */
async function refuseAccess(outcome: TicketAccess, id: number, reply: (text: string) => Promise<void>): Promise<string> {
  if (outcome.kind === "notFound") await reply(texts.notFound(id));
  else if (outcome.kind === "notYours") await reply(texts.notYours(id));
  else await reply(texts.closed(id));
  return `refused: ${outcome.kind}`;
}

export const serviceOpen = defineCommand({
  name: "service.open",
  aliases: { zh: ["客服", "售后", "人工", "投诉"], en: ["support"] },
  usage: "客服 [你的问题]",
  help: "找人工客服：创建工单，客服私聊回复你",
  role: "member",
  args: z.object({ text: z.string().max(MAX_REPLY, { message: "问题描述太长了 / too long" }).optional() }),
  positional: ["text..."],
  async run({ args, app, member, room, reply, replyPrivately }) {
    const outcome = await openTicket(app, { member, roomId: room?.id, text: args.text ?? "" });
    const { ticket } = outcome;
    if (outcome.kind === "alreadyOpen") {
      await (room ? reply(texts.alreadyOpen(ticket.id)) : replyPrivately(texts.alreadyOpen(ticket.id)));
      return `already open T${ticket.id}`;
    }
    if (room) await reply(texts.openedInRoom(ticket.id));
    await replyPrivately(texts.openedPrivately(ticket.id, outcome.promiseMs, Boolean(args.text)));
    return `opened T${ticket.id} ${ticket.colour}`;
  },
});

export const serviceReply = defineCommand({
  name: "service.reply",
  aliases: { zh: ["回复"], en: ["answer"] },
  usage: "回复 T12 内容",
  help: "回复工单的客户（客户从机器人收到）",
  role: "operator",
  scope: "private",
  args: z.object({
    ticket: ticketArg,
    text: z.string({ message: "请写回复内容 / write the answer" }).max(MAX_REPLY, { message: "回复太长了 / too long" }),
  }),
  positional: ["ticket", "text..."],
  async run({ args, app, member, role, reply }) {
    const outcome = await replyToTicket(app, { ticketId: args.ticket, agent: member, role, text: args.text });
    if (outcome.kind !== "replied") return refuseAccess(outcome, args.ticket, reply);
    await reply(texts.replied(args.ticket, outcome.first));
    return `replied T${args.ticket}`;
  },
});

export const serviceList = defineCommand({
  name: "service.list",
  aliases: { zh: ["工单", "工单 我的"], en: ["tickets", "tickets mine"] },
  usage: "工单",
  help: "我负责的未处理工单（按截止时间）",
  role: "operator",
  scope: "private",
  async run({ app, member, reply }) {
    await reply(texts.list(await listAgentTickets(app, member), app.config.timeZone));
  },
});

export const serviceDetail = defineCommand({
  name: "service.detail",
  aliases: { zh: ["工单 详情"], en: ["ticket show"] },
  usage: "工单 详情 T12",
  help: "工单的全部对话",
  role: "operator",
  scope: "private",
  args: z.object({ ticket: ticketArg }),
  positional: ["ticket"],
  async run({ args, app, member, role, reply }) {
    const outcome = await ticketDetail(app, args.ticket, { member, role });
    if (outcome.kind !== "detail") return refuseAccess(outcome, args.ticket, reply);
    await reply(outcome.text);
  },
});

export const serviceWait = defineCommand({
  name: "service.wait",
  aliases: { zh: ["工单 等待"], en: ["ticket wait"] },
  usage: "工单 等待 T12",
  help: "等待客户回复：计时暂停（红色工单不暂停）",
  role: "operator",
  scope: "private",
  args: z.object({ ticket: ticketArg }),
  positional: ["ticket"],
  async run({ args, app, member, role, reply }) {
    const outcome = await waitOnTicket(app, args.ticket, { member, role });
    if (outcome.kind === "waiting") {
      await reply(texts.waiting(args.ticket));
      return `waiting T${args.ticket}`;
    }
    if (outcome.kind === "redNoPause") {
      await reply(texts.redNoPause(args.ticket));
      return "refused: red";
    }
    if (outcome.kind === "alreadyWaiting") {
      await reply(texts.alreadyWaiting(args.ticket));
      return "unchanged";
    }
    return refuseAccess(outcome, args.ticket, reply);
  },
});

export const serviceResolve = defineCommand({
  name: "service.resolve",
  aliases: { zh: ["工单 解决"], en: ["ticket resolve"] },
  usage: "工单 解决 T12 [说明]",
  help: "解决工单，之后自动回访评分",
  role: "operator",
  scope: "private",
  args: z.object({ ticket: ticketArg, note: z.string().max(MAX_REPLY, { message: "说明太长了 / too long" }).optional() }),
  positional: ["ticket", "note..."],
  async run({ args, app, member, role, reply }) {
    const outcome = await resolveTicket(app, args.ticket, { member, role }, args.note);
    if (outcome.kind !== "resolved") return refuseAccess(outcome, args.ticket, reply);
    await reply(texts.resolved(args.ticket));
    return `resolved T${args.ticket}`;
  },
});

export const serviceRecolour = defineCommand({
  name: "service.recolour",
  aliases: { zh: ["工单 改色"], en: ["ticket colour"] },
  usage: "工单 改色 T12 红|黄|绿",
  help: "改变工单颜色（响应时限随之改变）",
  role: "operator",
  scope: "private",
  args: z.object({
    ticket: ticketArg,
    colour: z
      .string({ message: texts.badColour })
      .transform((word) => parseColour(word) ?? "")
      .refine((c) => c !== "", { message: texts.badColour })
      .transform((c) => c as "red" | "yellow" | "green"),
  }),
  positional: ["ticket", "colour"],
  async run({ args, app, reply }) {
    const outcome = await recolourTicket(app, args.ticket, args.colour);
    if (outcome.kind === "unchanged") {
      await reply(texts.sameColour(args.ticket, args.colour));
      return "unchanged";
    }
    if (outcome.kind !== "recoloured") return refuseAccess(outcome, args.ticket, reply);
    await reply(texts.recoloured(args.ticket, args.colour, outcome.ticket.responseDueAt, app.config.timeZone));
    return `recoloured T${args.ticket} ${args.colour}`;
  },
});

export const serviceTransfer = defineCommand({
  name: "service.transfer",
  aliases: { zh: ["工单 转交"], en: ["ticket transfer"] },
  usage: "工单 转交 T12 @某人",
  help: "把工单交给另一位客服",
  role: "operator",
  scope: "private",
  args: z.object({ ticket: ticketArg, target: mentionArg("接手的客服") }),
  parseArgs: (raw) => ({ ticket: raw.words[0], target: raw.words.slice(1).join(" ") || undefined }),
  async run({ args, app, member, role, reply, findMember }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(rolesTexts.lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const outcome = await transferTicket(app, args.ticket, { member, role }, { member: found.member, role: found.role });
    if (outcome.kind === "notAnAgent") {
      await reply(texts.notAnAgentRole(found.member.name));
      return "refused: not an operator";
    }
    if (outcome.kind !== "transferred") return refuseAccess(outcome, args.ticket, reply);
    await reply(texts.transferred(args.ticket, found.member.name));
    return `transferred T${args.ticket} to ${found.member.wechatId}`;
  },
});

export const serviceStats = defineCommand({
  name: "service.stats",
  aliases: { zh: ["工单 统计"], en: ["ticket stats"] },
  usage: "工单 统计",
  help: "今天、7天、30天：各色工单、首次响应 p50/p90、超时率、满意度",
  role: "operator",
  scope: "private",
  async run({ app, reply }) {
    await reply(await ticketStatsText(app));
  },
});

export const serviceOnDuty = defineCommand({
  name: "service.onDuty",
  aliases: { zh: ["值班"], en: ["onduty"] },
  usage: "值班",
  help: "开始值班：轮流接新工单",
  role: "operator",
  async run({ app, member, replyPrivately }) {
    await setDuty(app, member, true);
    await replyPrivately(texts.onDuty);
  },
});

export const serviceOffDuty = defineCommand({
  name: "service.offDuty",
  aliases: { zh: ["下班"], en: ["offduty"] },
  usage: "下班",
  help: "结束值班：不再轮到新工单",
  role: "operator",
  async run({ app, member, replyPrivately }) {
    await setDuty(app, member, false);
    await replyPrivately(texts.offDuty);
  },
});

export const serviceDedicate = defineCommand({
  name: "service.dedicate",
  aliases: { zh: ["专属"], en: ["dedicate"] },
  usage: "专属 @成员 [@客服]",
  help: "查看或指定成员的专属客服",
  role: "operator",
  args: z.object({ member: mentionArg("成员"), agent: mentionArg("客服").optional() }),
  parseArgs: (raw) => {
    // Names may hold spaces: the words up to the second @ name the member.
    const second = raw.words.findIndex((word, i) => i > 0 && word.startsWith("@"));
    return second === -1
      ? { member: raw.words.join(" ") || undefined }
      : { member: raw.words.slice(0, second).join(" "), agent: raw.words.slice(second).join(" ") };
  },
  async run({ args, app, reply, findMember }) {
    const target = await findMember(args.member);
    if (target.kind !== "found") {
      await reply(rolesTexts.lookupProblem(target));
      return `refused: ${target.kind}`;
    }
    if (!args.agent) {
      const agent = await dedicatedAgentOf(app, target.member.id);
      await reply(
        agent ? texts.dedicatedSet(target.member.name, agent.name) : `${target.member.name} 还没有专属客服。/ No dedicated agent.`,
      );
      return "shown";
    }
    const agent = await findMember(args.agent);
    if (agent.kind !== "found") {
      await reply(rolesTexts.lookupProblem(agent));
      return `refused: ${agent.kind}`;
    }
    const outcome = await setDedicatedAgent(app, target.member, { member: agent.member, role: agent.role });
    if (outcome.kind === "notAnAgent") {
      await reply(texts.notAnAgentRole(agent.member.name));
      return "refused: not an operator";
    }
    await reply(texts.dedicatedSet(target.member.name, agent.member.name));
    return `dedicated ${target.member.wechatId} to ${agent.member.wechatId}`;
  },
});

export const serviceMemberCommands = [serviceOpen];
export const serviceOperatorCommands = [
  serviceReply,
  serviceList,
  serviceDetail,
  serviceWait,
  serviceResolve,
  serviceRecolour,
  serviceTransfer,
  serviceStats,
  serviceOnDuty,
  serviceOffDuty,
  serviceDedicate,
];
