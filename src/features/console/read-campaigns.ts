// 活动: every push, win-back run, flash sale and group-buy with the same funnel — targeted → sent →
// skipped (by reason) → claimed → redeemed → revenue — read from their own rows (deliveries by campaign,
// coupons by campaign, orders by sale or team). The newest `limit` of each kind.

import type { AppContext } from "../../kernel/app-context.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { reportPush } from "../pushes/index.js";
import { readWinbackReport } from "../winback/index.js";

export type CampaignKind = "push" | "winback" | "flash" | "groupbuy";
export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = { push: "推送", winback: "召回", flash: "秒杀", groupbuy: "拼团" };

export interface CampaignFunnel {
  /** push:12, winback:3, flash:7, groupbuy:2 (the deliveries' campaign word, group-buys' their own). */
  key: string;
  kind: CampaignKind;
  id: number;
  title: string;
  status: string;
  startedAt: Date;
  targeted: number;
  sent: number;
  skipped: Record<string, number>;
  /** Coupons delivered (push, win-back), grabs (flash), seats taken (group-buy). */
  claimed: number;
  /** Coupons redeemed (push, win-back), paid orders (flash, group-buy). */
  redeemed: number;
  revenueCents: number;
  /** Win-back: treated − holdout repurchase, in percentage points. */
  liftPoints?: number;
}

const sumSkipped = (skipped: Record<string, number>) => Object.values(skipped).reduce((a, b) => a + b, 0);
export const skippedTotal = (funnel: CampaignFunnel) => sumSkipped(funnel.skipped);

async function deliveryCounts(app: AppContext, campaigns: string[]) {
  const out = new Map<string, { targeted: number; sent: number; skipped: Record<string, number> }>();
  if (campaigns.length === 0) return out;
  const rows = await app.db.$queryRaw<Array<{ campaign: string; status: string; reason: string | null; n: number }>>`
    select campaign, status::text as status, reason, count(*)::int as n from deliveries where campaign = any(${campaigns}) group by 1, 2, 3`;
  for (const row of rows) {
    const c = out.get(row.campaign) ?? { targeted: 0, sent: 0, skipped: {} };
    c.targeted += row.n;
    if (row.status === "sent") c.sent += row.n;
    if (row.status === "skipped") c.skipped[row.reason ?? "unknown"] = (c.skipped[row.reason ?? "unknown"] ?? 0) + row.n;
    out.set(row.campaign, c);
  }
  return out;
}

async function roomAudience(app: AppContext, roomIds: number[]): Promise<number> {
  if (roomIds.length === 0) return 0;
  const [row] = await app.db.$queryRaw<Array<{ n: number }>>`
    select count(distinct member_id)::int as n from room_members where room_id = any(${roomIds}) and left_at is null`;
  return row?.n ?? 0;
}

/** The newest `limit` campaigns of each kind, newest first. */
export async function listCampaigns(app: AppContext, limit = 30): Promise<CampaignFunnel[]> {
  const [pushes, runs, sales, groupBuys] = await Promise.all([
    app.db.push.findMany({ orderBy: { id: "desc" }, take: limit }),
    app.db.winbackRun.findMany({ orderBy: { id: "desc" }, take: limit }),
    app.db.flashSale.findMany({ orderBy: { id: "desc" }, take: limit }),
    app.db.groupBuy.findMany({ orderBy: { id: "desc" }, take: limit }),
  ]);
  return funnelsOf(app, { pushes, runs, sales, groupBuys });
}

export type Rows = {
  pushes: Awaited<ReturnType<AppContext["db"]["push"]["findMany"]>>;
  runs: Awaited<ReturnType<AppContext["db"]["winbackRun"]["findMany"]>>;
  sales: Awaited<ReturnType<AppContext["db"]["flashSale"]["findMany"]>>;
  groupBuys: Awaited<ReturnType<AppContext["db"]["groupBuy"]["findMany"]>>;
};

