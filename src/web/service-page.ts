// 服务 Service: the service desk's figures for today, 7 days and 30 days, read by the same use case as
// 工单 统计 and written the same way, each with its definition; the open tickets by deadline. Tables
// export CSV.
import type { FastifyInstance } from "fastify";
import { toCsv } from "../features/console/index.js";
import {
  COLOUR_LABELS,
  COLOURS,
  TICKET_METRIC_DEFINITIONS as DEF,
  readServiceDeskView,
  type ServiceDeskView,
  statsFigure,
} from "../features/service-desk/index.js";
import type { AppContext } from "../kernel/app-context.js";
import { formatLocal } from "../kernel/time/zone.js";
import type { PageTools } from "./extra-pages.js";
import { html } from "./html.js";
import { layout, table } from "./pages.js";

const METRIC_HEADER = ["指标", "今天", "7天", "30天", "定义"];

/** The figures' rows: label, one cell per period, the definition. */
function metricRows(view: ServiceDeskView): string[][] {
  const per = (figure: (s: ServiceDeskView["periods"][number]["stats"]) => string) => view.periods.map((p) => figure(p.stats));
  return [
    ["新建 Opened", ...per((s) => String(s.opened)), DEF.opened],
    ...COLOURS.map((c) => [`新建·${COLOUR_LABELS[c]}`, ...per((s) => String(s.openedByColour[c])), DEF.opened]),
    ...COLOURS.map((c) => [`首次响应·${COLOUR_LABELS[c]}`, ...per((s) => statsFigure.spread(s.firstResponse[c])), DEF.firstResponse]),
    ["超时 Breached", ...per((s) => `${s.breached}（${statsFigure.rate(s.breachRate)}）`), DEF.breachRate],
    ["解决用时 Resolution", ...per((s) => statsFigure.spread(s.resolution)), DEF.resolution],
    ["满意度 CSAT", ...per((s) => `${statsFigure.csat(s.csat)}/5`), DEF.csat],
    ["回访回复率 Response rate", ...per((s) => `${s.rated}/${s.asked}（${statsFigure.rate(s.responseRate)}）`), DEF.csat],
  ];
}

const AGENT_HEADER = ["期间", "客服", "工单", "首次响应", "超时", "满意度"];

function agentRows(view: ServiceDeskView): string[][] {
  return view.periods.flatMap(({ label, stats }) =>
    stats.perAgent.map((a) => [
      label,
      view.agentName(a.agentId),
      String(a.tickets),
      statsFigure.spread(a.firstResponse),
      String(a.breached),
      statsFigure.csat(a.csat),
    ]),
  );
}

const TICKET_HEADER = ["工单", "颜色", "状态", "时限", "客户", "负责人", "创建", "响应截止", "解决目标"];

function ticketRows(view: ServiceDeskView, zone: string): string[][] {
  return view.openTickets.map((t) => [
    `T${t.id}`,
    COLOUR_LABELS[t.colour],
    t.statusLabel,
    t.slaLabel,
    t.memberName,
    t.assigneeName,
    formatLocal(t.createdAt, zone),
    formatLocal(t.responseDueAt, zone),
    formatLocal(t.resolveDueAt, zone),
  ]);
}

export function registerServicePage(scope: FastifyInstance, app: AppContext, { authenticate, sendHtml, sendCsv }: PageTools): void {
  const zone = app.config.timeZone;

  scope.get("/service", async (request, reply) => {
    const auth = await authenticate(request, reply);
    if (!auth) return reply;
    const view = await readServiceDeskView(app);
    const body = html`<p class="definition">与聊天命令「工单 统计」同一定义、同一计算：按工单创建时间分期（今天 / 近 7 天 / 近 30 天，按 ${zone} 的日历日）。</p>
<section><h2>工单统计 Ticket statistics</h2>${table(METRIC_HEADER, metricRows(view), { csv: "/console/export/service.csv", id: "service-metrics" })}</section>
<section><h2>按客服 Per agent</h2><p class="definition">${DEF.perAgent}</p>${table(AGENT_HEADER, agentRows(view), {
      csv: "/console/export/service-agents.csv",
      id: "service-agents",
    })}</section>
<section><h2>未结工单 Open tickets（按响应截止 by deadline）</h2><p class="definition">处理中和等待客户的工单，响应截止最早的在前（最多 200 条）；时限状态按 已超时 &gt; 暂停 &gt; 待回复 &gt; 已响应 的先后。</p>${table(
      TICKET_HEADER,
      ticketRows(view, zone),
      { csv: "/console/export/service-tickets.csv", id: "service-tickets" },
    )}</section>`;
    return sendHtml(reply, 200, layout(auth.page, "/console/service", "服务 Service", body, { computedAt: view.computedAt }));
  });

  scope.get("/export/service.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    return sendCsv(reply, "service.csv", toCsv(METRIC_HEADER, metricRows(await readServiceDeskView(app))));
  });
  scope.get("/export/service-agents.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    return sendCsv(reply, "service-agents.csv", toCsv(AGENT_HEADER, agentRows(await readServiceDeskView(app))));
  });
  scope.get("/export/service-tickets.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    return sendCsv(reply, "service-tickets.csv", toCsv(TICKET_HEADER, ticketRows(await readServiceDeskView(app), zone)));
  });
}
