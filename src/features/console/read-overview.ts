import { DateTime } from "luxon";
import type { AppContext } from "../../kernel/app-context.js";
import { type Counted, measureWindow, zeroCounted } from "./measure-metrics.js";
import { type Figures, withDerived } from "./metrics.js";

export interface RunningFlashSale {
  id: number;
  product: string;
  stock: number;
  left: number;
  grabsLastMinute: number;
  endsAt: Date;
}

export interface OpenGroupBuy {
  id: number;
  product: string;
  teamSize: number;
  teamsFormed: number;
  teamsOpen: number;
  deadline: Date;
}

export interface Overview {
  /** When the figures were computed (today's live; the comparisons' rollup rows). */
  computedAt: Date;
  today: Figures;
  yesterday: Figures;
  lastWeek: Figures;
  /** The last 30 days, oldest first, today included (live). */
  days: Array<{ day: string; gmvCents: number; paidOrders: number }>;
  /** Today's hours so far (the hourly rollup, refreshed every minute), local "HH:00". */
  hours: Array<{ hour: string; gmvCents: number; paidOrders: number }>;
  flashSales: RunningFlashSale[];
  groupBuys: OpenGroupBuy[];
}

const fromRow = (row: {
  gmvCents: bigint;
  paidOrders: number;
  buyers: number;
  attributedOrders: number;
  membersReached: number;
  couponClaims: number;
  couponRedemptions: number;
}): Counted => ({
  gmvCents: Number(row.gmvCents),
  paidOrders: row.paidOrders,
  buyers: row.buyers,
  attributedOrders: row.attributedOrders,
  membersReached: row.membersReached,
  couponClaims: row.couponClaims,
  couponRedemptions: row.couponRedemptions,
});

/**
 * Today's figures (live: the metrics' SQL over today so far, on indexed times), yesterday's and the same
 * weekday last week's (from the daily rollup, whole days), the last 30 days (rollup), the running flash
 * sales and open group-buys. What 总览 shows and 看板 tells.
 */
export async function readOverview(app: AppContext, at: Date = app.clock.now()): Promise<Overview> {
  const zone = app.config.timeZone;
  const start = DateTime.fromJSDate(at, { zone }).startOf("day");
  const [today, rollup, flashSales, groupBuys, hourRows] = await Promise.all([
    measureWindow(app, start.toJSDate(), at),
    app.db.consoleDailyMetric.findMany({
      where: {
        day: { gte: new Date(`${start.minus({ days: 29 }).toISODate()}T00:00:00Z`), lt: new Date(`${start.toISODate()}T00:00:00Z`) },
      },
      orderBy: { day: "asc" },
    }),
    readRunningFlashSales(app, at),
    readOpenGroupBuys(app, at),
    app.db.consoleHourlyMetric.findMany({ where: { hour: { gte: start.toJSDate(), lte: at } }, orderBy: { hour: "asc" } }),
  ]);
  const byDay = new Map(rollup.map((row) => [row.day.toISOString().slice(0, 10), fromRow(row)]));
  const days: Overview["days"] = [];
  for (let i = 29; i >= 1; i--) {
    const day = start.minus({ days: i }).toISODate()!;
    const c = byDay.get(day) ?? zeroCounted();
    days.push({ day, gmvCents: c.gmvCents, paidOrders: c.paidOrders });
  }
  days.push({ day: start.toISODate()!, gmvCents: today.gmvCents, paidOrders: today.paidOrders });
  return {
    computedAt: at,
    today: withDerived(today),
    yesterday: withDerived(byDay.get(start.minus({ days: 1 }).toISODate()!) ?? zeroCounted()),
    lastWeek: withDerived(byDay.get(start.minus({ days: 7 }).toISODate()!) ?? zeroCounted()),
    days,
    hours: hourRows.map((h) => ({
      hour: DateTime.fromJSDate(h.hour, { zone }).toFormat("HH:00"),
      gmvCents: Number(h.gmvCents),
      paidOrders: h.paidOrders,
    })),
    flashSales,
    groupBuys,
  };
}

async function readRunningFlashSales(app: AppContext, at: Date): Promise<RunningFlashSale[]> {
  const rows = await app.db.$queryRaw<Array<{ id: number; product: string; stock: number; taken: number; grabs: number; ends_at: Date }>>`
    select f.id, f.product, f.stock, f.ends_at,
           (select count(*)::int from orders o where o.flash_sale_id = f.id and o.status in ('pending', 'paid')) as taken,
           (select count(*)::int from orders o where o.flash_sale_id = f.id and o.placed_at >= ${new Date(at.getTime() - 60_000)}) as grabs
      from flash_sales f
     where f.status = 'scheduled' and f.starts_at <= ${at} and f.ends_at > ${at}
     order by f.id`;
  return rows.map((r) => ({
    id: r.id,
    product: r.product,
    stock: r.stock,
    left: Math.max(0, r.stock - r.taken),
    grabsLastMinute: r.grabs,
    endsAt: r.ends_at,
  }));
}

async function readOpenGroupBuys(app: AppContext, at: Date): Promise<OpenGroupBuy[]> {
  const rows = await app.db.$queryRaw<
    Array<{ id: number; product: string; team_size: number; formed: number; open: number; deadline: Date }>
  >`
    select g.id, g.product, g.team_size, g.deadline,
           (select count(*)::int from group_buy_teams t where t.group_buy_id = g.id and t.status = 'complete') as formed,
           (select count(*)::int from group_buy_teams t where t.group_buy_id = g.id and t.status = 'open') as open
      from group_buys g
     where g.status = 'scheduled' and g.deadline > ${at}
     order by g.id`;
  return rows.map((r) => ({
    id: r.id,
    product: r.product,
    teamSize: r.team_size,
    teamsFormed: r.formed,
    teamsOpen: r.open,
    deadline: r.deadline,
  }));
}
