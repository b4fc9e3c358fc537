// A ticket's timed steps, run by its delayed job or by the sweep: the 50 % / 80 % reminders to the
// assignee, the breach (recorded, the owner and admins alerted with who had it), the follow-up question
// and closing an unanswered follow-up. Safe to run twice: a step whose instant no longer matches the
// ticket is stale and skipped; every message carries a dedupe key and a sent mark is a unique row.
import type { AppContext } from "../../kernel/app-context.js";
import type { Ticket } from "../../kernel/db/generated/client.js";
import type { TicketStep } from "./jobs.js";
import { namesOf, ownerAndAdmins } from "./people.js";
import { MARKS, type Mark, markAt } from "./rules/deadlines.js";
import { scheduleFollowupStep, windowOf } from "./schedule-ticket-timers.js";
import { serviceTexts as texts } from "./texts.js";

export type TicketStepOutcome = "sent" | "stale" | "already" | "early" | "closed";

export interface TicketStepInput {
  ticketId: number;
  cycle: number;
  step: TicketStep;
  at: number;
}

/**
 * Runs one step if it is still due as scheduled.
 *
 * @example await runTicketStep(app, { ticketId: 12, cycle: 0, step: "warn50", at }) // "sent"
 */
export async function runTicketStep(app: AppContext, input: TicketStepInput): Promise<TicketStepOutcome> {
  const ticket = await app.db.ticket.findUnique({ where: { id: input.ticketId } });
  if (!ticket || ticket.cycle !== input.cycle) return "stale";
  if (input.step === "followup") return askFollowup(app, ticket, input.at);
  if (input.step === "closeUnrated") return closeUnrated(app, ticket, input.at);
  return runMark(app, ticket, input.step, input.at);
}

async function runMark(app: AppContext, ticket: Ticket, mark: Mark, at: number): Promise<TicketStepOutcome> {
  if (ticket.status !== "open" || ticket.respondedAt || ticket.pausedAt) return "stale";
  const window = windowOf(app, ticket);
  if (markAt(window, mark).getTime() !== at) return "stale";
  const now = app.clock.now().getTime();
  if (now < at) return "early";
  if (await app.db.ticketAlert.findUnique({ where: { ticketId_cycle_mark: { ticketId: ticket.id, cycle: ticket.cycle, mark } } }))
    return "already";
  const base = `ticket-${ticket.id}-c${ticket.cycle}-${mark}`;
  // A reminder whose next mark has come too (a colour made shorter, a lost job found late) says nothing: the later mark speaks.
  const next = MARKS[MARKS.indexOf(mark) + 1];
  const superseded = next !== undefined && markAt(window, next).getTime() <= now;
  const names = await namesOf(app, [ticket.memberId, ...(ticket.assigneeId === null ? [] : [ticket.assigneeId])]);
  const memberName = names.get(ticket.memberId) ?? `#${ticket.memberId}`;
  if (mark === "breach") {
    await app.db.ticket.updateMany({ where: { id: ticket.id, breachedAt: null }, data: { breachedAt: new Date(at) } });
    const assigneeName = ticket.assigneeId === null ? undefined : names.get(ticket.assigneeId);
    const told = await ownerAndAdmins(app);
    const recipients = [
      ...told.map((m) => m.id),
      ...(ticket.assigneeId !== null && !told.some((m) => m.id === ticket.assigneeId) ? [ticket.assigneeId] : []),
    ];
    await app.outbox.sendMany(
      recipients.map((memberId) => ({
        kind: "alert" as const,
        to: { memberId },
        text: texts.breach(ticket.id, ticket.colour, memberName, assigneeName),
        dedupeKey: `${base}-to-${memberId}`,
      })),
    );
  } else if (!superseded && ticket.assigneeId !== null) {
    await app.outbox.send({
      kind: "notice",
      to: { memberId: ticket.assigneeId },
      text: texts.warn(ticket.id, mark === "warn50" ? 50 : 80, memberName, markAt(window, "breach"), app.config.timeZone),
      dedupeKey: base,
    });
  }
  await app.db.ticketAlert.createMany({ data: [{ ticketId: ticket.id, cycle: ticket.cycle, mark }], skipDuplicates: true });
  return "sent";
}

async function askFollowup(app: AppContext, ticket: Ticket, at: number): Promise<TicketStepOutcome> {
  if (ticket.status !== "resolved" || !ticket.resolvedAt) return "stale";
  if (ticket.resolvedAt.getTime() + app.config.service.followupAfterMs !== at) return "stale";
  if (app.clock.now().getTime() < at) return "early";
  const now = app.clock.now();
  const asked = await app.db.ticket.updateMany({
    where: { id: ticket.id, status: "resolved", followupAskedAt: null },
    data: { followupAskedAt: now },
  });
  if (asked.count === 0) return "already";
  await app.outbox.send({
    kind: "notice",
    to: { memberId: ticket.memberId },
    text: texts.followupAsk(ticket.id),
    dedupeKey: `ticket-${ticket.id}-c${ticket.cycle}-followup-${at}`,
  });
  const fresh = await app.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
  await scheduleFollowupStep(app, fresh, "closeUnrated", new Date(now.getTime() + app.config.service.ratingWindowMs));
  return "sent";
}

async function closeUnrated(app: AppContext, ticket: Ticket, at: number): Promise<TicketStepOutcome> {
  if (ticket.status !== "resolved" || !ticket.followupAskedAt || ticket.rating !== null) return "stale";
  if (ticket.followupAskedAt.getTime() + app.config.service.ratingWindowMs !== at) return "stale";
  if (app.clock.now().getTime() < at) return "early";
  const closed = await app.db.ticket.updateMany({
    where: { id: ticket.id, status: "resolved", rating: null },
    data: { status: "closed", closedAt: app.clock.now() },
  });
  return closed.count === 1 ? "closed" : "already";
}
