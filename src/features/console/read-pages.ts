// What 会员分层, 社群, 会员 and 内容日历 read. Each is a few set-based queries on indexed columns,
// bounded (a search returns 50 members, a profile its latest 50 orders), so pages answer in well
// under a second at 500,000 members.
import { DateTime } from "luxon";
import type { AppContext } from "../../kernel/app-context.js";
import { readCalendarWeek } from "../calendar/index.js";
import { LAYERS } from "../rfm/index.js";

export const layerName = (key: string | null) => (key === null ? "（新）" : (LAYERS.find((l) => l.key === key)?.name ?? key));

export interface LayersView {
  computedAt: Date;
  /** Members per layer now (member_rfm). */
  current: Array<{ layer: string; members: number }>;
  /** Members per layer at each month's end, the last 12 months (from the layer changes). */
  months: string[];
  byMonth: Record<string, number[]>;
  /** This month's and last month's transitions: from → to → members. */
  transitions: Array<{ month: string; from: string | null; to: string; members: number }>;
  /**
   * Per layer and month: churn (moved to lost ÷ the layer's size at the month's start) and repurchase
   * (members of the layer, as it is now, with a paid order that month ÷ the layer's size now).
   */
  churn: Array<{ month: string; layer: string; rate: number; moved: number; size: number; buyers: number; repurchase: number }>;
  /** Members who sent a message in a week ÷ members, the last 12 weeks. */
  weeklyActive: Array<{ week: string; active: number; members: number; rate: number }>;
}

export async function readLayers(app: AppContext): Promise<LayersView> {
  const zone = app.config.timeZone;
  const now = app.clock.now();
  const thisMonth = DateTime.fromJSDate(now, { zone }).startOf("month");
  const first = thisMonth.minus({ months: 11 });
  const months = Array.from({ length: 12 }, (_, i) => first.plus({ months: i }).toFormat("yyyy-MM"));
  const [current, net, transitions, weekly, members, buyers] = await Promise.all([
    app.db.$queryRaw<Array<{ layer: string; n: number }>>`select layer, count(*)::int as n from member_rfm group by 1 order by 1`,
    // Net movements per month and layer: +1 into to_layer, −1 out of from_layer.
    app.db.$queryRaw<Array<{ month: string; layer: string; delta: number }>>`
      select to_char(changed_at at time zone ${zone}, 'YYYY-MM') as month, layer, sum(delta)::int as delta from (
        select changed_at, to_layer as layer, 1 as delta from layer_changes
        union all select changed_at, from_layer, -1 from layer_changes where from_layer is not null) x
      group by 1, 2`,
    app.db.$queryRaw<Array<{ month: string; from_layer: string | null; to_layer: string; n: number }>>`
      select to_char(changed_at at time zone ${zone}, 'YYYY-MM') as month, from_layer, to_layer, count(*)::int as n
        from layer_changes where changed_at >= ${thisMonth.minus({ months: 1 }).toJSDate()} group by 1, 2, 3 order by 1, 2, 3`,
    app.db.$queryRaw<Array<{ week: Date; active: number }>>`
      select date_trunc('week', day)::date as week, count(distinct member_id)::int as active from interaction_daily
       where day >= ${DateTime.fromJSDate(now, { zone }).startOf("week").minus({ weeks: 11 }).toISODate()}::date group by 1 order by 1`,
    app.db.member.count(),
    app.db.$queryRaw<Array<{ month: string; layer: string; n: number }>>`
      select to_char(o.paid_at at time zone ${zone}, 'YYYY-MM') as month, r.layer, count(distinct o.member_id)::int as n
        from orders o join member_rfm r on r.member_id = o.member_id
       where o.status = 'paid' and o.paid_at >= ${thisMonth.minus({ months: 1 }).toJSDate()} group by 1, 2`,
  ]);
  // Sizes at each month's end: cumulative net movements (everything before the first month included).
  const layers = LAYERS.map((l) => l.key);
  const byMonth: Record<string, number[]> = Object.fromEntries(layers.map((l) => [l, months.map(() => 0)]));
  for (const layer of layers) {
    let running = net.filter((r) => r.layer === layer && r.month < months[0]!).reduce((a, r) => a + r.delta, 0);
    months.forEach((month, i) => {
      running += net.find((r) => r.layer === layer && r.month === month)?.delta ?? 0;
      byMonth[layer]![i] = running;
    });
  }
  const churn: LayersView["churn"] = [];
  for (const month of months.slice(-2)) {
    const i = months.indexOf(month);
    for (const layer of layers) {
      const size = i > 0 ? byMonth[layer]![i - 1]! : 0;
      const moved = transitions
        .filter((t) => t.month === month && t.from_layer === layer && t.to_layer === "lost")
        .reduce((a, t) => a + t.n, 0);
      const now = current.find((c) => c.layer === layer)?.n ?? 0;
      const bought = buyers.find((b) => b.month === month && b.layer === layer)?.n ?? 0;
      churn.push({ month, layer, moved, size, rate: size > 0 ? moved / size : 0, buyers: bought, repurchase: now > 0 ? bought / now : 0 });
    }
  }
  return {
    computedAt: now,
    current: current.map((r) => ({ layer: r.layer, members: r.n })),
    months,
    byMonth,
    transitions: transitions.map((t) => ({ month: t.month, from: t.from_layer, to: t.to_layer, members: t.n })),
    churn,
    weeklyActive: weekly.map((w) => ({
      week: w.week.toISOString().slice(0, 10),
      active: w.active,
      members,
      rate: members > 0 ? w.active / members : 0,
    })),
  };
}

