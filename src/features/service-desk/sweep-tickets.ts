// The safety net under the tickets' timers (as the sales sweep is under the sales'): a delayed job can be
// lost (Redis without persistence restarted). What the database says is due is run now through the same
// idempotent step; what is still to come gets its job again (same id: added once).
import type { AppContext } from "../../kernel/app-context.js";
import { runTicketStep } from "./run-ticket-step.js";
import { pendingMarks, scheduleFollowupStep, scheduleTicketStep } from "./schedule-ticket-timers.js";

export interface TicketSweepResult {
  marksRun: number;
  followupsRun: number;
}

export async function sweepTickets(app: AppContext, options: { graceMs: number }): Promise<TicketSweepResult> {
  const now = app.clock.now().getTime();
  const { followupAfterMs, ratingWindowMs } = app.config.service;
  let marksRun = 0;
  let followupsRun = 0;
  const open = await app.db.ticket.findMany({ where: { status: "open", respondedAt: null, pausedAt: null }, include: { alerts: true } });
  for (const ticket of open) {
    const done = new Set(ticket.alerts.filter((a) => a.cycle === ticket.cycle).map((a) => a.mark));
    for (const { mark, at } of pendingMarks(app, ticket)) {
      if (done.has(mark)) continue;
      if (at.getTime() <= now - options.graceMs) {
        if ((await runTicketStep(app, { ticketId: ticket.id, cycle: ticket.cycle, step: mark, at: at.getTime() })) === "sent") marksRun++;
      } else await scheduleTicketStep(app, ticket, mark, at);
    }
  }
  const resolved = await app.db.ticket.findMany({ where: { status: "resolved", rating: null } });
  for (const ticket of resolved) {
    const step = ticket.followupAskedAt ? "closeUnrated" : "followup";
    const from = ticket.followupAskedAt ?? ticket.resolvedAt;
    if (!from) continue;
    const at = new Date(from.getTime() + (step === "followup" ? followupAfterMs : ratingWindowMs));
    if (at.getTime() <= now - options.graceMs) {
      const outcome = await runTicketStep(app, { ticketId: ticket.id, cycle: ticket.cycle, step, at: at.getTime() });
      if (outcome === "sent" || outcome === "closed") followupsRun++;
    } else await scheduleFollowupStep(app, ticket, step, at);
  }
  return { marksRun, followupsRun };
}
