// The console's pages (server-rendered). Each page is a function of what its use case read; the layout
// holds the navigation (what the member's role may open), the session's CSRF token for forms, and the
// time the figures were computed.
import {
  CAMPAIGN_KIND_LABELS,
  type CampaignDetail,
  type CampaignFunnel,
  formatChange,
  formatFigure,
  KEY_METRICS,
  mayRunAction,
  metricByKey,
  type Overview,
  skippedTotal,
} from "../features/console/index.js";
import type { Role } from "../kernel/commands/roles.js";
import { hasRole, ROLE_LABELS } from "../kernel/commands/roles.js";
import { formatLocal } from "../kernel/time/zone.js";
import { html, jsonForScript, type Raw, raw } from "./html.js";

export interface PageContext {
  memberName: string;
  role: Role;
  csrfToken: string;
  zone: string;
  /** A message after an action (from the redirect's query). */
  notice?: string;
}

export const NAV: ReadonlyArray<{ path: string; label: string; minRole: Role }> = [
  { path: "/console", label: "总览 Overview", minRole: "operator" },
  { path: "/console/campaigns", label: "活动 Campaigns", minRole: "operator" },
  { path: "/console/layers", label: "会员分层 Layers", minRole: "operator" },
  { path: "/console/groups", label: "社群 Groups", minRole: "operator" },
  { path: "/console/members", label: "会员 Members", minRole: "operator" },
  { path: "/console/calendar", label: "内容日历 Calendar", minRole: "operator" },
  { path: "/console/service", label: "服务 Service", minRole: "operator" },
  { path: "/console/queues", label: "队列 Queues", minRole: "admin" },
];

function shell(title: string, body: Raw, options: { refreshSeconds?: number; scripts?: boolean } = {}): string {
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${options.refreshSeconds ? raw(`<meta http-equiv="refresh" content="${options.refreshSeconds}">`) : ""}
<title>${title} · 思域后台</title><link rel="stylesheet" href="/console/assets/console.css"></head>
<body>${body}
${options.scripts ? raw('<script src="/console/assets/echarts.min.js"></script><script src="/console/assets/console.js"></script>') : ""}
</body></html>`.value;
}

export function layout(
  ctx: PageContext,
  active: string,
  title: string,
  body: Raw,
  options: { refreshSeconds?: number; computedAt?: Date } = {},
) {
  const nav = NAV.filter((item) => hasRole(ctx.role, item.minRole)).map(
    (item) => html`<a href="${item.path}" class="${item.path === active ? "active" : ""}">${item.label}</a>`,
  );
  return shell(
    title,
    html`<header><strong>思域后台</strong><nav>${nav}</nav>
<form method="post" action="/console/logout" class="logout"><input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<span>${ctx.memberName}（${ROLE_LABELS[ctx.role]}）</span><button type="submit">退出</button></form></header>
<main><h1>${title}</h1>
${options.computedAt ? html`<p class="computed">计算于 computed at <time id="computed-at">${formatLocal(options.computedAt, ctx.zone, "yyyy-MM-dd HH:mm:ss")}</time>${options.refreshSeconds ? html`（每 ${options.refreshSeconds} 秒自动刷新）` : ""}</p>` : ""}
${ctx.notice ? html`<p class="notice" role="status">${ctx.notice}</p>` : ""}
${body}</main>`,
    { refreshSeconds: options.refreshSeconds, scripts: true },
  );
}

/** A page for someone without a session, or a refused code: clear words, a way forward, no stack trace. */
export function messagePage(title: string, message: string, extra: Raw = raw("")): string {
  return shell(
    title,
    html`<main class="narrow"><h1>${title}</h1><p>${message}</p>${extra}
<p class="hint">在微信里私聊机器人发送「后台」（#console）获取新的登录链接。/ Send 后台 (#console) to the bot in a private chat for a new login link.</p></main>`,
  );
}

