// The safety net under the flash sales' timers: every timed step is a delayed job, and a job can be lost
// (Redis without persistence restarted, a queue obliterated by hand). What the database says is due is
// made to happen, each through the same idempotent use case the timers call.
import type { AppContext } from "../../kernel/app-context.js";
import { wasAnnounced } from "../../kernel/outbox/announce-to-rooms.js";
import { announceFlashSaleCancelled, flashCancelledKey } from "./change-flash-sale.js";
import { expireOverdueOrders } from "./expire-unpaid-order.js";
import { syncGate } from "./flash-gate-record.js";
import { endFlashSale } from "./run-flash-sale-step.js";
import { scheduleFlashSaleTimers } from "./schedule-flash-sale-timers.js";

export interface FlashSweepResult {
  salesEnded: number;
  ordersExpired: number;
  cancelsAnnounced: number;
}

/**
 * One pass: live sales get their gate re-synced (cancelled, moved) and their timers re-added (idempotent
 * job ids); sales past due end; unpaid orders past due expire and units a crash left unreleased go back;
 * a cancel whose room announcement a crash lost is announced while it still matters (before the sale's
 * start). `graceMs` leaves alone what the timers are about to do themselves.
 *
 * @example await sweepFlashSales(app, { graceMs: 30_000 }) // { salesEnded: 0, ordersExpired: 1, cancelsAnnounced: 0 }
 */
export async function sweepFlashSales(app: AppContext, options: { graceMs: number }): Promise<FlashSweepResult> {
  const now = app.clock.now().getTime();
  const due = new Date(now - options.graceMs);
  let salesEnded = 0;
  for (const sale of await app.db.flashSale.findMany({ where: { status: "scheduled" }, orderBy: { id: "asc" } })) {
    if (sale.endsAt <= due) {
      await endFlashSale(app, sale.id);
      salesEnded++;
      continue;
    }
    await syncGate(app, sale);
    await scheduleFlashSaleTimers(app, sale);
  }
  let cancelsAnnounced = 0;
  for (const sale of await app.db.flashSale.findMany({ where: { status: "cancelled", endedAt: { gte: new Date(now - 86_400_000) } } })) {
    await syncGate(app, sale);
    if (sale.startsAt.getTime() > now && !(await wasAnnounced(app, flashCancelledKey(sale.id), sale.roomIds))) {
      await announceFlashSaleCancelled(app, sale);
      cancelsAnnounced++;
    }
  }
  const ordersExpired = await expireOverdueOrders(app, options.graceMs);
  return { salesEnded, ordersExpired, cancelsAnnounced };
}