export interface RoomRow {
  id: number;
  topic: string;
  members: number;
  activeWeek: number;
  activeRate: number;
  messagesPerDay: number;
  salesCents: number;
  accounts: string;
}

/** 社群: each room's members, weekly active rate, its members' messages a day (7 days), attributed sales, accounts. */
export async function readGroups(app: AppContext): Promise<{ computedAt: Date; rooms: RoomRow[] }> {
  const now = app.clock.now();
  const weekAgo = DateTime.fromJSDate(now, { zone: app.config.timeZone }).minus({ days: 7 }).toISODate()!;
  const [rooms, activity, sales, accounts] = await Promise.all([
    app.db.$queryRaw<Array<{ id: number; topic: string; members: number }>>`
      select r.id, r.topic, count(rm.member_id) filter (where rm.left_at is null)::int as members
        from rooms r left join room_members rm on rm.room_id = r.id where r.active group by r.id order by r.id`,
    app.db.$queryRaw<Array<{ room_id: number; active: number; messages: number }>>`
      select rm.room_id, count(distinct i.member_id)::int as active, coalesce(sum(i.messages), 0)::int as messages
        from interaction_daily i join room_members rm on rm.member_id = i.member_id and rm.left_at is null
       where i.day >= ${weekAgo}::date group by 1`,
    // A sale's paid orders count for every room it was announced in.
    app.db.$queryRaw<Array<{ room_id: number; cents: bigint }>>`
      select room_id, sum(cents)::bigint as cents from (
        select unnest(f.room_ids) as room_id, o.amount_cents as cents from orders o join flash_sales f on f.id = o.flash_sale_id where o.status = 'paid'
        union all
        select unnest(g.room_ids), o.amount_cents from orders o join group_buy_teams t on t.id = o.group_buy_team_id join group_buys g on g.id = t.group_buy_id where o.status = 'paid') s
      group by 1`,
    app.db.$queryRaw<Array<{ room_id: number; names: string }>>`
      select ra.room_id, string_agg(a.name || '(' || ra.role::text || ')', ', ' order by ra.role, a.name) as names
        from room_accounts ra join bot_accounts a on a.id = ra.account_id group by 1`.catch(() => []),
  ]);
  return {
    computedAt: now,
    rooms: rooms.map((r) => {
      const a = activity.find((x) => x.room_id === r.id);
      return {
        id: r.id,
        topic: r.topic,
        members: r.members,
        activeWeek: a?.active ?? 0,
        activeRate: r.members > 0 ? (a?.active ?? 0) / r.members : 0,
        messagesPerDay: (a?.messages ?? 0) / 7,
        salesCents: Number(sales.find((s) => s.room_id === r.id)?.cents ?? 0),
        accounts: accounts.find((x) => x.room_id === r.id)?.names ?? app.config.account,
      };
    }),
  };
}

/** 会员 search: by name or WeChat id, at most 50. */
export async function searchMembers(app: AppContext, query: string) {
  const q = query.trim().slice(0, 40);
  if (q === "") return [];
  return app.db.member.findMany({
    where: { OR: [{ name: { contains: q, mode: "insensitive" } }, { wechatId: q }] },
    take: 50,
    orderBy: { id: "asc" },
    select: { id: true, name: true, wechatId: true, firstSeenAt: true, optedOutAt: true },
  });
}

/** One member's profile: tags, layer history, orders, coupons, deliveries, opt-out. */
export async function readMemberProfile(app: AppContext, memberId: number) {
  const member = await app.db.member.findUnique({ where: { id: memberId } });
  if (!member) return undefined;
  const [tags, rfm, layers, orders, coupons, deliveries] = await Promise.all([
    app.db.memberTag.findMany({ where: { memberId }, include: { tag: true } }),
    app.db.memberRfm.findUnique({ where: { memberId } }),
    app.db.layerChange.findMany({ where: { memberId }, orderBy: { changedAt: "desc" }, take: 24 }),
    app.db.order.findMany({ where: { memberId }, orderBy: { placedAt: "desc" }, take: 50 }),
    app.db.coupon.findMany({ where: { memberId }, orderBy: { issuedAt: "desc" }, take: 50, include: { template: true } }),
    app.db.delivery.findMany({ where: { memberId }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  return { member, tags, rfm, layers, orders, coupons, deliveries };
}

/** 内容日历: this week's occurrences, their count per kind against the plan, next week's gaps. */
export async function readCalendar(app: AppContext) {
  const [thisWeek, nextWeek] = await Promise.all([readCalendarWeek(app, 0), readCalendarWeek(app, 1)]);
  const counts: Record<string, number> = {};
  for (const o of thisWeek.occurrences) counts[o.item.kind] = (counts[o.item.kind] ?? 0) + 1;
  return { from: thisWeek.from, occurrences: thisWeek.occurrences, counts, plan: app.config.calendar.plan, nextGaps: nextWeek.gaps };
}
