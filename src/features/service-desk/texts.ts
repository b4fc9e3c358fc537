// What members, agents and the owner read from the service desk. Chinese first, the English alias after " / ".
import { boundText, MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { COLOUR_LABELS, type Colour } from "./rules/colour.js";
import { SLA_LABELS, type SlaStatus } from "./rules/deadlines.js";
import type { Spread, TicketStats } from "./rules/ticket-stats.js";

/** A promise as people say it: 1小时, 30分钟, 90秒. */
export function spanText(ms: number): string {
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000}天`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}小时`;
  if (ms >= 60_000) return `${Math.round(ms / 6_000) / 10}分钟`;
  return `${Math.max(1, Math.round(ms / 1000))}秒`;
}

/** How 工单 统计 writes its figures; the console's 服务 page writes them the same way. */
export const statsFigure = {
  rate: (x?: number) => (x === undefined ? "—" : `${Math.round(x * 1000) / 10}%`),
  spread: (x: Spread) => (x.count === 0 ? "—" : `p50 ${spanText(x.p50!)} / p90 ${spanText(x.p90!)}`),
  csat: (x?: number) => (x === undefined ? "—" : (Math.round(x * 100) / 100).toString()),
};

const no = (id: number) => `T${id}`;
const colourWord = (colour: Colour) => `${COLOUR_LABELS[colour]}色`;
// A member's words quoted to an agent: the whole message (it is the agent's work), bounded.
// Cut never inside an emoji: a lone surrogate is no valid text for the database.
const quoted = (text: string) => {
  const bounded = boundText(text, 500);
  return bounded.truncated ? `${bounded.text}…` : text;
};

export interface TicketLine {
  id: number;
  colour: Colour;
  memberName: string;
  text: string;
  responseDueAt: Date;
  sla: SlaStatus;
}

