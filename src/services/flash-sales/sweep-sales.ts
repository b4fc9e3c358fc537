// The safety net under the sales' timers: every timed step is a delayed job, and a job can be lost
// (Redis without persistence restarted, a queue obliterated by hand). What the database says is due is
// made to happen, each through the same idempotent use case the timers call.
import { endGroupBuy } from "../group-buys/end-group-buy.js";
import { tellFinishedTeams } from "../group-buys/tell-finished-teams.js";
import { expireOverdueOrders } from "./expire-unpaid-order.js";
import { syncGate, type SalesApp } from "./flash-sale-support.js";
import { endFlashSale } from "./run-flash-sale-step.js";
import { scheduleFlashSaleTimers } from "./schedule-flash-sale-timers.js";

export interface SweepResult {
  salesEnded: number;
  groupBuysEnded: number;
  teamsTold: number;
  ordersExpired: number;
}

/**
 * One pass: live flash sales get their gate re-synced (cancelled, moved) and their timers re-added
 * (idempotent job ids); sales and group-buys past due end; finished teams nobody told are told; unpaid
 * orders past due expire and units a crash left unreleased go back. `graceMs` leaves alone what the
 * timers are about to do themselves.
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
  for (const sale of await app.db.flashSale.findMany({ where: { status: "cancelled", endedAt: { gte: new Date(now - 86_400_000) } } })) await syncGate(app, sale);
  const overdue = await app.db.groupBuy.findMany({ where: { status: "scheduled", deadline: { lte: due } }, select: { id: true, deadline: true }, orderBy: { id: "asc" } });
  for (const g of overdue) await endGroupBuy(app, { groupBuyId: g.id, at: g.deadline.getTime() });
  const teamsTold = await tellFinishedTeams(app, { limit: 500 });
  const ordersExpired = await expireOverdueOrders(app, options.graceMs);
  return { salesEnded, groupBuysEnded: overdue.length, teamsTold, ordersExpired };
}
