// The safety net under the sales' timers: every timed step is a delayed job, and a job can be lost
// (Redis without persistence restarted, a queue obliterated by hand). What the database says is due is
// made to happen, each through the same idempotent use case the timers call.
import { endGroupBuy, groupBuyAnnouncementKey } from "../group-buys/end-group-buy.js";
import { tellFinishedTeams } from "../group-buys/tell-finished-teams.js";
import { expireOverdueOrders } from "./expire-unpaid-order.js";
import { announceFlashSaleCancelled, flashCancelledKey } from "./change-flash-sale.js";
import { syncGate, wasAnnounced, type SalesApp } from "./flash-sale-support.js";
import { endFlashSale } from "./run-flash-sale-step.js";
import { scheduleFlashSaleTimers } from "./schedule-flash-sale-timers.js";

export interface SweepResult {
  salesEnded: number;
  groupBuysEnded: number;
  teamsTold: number;
  ordersExpired: number;
  cancelsAnnounced: number;
}

/**
 * One pass: live flash sales get their gate re-synced (cancelled, moved) and their timers re-added
 * (idempotent job ids); sales and group-buys past due end; finished teams nobody told are told; unpaid
 * orders past due expire and units a crash left unreleased go back; a cancel whose room announcement a
 * crash lost is announced while it still matters (before the sale's start, the group-buy's deadline).
 * `graceMs` leaves alone what the timers are about to do themselves.
 */
export async function sweepSales(app: SalesApp, options: { graceMs: number }): Promise<SweepResult> {
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
  // A group-buy cancel re-run announces what is missing (and tells whatever team is untold).
  for (const g of await app.db.groupBuy.findMany({ where: { status: "cancelled", deadline: { gt: new Date(now) } }, select: { id: true, roomIds: true }, orderBy: { id: "asc" } })) {
    if (await wasAnnounced(app, groupBuyAnnouncementKey(g.id, "cancelled"), g.roomIds)) continue;
    await endGroupBuy(app, { groupBuyId: g.id });
    cancelsAnnounced++;
  }
  const overdue = await app.db.groupBuy.findMany({ where: { status: "scheduled", deadline: { lte: due } }, select: { id: true, deadline: true }, orderBy: { id: "asc" } });
  for (const g of overdue) await endGroupBuy(app, { groupBuyId: g.id, at: g.deadline.getTime() });
  const teamsTold = await tellFinishedTeams(app, { limit: 500 });
  const ordersExpired = await expireOverdueOrders(app, options.graceMs);
  return { salesEnded, groupBuysEnded: overdue.length, teamsTold, ordersExpired, cancelsAnnounced };
}
