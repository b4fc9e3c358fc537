import type { AppContext } from "../../kernel/app-context.js";
import type { Ticket } from "../../kernel/db/generated/client.js";
import { type TicketStep, ticketTimerJob, ticketTimerJobId } from "./jobs.js";
import type { Colour } from "./rules/colour.js";
import { MARKS, type Mark, markAt, responseDue, type Window } from "./rules/deadlines.js";

export function windowOf(app: AppContext, ticket: Pick<Ticket, "windowStartAt" | "pausedMs" | "colour">): Window {
  const { workingHours } = app.config.service;
  return {
    startAt: ticket.windowStartAt,
    pausedMs: ticket.pausedMs,
    windowMs: app.config.service.responseMs[ticket.colour],
    // Red always runs; yellow and green only in the working hours, when they are set.
    ...(workingHours && ticket.colour !== "red" ? { workingHours: { window: workingHours, zone: app.config.timeZone } } : {}),
  };
}

/** The marks still to come for a ticket awaiting its first answer: none when answered, paused or done. */
export function pendingMarks(app: AppContext, ticket: Ticket): Array<{ mark: Mark; at: Date }> {
  if (ticket.status !== "open" || ticket.respondedAt || ticket.pausedAt) return [];
  const window = windowOf(app, ticket);
  return MARKS.map((mark) => ({ mark, at: markAt(window, mark) }));
}

/** Adds the ticket's delayed mark jobs (idempotent: the ids name ticket, cycle, mark and instant). */
export async function scheduleTicketTimers(app: AppContext, ticket: Ticket): Promise<void> {
  for (const { mark, at } of pendingMarks(app, ticket)) await scheduleTicketStep(app, ticket, mark, at);
}

/** Adds one timed step of the ticket's current cycle at `at` (the job id names ticket, cycle, step and instant: added once). */
export async function scheduleTicketStep(app: AppContext, ticket: Pick<Ticket, "id" | "cycle">, step: TicketStep, at: Date): Promise<void> {
  await app.jobs.add(
    ticketTimerJob,
    { ticketId: ticket.id, cycle: ticket.cycle, step, at: at.getTime() },
    { jobId: ticketTimerJobId(ticket.id, ticket.cycle, step, at), delayMs: at.getTime() - app.clock.now().getTime() },
  );
}

/** Adds one follow-up step (the 回访 question, or closing unrated) at `at`. */
export async function scheduleFollowupStep(app: AppContext, ticket: Ticket, step: "followup" | "closeUnrated", at: Date): Promise<void> {
  await scheduleTicketStep(app, ticket, step, at);
}

/** A ticket's deadlines for a window starting at `startAt` (a new ticket, a reopened one, a new colour). */
export function deadlinesFor(app: AppContext, colour: Colour, startAt: Date, pausedMs = 0) {
  const responseDueAt = responseDue(windowOf(app, { windowStartAt: startAt, pausedMs, colour }));
  const resolveDueAt = new Date(startAt.getTime() + pausedMs + app.config.service.resolveMs[colour]);
  return { responseDueAt, resolveDueAt };
}