export const serviceTexts = {
  // ── Members ──
  openedInRoom: (id: number) => `已为你创建工单 ${no(id)}，客服会私聊你。/ Ticket ${no(id)} opened; we will write to you privately.`,
  openedPrivately: (id: number, promiseMs: number, hasText: boolean) =>
    `已为你创建工单 ${no(id)}，客服会在 ${spanText(promiseMs)} 内回复你。${hasText ? "" : "请直接描述你的问题。"}/ Ticket ${no(id)} opened: an answer within ${spanText(promiseMs)}.`,
  alreadyOpen: (id: number) =>
    `你的工单 ${no(id)} 还在处理中，这条消息已加入工单。/ Your ticket ${no(id)} is open; this message was added to it.`,
  addedToTicket: (id: number) =>
    `你的消息已加入工单 ${no(id)}，客服会尽快回复。之后的消息也会转给客服。/ Added to ticket ${no(id)}; later messages will be too.`,
  agentReply: (id: number, text: string) => `【客服回复 ${no(id)}】${text}`,
  resolvedForMember: (id: number, note?: string) =>
    `工单 ${no(id)} 已解决${note ? `：${note}` : "。"}如还有问题，回复「客服」加上你的问题。/ Ticket ${no(id)} resolved.`,
  followupAsk: (id: number) =>
    `回访：工单 ${no(id)} 的服务你满意吗？请回复数字 1–5 评分（5 = 非常满意），也可以在数字后写上意见。/ Please rate ticket ${no(id)} from 1 to 5.`,
  ratingAgain: "请回复 1–5 之间的一个数字，例如「5」或「4 回复很快」。/ Please reply with a number from 1 to 5.",
  thanks: (score: number) => `感谢你的评分（${score} 分）！/ Thank you for rating.`,
  sorryReopened: (id: number) => `抱歉让你不满意。工单 ${no(id)} 已重新打开，负责人会尽快联系你。/ Sorry: ticket ${no(id)} is reopened.`,
  hint: "需要人工服务请回复「客服」加上你的问题，例如「客服 我的订单还没发货」；发送「帮助」查看可用命令。/ For a person, reply 客服 and your question; 帮助 lists the commands.",

  // ── Agents ──
  newTicket: (t: { id: number; colour: Colour; memberName: string; text: string; promiseMs: number; dedicated: boolean }) =>
    `新工单 ${no(t.id)}（${colourWord(t.colour)}，${spanText(t.promiseMs)}内回复${t.dedicated ? "，专属客户" : ""}）${t.memberName}：${t.text ? quoted(t.text) : "（未写描述）"}\n回复：回复 ${no(t.id)} 内容 / Reply with 回复 ${no(t.id)} text.`,
  memberWrote: (id: number, memberName: string, text: string) => `【${no(id)}】${memberName}：${quoted(text)}`,
  replied: (id: number, first: boolean) => `已回复 ${no(id)}${first ? "（首次响应已记录）" : ""}。/ Sent.`,
  noAgentOnDuty: (id: number) =>
    `没有客服在值班，工单 ${no(id)} 先交给你。可用「工单 转交 ${no(id)} @某人」转交。/ No agent on duty: ${no(id)} is yours.`,
  warn: (id: number, share: number, memberName: string, dueAt: Date, zone: string) =>
    `提醒：工单 ${no(id)}（${memberName}）已过响应时限的 ${share}%，请在 ${formatLocal(dueAt, zone, "HH:mm")} 前回复。/ ${share}% of the response window of ${no(id)} has passed.`,
  breach: (id: number, colour: Colour, memberName: string, assigneeName: string | undefined) =>
    `超时：工单 ${no(id)}（${colourWord(colour)}，${memberName}）未在承诺时间内响应，负责人：${assigneeName ?? "无"}。/ ${no(id)} breached its response promise.`,
  reopenedForOwner: (id: number, score: number, memberName: string, comment?: string) =>
    `工单 ${no(id)} 收到 ${score} 分评价（${memberName}${comment ? `：${quoted(comment)}` : ""}），已重新打开为黄色并交给你。/ Low rating: ${no(id)} reopened for you.`,
  transferredToYou: (id: number, fromName: string) =>
    `${fromName} 把工单 ${no(id)} 转交给你。发送「工单 详情 ${no(id)}」查看。/ ${no(id)} handed to you.`,
  transferred: (id: number, toName: string) => `工单 ${no(id)} 已转交给 ${toName}。/ Handed over.`,
  waiting: (id: number) => `工单 ${no(id)} 标记为等待客户，计时暂停；客户回复后继续。/ Waiting for the member: clock paused.`,
  alreadyWaiting: (id: number) => `工单 ${no(id)} 已经在等待客户。/ Already waiting.`,
  redNoPause: (id: number) => `红色工单 ${no(id)} 不能暂停计时。/ A red ticket's clock never pauses.`,
  resolved: (id: number) => `工单 ${no(id)} 已解决，${"回访"}会自动发出。/ Resolved; the follow-up goes out later.`,
  recoloured: (id: number, colour: Colour, dueAt: Date, zone: string) =>
    `工单 ${no(id)} 改为${colourWord(colour)}，响应截止 ${formatLocal(dueAt, zone)}。/ Colour changed.`,
  sameColour: (id: number, colour: Colour) => `工单 ${no(id)} 已经是${colourWord(colour)}。/ Unchanged.`,
  onDuty: "已值班：新工单会轮流分给值班客服。/ On duty.",
  offDuty: "已下班：不再分配新工单（专属客户的工单仍会给你）。/ Off duty.",
  dedicatedSet: (memberName: string, agentName: string) => `${memberName} 的专属客服现在是 ${agentName}。/ Dedicated agent set.`,
  notAnAgentRole: (name: string) => `${name} 不是运营，不能做客服。请先「授权 @${name} 运营」。/ Only operators can be agents.`,

  // ── Refusals ──
  notFound: (id: number) => `没有工单 ${no(id)}。/ No such ticket.`,
  notYours: (id: number) => `工单 ${no(id)} 不是你负责的。/ Not your ticket.`,
  closed: (id: number) => `工单 ${no(id)} 已经解决或关闭。/ The ticket is resolved or closed.`,
  badTicket: "请写工单号，如 T12 / ticket number like T12",
  badColour: "颜色只能是 红|黄|绿 / colour: 红, 黄 or 绿",

  // ── Lists and details ──
  list: (lines: readonly TicketLine[], zone: string) =>
    lines.length === 0
      ? "你没有未处理的工单。/ No open tickets."
      : `你的工单（按截止时间）/ Your tickets:\n${lines
          .map(
            (t) =>
              `${no(t.id)} ${COLOUR_LABELS[t.colour]} ${SLA_LABELS[t.sla]} 截止${formatLocal(t.responseDueAt, zone)} ${t.memberName}：${snippet(t.text, MAX_QUOTE)}`,
          )
          .join("\n")}`,
  detail: (
    t: {
      id: number;
      colour: Colour;
      status: string;
      memberName: string;
      assigneeName?: string;
      sla: SlaStatus;
      responseDueAt: Date;
      createdAt: Date;
      resolveDueAt: Date;
    },
    thread: ReadonlyArray<{ at: Date; who: string; text: string }>,
    zone: string,
  ) =>
    [
      `工单 ${no(t.id)}｜${colourWord(t.colour)}｜${STATUS_LABELS[t.status] ?? t.status}｜${SLA_LABELS[t.sla]}`,
      `客户：${t.memberName}；负责人：${t.assigneeName ?? "无"}；创建 ${formatLocal(t.createdAt, zone)}，响应截止 ${formatLocal(t.responseDueAt, zone)}，解决目标 ${formatLocal(t.resolveDueAt, zone)}`,
      ...thread.slice(-20).map((m) => `${formatLocal(m.at, zone, "MM-dd HH:mm")} ${m.who}：${quoted(m.text)}`),
    ].join("\n"),

  stats: (periods: ReadonlyArray<{ label: string; stats: TicketStats }>, agentName: (id: number) => string) =>
    periods
      .map(({ label, stats: s }) => {
        const pct = statsFigure.rate;
        const spread = statsFigure.spread;
        const lines = [
          `【${label}】新建 ${s.opened}（红 ${s.openedByColour.red} · 黄 ${s.openedByColour.yellow} · 绿 ${s.openedByColour.green}）`,
          `首次响应：红 ${spread(s.firstResponse.red)}；黄 ${spread(s.firstResponse.yellow)}；绿 ${spread(s.firstResponse.green)}`,
          `超时 ${s.breached}（${pct(s.breachRate)}）；解决用时 ${spread(s.resolution)}`,
          `满意度 ${statsFigure.csat(s.csat)}/5（${s.rated}/${s.asked} 回访有评分，${pct(s.responseRate)}）`,
          ...s.perAgent.map(
            (a) =>
              `  ${agentName(a.agentId)}：${a.tickets} 单，首响 ${spread(a.firstResponse)}，超时 ${a.breached}，满意度 ${statsFigure.csat(a.csat)}`,
          ),
        ];
        return lines.join("\n");
      })
      .join("\n"),
};

export const STATUS_LABELS: Record<string, string> = { open: "处理中", waiting: "等待客户", resolved: "已解决", closed: "已关闭" };
