import { DateTime } from "luxon";
import type { AppContext } from "../../kernel/app-context.js";
import { refreshCachedViews } from "./cached-views.js";
import { measureMetrics, zeroCounted } from "./measure-metrics.js";

export interface RefreshResult {
  days: number;
  hours: number;
  /** The daily and hourly rollups. */
  ms: number;
  /** The cached views (campaigns, layers, groups) after them. */
  viewsMs: number;
}

/**
 * Keeps the console's rollups fresh, incrementally: the days from the last one stored (recomputed: it
 * may have been partial) up to today, and the last `hourWindow` hours. The first run backfills
 * `backfillDays`. A refund of an order paid before yesterday shows after the nightly full pass
 * (`full: true`, the last 35 days). Then the cached views the heavier pages read (cached-views.ts).
 */
export async function refreshConsoleRollups(
  app: AppContext,
  options: { at?: Date; backfillDays?: number; full?: boolean; hourWindow?: number; views?: boolean } = {},
): Promise<RefreshResult> {
  const started = Date.now();
  const at = options.at ?? app.clock.now();
  const zone = app.config.timeZone;
  const today = DateTime.fromJSDate(at, { zone }).startOf("day");
  // Once a day the refresh reaches back 35 days (a late refund or a status change shows there too).
  const full = options.full ?? (await app.redis.set(app.key("console", "rollup-full"), "1", "EX", 86_400, "NX")) === "OK";
  const [latest] = await app.db.$queryRaw<Array<{ day: Date | null }>>`select max(day) as day from console_daily_metrics`;
  let first: DateTime;
  if (full && latest?.day) first = today.minus({ days: 35 });
  else if (latest?.day) first = DateTime.fromISO(latest.day.toISOString().slice(0, 10), { zone }).minus({ days: 1 });
  else first = today.minus({ days: options.backfillDays ?? 400 });
  const from = first.toJSDate();
  const to = today.plus({ days: 1 }).toJSDate();
  const byDay = await measureMetrics(app, from, to, "day");
  const computedAt = at;
  const entries: unknown[][] = [];
  for (let day = first; day <= today; day = day.plus({ days: 1 })) {
    const key = day.toISODate()!;
    const c = byDay.get(key) ?? zeroCounted();
    entries.push([
      key,
      c.gmvCents,
      c.paidOrders,
      c.buyers,
      c.attributedOrders,
      c.membersReached,
      c.couponClaims,
      c.couponRedemptions,
      computedAt,
    ]);
  }
  const types = ["date", "bigint", "int", "int", "int", "int", "int", "int", "timestamptz"];
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    const placeholders = chunk.map((_row, r) => `(${types.map((type, c) => `$${r * types.length + c + 1}::${type}`).join(", ")})`);
    await app.db.$executeRawUnsafe(
      `insert into console_daily_metrics (day, gmv_cents, paid_orders, buyers, attributed_orders, members_reached, coupon_claims, coupon_redemptions, computed_at)
       values ${placeholders.join(", ")}
       on conflict (day) do update set gmv_cents = excluded.gmv_cents, paid_orders = excluded.paid_orders, buyers = excluded.buyers,
         attributed_orders = excluded.attributed_orders, members_reached = excluded.members_reached, coupon_claims = excluded.coupon_claims,
         coupon_redemptions = excluded.coupon_redemptions, computed_at = excluded.computed_at`,
      ...chunk.flat(),
    );
  }
  // Hours: today's curve and yesterday's, recomputed whole (a few dozen rows).
  const hourFrom = DateTime.fromJSDate(at)
    .startOf("hour")
    .minus({ hours: options.hourWindow ?? 48 })
    .toJSDate();
  const byHour = await measureMetrics(app, hourFrom, at, "hour");
  const hourRows: unknown[][] = [];
  for (let h = DateTime.fromJSDate(hourFrom); h.toJSDate() <= at; h = h.plus({ hours: 1 })) {
    const c = byHour.get(h.toJSDate().toISOString()) ?? zeroCounted();
    hourRows.push([h.toJSDate(), c.gmvCents, c.paidOrders, computedAt]);
  }
  await app.db.$executeRawUnsafe(
    `insert into console_hourly_metrics (hour, gmv_cents, paid_orders, computed_at)
     values ${hourRows.map((_r, i) => `($${i * 4 + 1}::timestamptz, $${i * 4 + 2}::bigint, $${i * 4 + 3}::int, $${i * 4 + 4}::timestamptz)`).join(", ")}
     on conflict (hour) do update set gmv_cents = excluded.gmv_cents, paid_orders = excluded.paid_orders, computed_at = excluded.computed_at`,
    ...hourRows.flat(),
  );
  const rollupMs = Date.now() - started;
  if (options.views !== false) await refreshCachedViews(app);
  return { days: entries.length, hours: hourRows.length, ms: rollupMs, viewsMs: Date.now() - started - rollupMs };
}
