// 会员分层, 社群, 会员 and 内容日历: read by the console feature's use cases, rendered here, each table
// with its CSV.
import type { FastifyInstance, FastifyReply } from "fastify";
import {
  formatFigure,
  layerName,
  readCachedView,
  readCalendar,
  readMemberProfile,
  searchMembers,
  toCsv,
} from "../features/console/index.js";
import type { AppContext } from "../kernel/app-context.js";
import { formatLocal } from "../kernel/time/zone.js";
import type { Authenticate } from "./console-auth.js";
import { html, jsonForScript } from "./html.js";
import { layout, messagePage, table } from "./pages.js";

export interface PageTools {
  authenticate: Authenticate;
  sendHtml(reply: FastifyReply, code: number, body: string): FastifyReply;
  sendCsv(reply: FastifyReply, name: string, csv: string): FastifyReply;
}

const pct = (rate: number) => formatFigure("ratio", rate);
const KIND_LABELS: Record<string, string> = { article: "种草文章", live: "直播", interaction: "社群互动" };

export function registerExtraPages(scope: FastifyInstance, app: AppContext, { authenticate, sendHtml, sendCsv }: PageTools): void {
  const zone = app.config.timeZone;

  scope.get("/layers", async (request, reply) => {
    const auth = await authenticate(request, reply);
    if (!auth) return reply;
    const { value: view } = await readCachedView(app, "layers");
    const chart = { days: view.months, series: Object.entries(view.byMonth).map(([layer, data]) => ({ name: layerName(layer), data })) };
    const body = html`<p class="definition">分层由 RFM 每日重算（最近购买、次数、金额）；历史人数由分层变化累计得出；流失率 = 当月从该层变为「流失」的人数 ÷ 月初该层人数；复购率 = 该层（按现在的分层）当月有付款订单的会员 ÷ 该层现有人数；周活跃率 = 一周内发过消息的会员 ÷ 全部会员。</p>
<section><h2>各层人数 Members per layer</h2>${table(
      ["分层", "人数"],
      view.current.map((c) => [layerName(c.layer), c.members]),
      { csv: "/console/export/layers.csv", id: "layers" },
    )}
<div class="chart" data-chart="lines"></div><script type="application/json" id="chart-lines">${jsonForScript(chart)}</script></section>
<section><h2>迁移矩阵 Transitions（本月与上月）</h2>${table(
      ["月份", "从", "到", "人数"],
      view.transitions.map((t) => [t.month, layerName(t.from), layerName(t.to), t.members]),
      { csv: "/console/export/transitions.csv" },
    )}</section>
<section><h2>复购率与流失率 Repurchase and churn per layer</h2>${table(
      ["月份", "分层", "月初人数", "转为流失", "流失率", "当月购买", "复购率"],
      view.churn.map((c) => [c.month, layerName(c.layer), c.size, c.moved, pct(c.rate), c.buyers, pct(c.repurchase)]),
      { id: "churn" },
    )}</section>
<section><h2>周活跃率 Weekly active rate</h2>${table(
      ["周", "活跃会员", "会员", "周活跃率"],
      view.weeklyActive.map((w) => [w.week, w.active, w.members, pct(w.rate)]),
    )}</section>`;
    return sendHtml(reply, 200, layout(auth.page, "/console/layers", "会员分层 Layers", body, { computedAt: view.computedAt }));
  });

  scope.get("/export/layers.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    const { value: view } = await readCachedView(app, "layers");
    return sendCsv(
      reply,
      "layers.csv",
      toCsv(
        ["分层", "人数"],
        view.current.map((c) => [layerName(c.layer), c.members]),
      ),
    );
  });
  scope.get("/export/transitions.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    const { value: view } = await readCachedView(app, "layers");
    return sendCsv(
      reply,
      "transitions.csv",
      toCsv(
        ["月份", "从", "到", "人数"],
        view.transitions.map((t) => [t.month, layerName(t.from), layerName(t.to), t.members]),
      ),
    );
  });

  scope.get("/groups", async (request, reply) => {
    const auth = await authenticate(request, reply);
    if (!auth) return reply;
    const { value: view } = await readCachedView(app, "groups");
    const body = html`<p class="definition">周活跃率 = 近 7 天发过消息的群成员 ÷ 群成员；日均消息 = 这些成员近 7 天的消息数 ÷ 7（按成员计，成员在多个群时各群都算）；成交额 = 发到该群的秒杀、拼团的已付款订单。点表头排序。</p>
${table(
  ["群", "成员", "周活跃", "周活跃率", "日均消息", "成交额", "账号"],
  view.rooms.map((r) => [
    r.topic,
    r.members,
    r.activeWeek,
    pct(r.activeRate),
    r.messagesPerDay.toFixed(1),
    formatFigure("money", r.salesCents),
    r.accounts,
  ]),
  { csv: "/console/export/groups.csv", id: "groups" },
)}`;
    return sendHtml(reply, 200, layout(auth.page, "/console/groups", "社群 Groups", body, { computedAt: view.computedAt }));
  });
  scope.get("/export/groups.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    const { value: view } = await readCachedView(app, "groups");
    return sendCsv(
      reply,
      "groups.csv",
      toCsv(
        ["群", "成员", "周活跃", "周活跃率", "日均消息", "成交额（分）", "账号"],
        view.rooms.map((r) => [
          r.topic,
          r.members,
          r.activeWeek,
          r.activeRate.toFixed(4),
          r.messagesPerDay.toFixed(1),
          r.salesCents,
          r.accounts,
        ]),
      ),
    );
  });

  scope.get("/members", async (request, reply) => {
    const auth = await authenticate(request, reply);
    if (!auth) return reply;
    const q = String((request.query as { q?: unknown }).q ?? "").slice(0, 40);
    const found = await searchMembers(app, q);
    const body = html`<form method="get" action="/console/members"><input name="q" value="${q}" placeholder="昵称或微信号" maxlength="40"><button type="submit">搜索 Search</button></form>
${
  q === ""
    ? html`<p class="empty">输入昵称搜索会员。</p>`
    : table(
        ["会员", "微信号", "首次出现", "退订"],
        found.map((m) => [
          html`<a href="/console/members/${m.id}">${m.name}</a>`,
          m.wechatId,
          formatLocal(m.firstSeenAt, zone, "yyyy-MM-dd"),
          m.optedOutAt ? "已退订" : "",
        ]),
        { csv: `/console/export/members.csv?q=${encodeURIComponent(q)}`, id: "members" },
      )
}`;
    return sendHtml(reply, 200, layout(auth.page, "/console/members", "会员 Members", body, { computedAt: app.clock.now() }));
  });
  scope.get("/export/members.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    const found = await searchMembers(app, String((request.query as { q?: unknown }).q ?? ""));
    return sendCsv(
      reply,
      "members.csv",
      toCsv(
        ["编号", "会员", "微信号", "首次出现", "退订"],
        found.map((m) => [m.id, m.name, m.wechatId, m.firstSeenAt, m.optedOutAt]),
      ),
    );
  });

  scope.get("/members/:id", async (request, reply) => {
    const auth = await authenticate(request, reply);
    if (!auth) return reply;
    const id = Number((request.params as { id: string }).id);
    const profile = Number.isInteger(id) && id > 0 && id < 2_000_000_000 ? await readMemberProfile(app, id) : undefined;
    if (!profile) return sendHtml(reply, 404, messagePage("没有这个会员 / Not found", "这个会员不存在。"));
    const { member, tags, rfm, layers, orders, coupons, deliveries } = profile;
    const body = html`<p>微信号 ${member.wechatId} · 首次出现 ${formatLocal(member.firstSeenAt, zone, "yyyy-MM-dd")} · ${member.optedOutAt ? html`<b>已退订 opted out ${formatLocal(member.optedOutAt, zone, "yyyy-MM-dd")}</b>` : "接收推送"}
 · 分层 <b>${rfm ? layerName(rfm.layer) : "—"}</b>${rfm ? ` · ${rfm.orders} 单 · ${formatFigure("money", Number(rfm.monetaryCents))}` : ""}</p>
<p>标签 tags：${tags.map((t) => `${t.tag.name}(${t.source})`).join("、") || "—"}</p>
<section><h2>分层历史 Layer history</h2>${table(
      ["时间", "从", "到"],
      layers.map((l) => [formatLocal(l.changedAt, zone, "yyyy-MM-dd"), layerName(l.fromLayer), layerName(l.toLayer)]),
    )}</section>
<section><h2>订单 Orders</h2>${table(
      ["订单号", "来源", "金额", "状态", "下单", "付款"],
      orders.map((o) => [
        o.orderNo,
        o.source,
        formatFigure("money", o.amountCents),
        o.status,
        formatLocal(o.placedAt, zone),
        o.paidAt ? formatLocal(o.paidAt, zone) : "",
      ]),
    )}</section>
<section><h2>券 Coupons</h2>${table(
      ["券", "来源", "发放", "到期", "核销"],
      coupons.map((c) => [
        c.template.name,
        c.campaign ?? "",
        formatLocal(c.issuedAt, zone),
        formatLocal(c.expiresAt, zone),
        c.redeemedAt ? formatLocal(c.redeemedAt, zone) : "",
      ]),
    )}</section>
<section><h2>消息 Deliveries</h2>${table(
      ["时间", "类型", "活动", "状态", "原因"],
      deliveries.map((d) => [formatLocal(d.createdAt, zone), d.kind, d.campaign ?? "", d.status, d.reason ?? ""]),
    )}</section>`;
    return sendHtml(reply, 200, layout(auth.page, "/console/members", `会员 ${member.name}`, body, { computedAt: app.clock.now() }));
  });

  scope.get("/calendar", async (request, reply) => {
    const auth = await authenticate(request, reply);
    if (!auth) return reply;
    const view = await readCalendar(app);
    const rhythm = Object.entries(view.plan).map(([kind, planned]) => {
      const have = view.counts[kind] ?? 0;
      return [
        KIND_LABELS[kind] ?? kind,
        planned,
        have,
        have < (planned ?? 0) ? html`<span class="gap">缺 ${(planned ?? 0) - have}</span>` : "✓",
      ];
    });
    const body = html`<p class="definition">节奏 rhythm：每周 ${Object.entries(view.plan)
      .map(([k, n]) => `${n} 个${KIND_LABELS[k] ?? k}`)
      .join("、")}（每个目标群组）。本周从 ${formatLocal(view.from, zone, "yyyy-MM-dd")} 起。</p>
<section><h2>本周对照节奏 This week against the rhythm</h2>${table(["类型", "计划", "已排", "缺口"], rhythm, { id: "rhythm" })}</section>
<section><h2>本周内容 This week</h2>${table(
      ["时间", "类型", "标题"],
      view.occurrences.map((o) => [formatLocal(o.at, zone, "MM-dd ccc HH:mm"), KIND_LABELS[o.item.kind] ?? o.item.kind, o.item.title]),
      { csv: "/console/export/calendar.csv" },
    )}</section>
<section><h2>下周缺口 Next week's gaps</h2><pre>${view.nextGaps ?? "下周按节奏已排满。"}</pre></section>`;
    return sendHtml(reply, 200, layout(auth.page, "/console/calendar", "内容日历 Calendar", body, { computedAt: app.clock.now() }));
  });
  scope.get("/export/calendar.csv", async (request, reply) => {
    if (!(await authenticate(request, reply))) return reply;
    const view = await readCalendar(app);
    return sendCsv(
      reply,
      "calendar.csv",
      toCsv(
        ["时间", "类型", "标题"],
        view.occurrences.map((o) => [o.at, o.item.kind, o.item.title]),
      ),
    );
  });
}
