// The console's 服务 page: the same figures as 工单 统计 (readTicketStats, one definition), the agents'
// names, each figure's definition in a sentence, and the open tickets by deadline.
import type { AppContext } from "../../kernel/app-context.js";
import { namesOf } from "./people.js";
import { readTicketStats } from "./read-ticket-stats.js";
import type { Colour } from "./rules/colour.js";
import { SLA_LABELS, type SlaStatus, slaStatus } from "./rules/deadlines.js";
import type { TicketStats } from "./rules/ticket-stats.js";
import { STATUS_LABELS } from "./texts.js";

const MAX_OPEN_LISTED = 200;

/** One sentence per figure of 工单 统计, shown beside it on the page. */
export const TICKET_METRIC_DEFINITIONS = {
  opened: "新建：这段时间内创建的工单数（按创建时间，今天 / 近 7 天 / 近 30 天，含今天），按颜色分。",
  firstResponse: "首次响应：从创建到客服第一次回复的用时，只算已回复的工单，按颜色取 p50 / p90（最近秩百分位）。",
  breachRate: "超时率：这些工单中首次响应超过时限（红 / 黄 / 绿的承诺）的工单 ÷ 新建工单。",
  resolution: "解决用时：从创建到标记解决的用时，只算已解决的工单，取 p50 / p90。",
  csat: "满意度：回访评分（1–5）的平均值；回复率 = 有评分的工单 ÷ 已发出回访的工单。",
  perAgent: "按客服：分给该客服的工单数、其首次响应 p50 / p90、超时数和满意度平均。",
} as const;

export interface OpenTicketRow {
  id: number;
  colour: Colour;
  status: string;
  statusLabel: string;
  sla: SlaStatus;
  slaLabel: string;
  memberName: string;
  assigneeName: string;
  responseDueAt: Date;
  resolveDueAt: Date;
  createdAt: Date;
}

export interface ServiceDeskView {
  computedAt: Date;
  periods: Array<{ label: string; stats: TicketStats }>;
  agentName: (id: number) => string;
  openTickets: OpenTicketRow[];
}

export async function readServiceDeskView(app: AppContext): Promise<ServiceDeskView> {
  const computedAt = app.clock.now();
  const [periods, open] = await Promise.all([
    readTicketStats(app),
    app.db.ticket.findMany({
      where: { status: { in: ["open", "waiting"] } },
      orderBy: [{ responseDueAt: "asc" }, { id: "asc" }],
      take: MAX_OPEN_LISTED,
    }),
  ]);
  const names = await namesOf(app, [
    ...periods.flatMap((p) => p.stats.perAgent.map((a) => a.agentId)),
    ...open.flatMap((t) => [t.memberId, ...(t.assigneeId === null ? [] : [t.assigneeId])]),
  ]);
  const agentName = (id: number) => names.get(id) ?? `#${id}`;
  return {
    computedAt,
    periods,
    agentName,
    openTickets: open.map((t) => {
      const sla = slaStatus(t);
      return {
        id: t.id,
        colour: t.colour,
        status: t.status,
        statusLabel: STATUS_LABELS[t.status] ?? t.status,
        sla,
        slaLabel: SLA_LABELS[sla],
        memberName: names.get(t.memberId) ?? "?",
        assigneeName: t.assigneeId === null ? "—" : agentName(t.assigneeId),
        responseDueAt: t.responseDueAt,
        resolveDueAt: t.resolveDueAt,
        createdAt: t.createdAt,
      };
    }),
  };
}