export function loginConfirmPage(code: string): string {
  return shell(
    "登录",
    html`<main class="narrow"><h1>登录思域后台 / Log in</h1><p>这个链接只能用一次，5 分钟内有效。/ This link works once.</p>
<form method="post" action="/console/login"><input type="hidden" name="code" value="${code}"><button type="submit" id="login">登录 / Log in</button></form></main>`,
  );
}

const figureCell = (key: (typeof KEY_METRICS)[number], overview: Overview) => {
  const metric = metricByKey(key);
  const today = overview.today[key];
  return html`<div class="card" data-metric="${key}" data-value="${today}" title="${metric.definition}">
<div class="name">${metric.name}</div><div class="value">${formatFigure(metric.format, today)}</div>
<div class="compare">昨日 ${formatFigure(metric.format, overview.yesterday[key])} <b>${formatChange(today, overview.yesterday[key])}</b>
 · 上周同日 ${formatFigure(metric.format, overview.lastWeek[key])} <b>${formatChange(today, overview.lastWeek[key])}</b></div>
<div class="definition">${metric.definition}</div></div>`;
};

export function overviewPage(ctx: PageContext, overview: Overview, refreshSeconds: number): string {
  const chart = {
    days: overview.days.map((d) => d.day.slice(5)),
    series: [
      { name: "成交额（元）", data: overview.days.map((d) => d.gmvCents / 100) },
      { name: "付款订单", data: overview.days.map((d) => d.paidOrders) },
    ],
  };
  const hours = {
    days: overview.hours.map((h) => h.hour),
    series: [
      { name: "成交额（元）", data: overview.hours.map((h) => h.gmvCents / 100) },
      { name: "付款订单", data: overview.hours.map((h) => h.paidOrders) },
    ],
  };
  const body = html`<section class="cards">${KEY_METRICS.map((key) => figureCell(key, overview))}</section>
<section><h2>今日每小时 Today by the hour</h2><p class="definition">每小时汇总，每分钟更新一次。/ The hourly rollup, refreshed every minute.</p><div class="chart" data-chart="hours"></div><script type="application/json" id="chart-hours">${jsonForScript(hours)}</script></section>
<section><h2>近 30 天 Last 30 days</h2><div class="chart" data-chart="overview"></div><script type="application/json" id="chart-overview">${jsonForScript(chart)}</script></section>
<section><h2>进行中的秒杀 Running flash sales</h2>${
    overview.flashSales.length === 0
      ? html`<p class="empty">现在没有进行中的秒杀。</p>`
      : table(
          ["编号", "商品", "库存", "剩余", "每分钟抢购", "结束"],
          overview.flashSales.map((s) => [s.id, s.product, s.stock, s.left, s.grabsLastMinute, formatLocal(s.endsAt, ctx.zone)]),
        )
  }</section>
<section><h2>进行中的拼团 Open group-buys</h2>${
    overview.groupBuys.length === 0
      ? html`<p class="empty">现在没有进行中的拼团。</p>`
      : table(
          ["编号", "商品", "成团人数", "已成团", "进行中", "截止"],
          overview.groupBuys.map((g) => [g.id, g.product, g.teamSize, g.teamsFormed, g.teamsOpen, formatLocal(g.deadline, ctx.zone)]),
        )
  }</section>`;
  return layout(ctx, "/console", "总览 Overview", body, { refreshSeconds, computedAt: overview.computedAt });
}

/** A sortable table (console.js sorts by a header click); cells are escaped. */
export function table(header: readonly string[], rows: readonly (readonly unknown[])[], options: { csv?: string; id?: string } = {}): Raw {
  return html`${options.csv ? html`<p><a class="csv" href="${options.csv}" download>导出 CSV / Export</a></p>` : ""}
<table class="sortable"${options.id ? raw(` id="${options.id}"`) : ""}><thead><tr>${header.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table>`;
}

const skippedText = (skipped: Record<string, number>) =>
  Object.entries(skipped)
    .map(([reason, n]) => `${reason} ${n}`)
    .join("，") || "0";