export async function funnelsOf(app: AppContext, { pushes, runs, sales, groupBuys }: Rows): Promise<CampaignFunnel[]> {
  const out: CampaignFunnel[] = [];
  for (const push of pushes) {
    const outcome = await reportPush(app, push.id);
    if (outcome.kind === "notFound") continue;
    const { report } = outcome;
    out.push({
      key: `push:${push.id}`,
      kind: "push",
      id: push.id,
      title: push.variants[0]?.slice(0, 40) ?? push.expression,
      status: push.status,
      startedAt: push.scheduledAt,
      targeted: Math.max(report.targeted, push.audienceCount),
      sent: report.sent,
      skipped: report.skipped,
      claimed: report.coupons.issued,
      redeemed: report.coupons.redeemed,
      revenueCents: report.coupons.revenueCents,
    });
  }
  const winbackDeliveries = await deliveryCounts(
    app,
    runs.map((r) => `winback:${r.id}`),
  );
  for (const run of runs) {
    const stored = run.report as {
      targeted?: number;
      couponsIssued?: number;
      redeemed?: number;
      revenueCents?: number;
      liftPoints?: number;
    } | null;
    const d = winbackDeliveries.get(`winback:${run.id}`) ?? { targeted: 0, sent: 0, skipped: {} };
    out.push({
      key: `winback:${run.id}`,
      kind: "winback",
      id: run.id,
      title: run.runKey,
      status: run.status,
      startedAt: run.startedAt,
      targeted: stored?.targeted ?? d.targeted,
      sent: d.sent,
      skipped: d.skipped,
      claimed: stored?.couponsIssued ?? 0,
      redeemed: stored?.redeemed ?? 0,
      revenueCents: stored?.revenueCents ?? 0,
      liftPoints: stored?.liftPoints,
    });
  }
  const flashDeliveries = await deliveryCounts(
    app,
    sales.map((s) => `flash:${s.id}`),
  );
  const flashOrders = sales.length
    ? await app.db.$queryRaw<Array<{ id: number; grabs: number; paid: number; revenue: bigint }>>`
        select flash_sale_id as id, count(*)::int as grabs, count(*) filter (where status = 'paid')::int as paid,
               coalesce(sum(amount_cents) filter (where status = 'paid'), 0)::bigint as revenue
          from orders where flash_sale_id = any(${sales.map((s) => s.id)}) group by 1`
    : [];
  for (const sale of sales) {
    const d = flashDeliveries.get(`flash:${sale.id}`) ?? { targeted: 0, sent: 0, skipped: {} };
    const o = flashOrders.find((r) => r.id === sale.id);
    out.push({
      key: `flash:${sale.id}`,
      kind: "flash",
      id: sale.id,
      title: sale.product,
      status: sale.status,
      startedAt: sale.startsAt,
      targeted: await roomAudience(app, sale.roomIds),
      sent: d.sent,
      skipped: d.skipped,
      claimed: o?.grabs ?? 0,
      redeemed: o?.paid ?? 0,
      revenueCents: Number(o?.revenue ?? 0),
    });
  }
  const gbOrders = groupBuys.length
    ? await app.db.$queryRaw<Array<{ id: number; seats: number; paid: number; revenue: bigint }>>`
        select g.id,
               (select count(*)::int from group_buy_seats s where s.group_buy_id = g.id) as seats,
               (select count(*)::int from orders o join group_buy_teams t on t.id = o.group_buy_team_id where t.group_buy_id = g.id and o.status = 'paid') as paid,
               (select coalesce(sum(o.amount_cents), 0)::bigint from orders o join group_buy_teams t on t.id = o.group_buy_team_id where t.group_buy_id = g.id and o.status = 'paid') as revenue
          from group_buys g where g.id = any(${groupBuys.map((g) => g.id)})`
    : [];
  const gbDeliveries = await deliveryCounts(
    app,
    groupBuys.map((g) => `groupbuy:${g.id}`),
  );
  for (const gb of groupBuys) {
    const d = gbDeliveries.get(`groupbuy:${gb.id}`) ?? { targeted: 0, sent: 0, skipped: {} };
    const o = gbOrders.find((r) => r.id === gb.id);
    out.push({
      key: `groupbuy:${gb.id}`,
      kind: "groupbuy",
      id: gb.id,
      title: gb.product,
      status: gb.status,
      startedAt: gb.createdAt,
      targeted: await roomAudience(app, gb.roomIds),
      sent: d.sent,
      skipped: d.skipped,
      claimed: o?.seats ?? 0,
      redeemed: o?.paid ?? 0,
      revenueCents: Number(o?.revenue ?? 0),
    });
  }
  return out.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

export interface CampaignDetail {
  funnel: CampaignFunnel;
  /** Deliveries by hour (sent, skipped, other) and the campaign's own moments. */
  timeline: Array<{ at: Date; what: string; count?: number }>;
}

/** One campaign's funnel and timeline; a win-back's report is read afresh (its lift). */
export async function readCampaign(app: AppContext, key: string): Promise<({ kind: "campaign" } & CampaignDetail) | NotFound> {
  const match = /^(push|winback|flash|groupbuy):(\d{1,9})$/.exec(key);
  if (!match) return notFound;
  const kind = match[1] as CampaignKind;
  const id = Number(match[2]);
  if (kind === "winback") await readWinbackReport(app, { runId: id, at: app.clock.now() }).catch(() => undefined);
  const one = { where: { id } };
  const [funnel] = await funnelsOf(app, {
    pushes: kind === "push" ? await app.db.push.findMany(one) : [],
    runs: kind === "winback" ? await app.db.winbackRun.findMany(one) : [],
    sales: kind === "flash" ? await app.db.flashSale.findMany(one) : [],
    groupBuys: kind === "groupbuy" ? await app.db.groupBuy.findMany(one) : [],
  });
  if (!funnel) return notFound;
  const hours = await app.db.$queryRaw<Array<{ hour: Date; status: string; n: number }>>`
    select date_trunc('hour', coalesce(sent_at, created_at)) as hour, status::text as status, count(*)::int as n
      from deliveries where campaign = ${key} group by 1, 2 order by 1`;
  const timeline: CampaignDetail["timeline"] = [{ at: funnel.startedAt, what: "开始 / start" }];
  for (const row of hours) timeline.push({ at: row.hour, what: row.status, count: row.n });
  return { kind: "campaign", funnel, timeline };
}