export function funnelRow(f: CampaignFunnel): unknown[] {
  return [
    html`<a href="/console/campaigns/${f.key}">${CAMPAIGN_KIND_LABELS[f.kind]} #${f.id}</a>`,
    f.title,
    f.status,
    f.targeted,
    f.sent,
    skippedTotal(f),
    f.claimed,
    f.redeemed,
    formatFigure("money", f.revenueCents),
    f.liftPoints === undefined ? "" : `${f.liftPoints.toFixed(1)} pp`,
  ];
}

export const FUNNEL_HEADER = ["活动", "名称", "状态", "目标", "已发", "跳过", "领取/抢购", "核销/付款", "收入", "召回提升"];

export function campaignsPage(ctx: PageContext, funnels: CampaignFunnel[], computedAt: Date): string {
  const body = html`<p class="definition">漏斗 funnel：目标 targeted → 已发 sent → 跳过 skipped（按原因）→ 领取 claimed（券、抢购、拼团席位）→ 核销 redeemed（券核销、付款订单）→ 收入 revenue（这些订单的已付款金额）。召回提升：对照组之外的复购率减对照组的（百分点）。</p>
${table(FUNNEL_HEADER, funnels.map(funnelRow), { csv: "/console/export/campaigns.csv", id: "campaigns" })}`;
  return layout(ctx, "/console/campaigns", "活动 Campaigns", body, { computedAt });
}

function actionButton(ctx: PageContext, action: Parameters<typeof mayRunAction>[1], id: number, label: string, back: string) {
  if (!mayRunAction(ctx.role, action)) return "";
  return html`<form method="post" action="/console/actions" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="action" value="${action}"><input type="hidden" name="id" value="${id}"><input type="hidden" name="back" value="${back}">
<button type="submit" data-action="${action}">${label}</button></form>`;
}

export function campaignPage(ctx: PageContext, detail: CampaignDetail): string {
  const f = detail.funnel;
  const back = `/console/campaigns/${f.key}`;
  const buttons =
    f.kind === "push"
      ? [
          actionButton(ctx, "push.confirm", f.id, "确认 Confirm", back),
          actionButton(ctx, "push.pause", f.id, "暂停 Pause", back),
          actionButton(ctx, "push.resume", f.id, "继续 Resume", back),
          actionButton(ctx, "push.cancel", f.id, "取消 Cancel", back),
        ]
      : f.kind === "flash"
        ? [actionButton(ctx, "flash.cancel", f.id, "取消秒杀 Cancel", back)]
        : [];
  const steps = [
    ["目标 targeted", f.targeted],
    ["已发 sent", f.sent],
    ["跳过 skipped", skippedTotal(f)],
    ["领取 claimed", f.claimed],
    ["核销 redeemed", f.redeemed],
  ];
  const chart = { steps: steps.map(([name, value]) => ({ name, value })) };
  const body = html`<p>状态 status：<b id="campaign-status">${f.status}</b> · 开始 ${formatLocal(f.startedAt, ctx.zone)} · 收入 revenue <b>${formatFigure("money", f.revenueCents)}</b>${
    f.liftPoints === undefined ? "" : html` · 召回提升 lift <b>${f.liftPoints.toFixed(1)} pp</b>`
  }</p>
<div class="actions">${buttons}</div>
<section><h2>漏斗 Funnel</h2><div class="chart" data-chart="funnel"></div><script type="application/json" id="chart-funnel">${jsonForScript(chart)}</script>
${table(
  ["步骤", "人数"],
  steps.map(([name, value]) => [name, value]),
  { id: "funnel" },
)}
<p>跳过原因 skipped by reason：${skippedText(f.skipped)}</p></section>
<section><h2>时间线 Timeline</h2>${table(
    ["时间", "事件", "数量"],
    detail.timeline.map((t) => [formatLocal(t.at, ctx.zone, "MM-dd HH:mm"), t.what, t.count ?? ""]),
    { csv: `/console/export/campaign-${f.key.replace(":", "-")}.csv` },
  )}</section>`;
  return layout(ctx, "/console/campaigns", `${CAMPAIGN_KIND_LABELS[f.kind]} #${f.id} ${f.title}`, body, { computedAt: new Date() });
}
