// What an agent does with a ticket besides answering: wait for the member (the clock pauses, never for
// red), resolve it, change its colour, hand it to someone else.
import type { AppContext } from "../../kernel/app-context.js";
import type { Role } from "../../kernel/commands/roles.js";
import type { Member } from "../../kernel/db/client.js";
import type { Ticket } from "../../kernel/db/generated/client.js";
import { type TicketAccess, ticketFor } from "./reply-to-ticket.js";
import type { Colour } from "./rules/colour.js";
import { deadlinesFor, scheduleFollowupStep, scheduleTicketTimers } from "./schedule-ticket-timers.js";
import { serviceTexts as texts } from "./texts.js";

type Caller = { member: Member; role: Role };

export type WaitOutcome = TicketAccess | { kind: "redNoPause" } | { kind: "alreadyWaiting" } | { kind: "waiting"; ticket: Ticket };

export async function waitOnTicket(app: AppContext, ticketId: number, caller: Caller): Promise<WaitOutcome> {
  const found = await ticketFor(app, ticketId, caller, { open: true });
  if (found.kind !== "ok") return found;
  const { ticket } = found;
  if (ticket.colour === "red") return { kind: "redNoPause" };
  if (ticket.status === "waiting") return { kind: "alreadyWaiting" };
  const paused = await app.db.ticket.updateMany({
    where: { id: ticket.id, status: "open" },
    data: { status: "waiting", pausedAt: app.clock.now() },
  });
  return paused.count === 1 ? { kind: "waiting", ticket } : { kind: "alreadyWaiting" };
}

export type ResolveOutcome = TicketAccess | { kind: "resolved"; ticket: Ticket };

export async function resolveTicket(app: AppContext, ticketId: number, caller: Caller, note?: string): Promise<ResolveOutcome> {
  const found = await ticketFor(app, ticketId, caller, { open: true });
  if (found.kind !== "ok") return found;
  const now = app.clock.now();
  const done = await app.db.ticket.updateMany({
    where: { id: ticketId, status: { in: ["open", "waiting"] } },
    data: { status: "resolved", resolvedAt: now, resolution: note ?? null, openFor: null, pausedAt: null, followupAskedAt: null },
  });
  if (done.count === 0) return { kind: "closed" };
  const ticket = await app.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
  if (note)
    await app.db.ticketMessage.create({ data: { ticketId, authorId: caller.member.id, fromAgent: true, text: note, createdAt: now } });
  await app.outbox.send({ kind: "reply", to: { memberId: ticket.memberId }, text: texts.resolvedForMember(ticket.id, note) });
  await scheduleFollowupStep(app, ticket, "followup", new Date(now.getTime() + app.config.service.followupAfterMs));
  return { kind: "resolved", ticket };
}

export type RecolourOutcome = TicketAccess | { kind: "unchanged" } | { kind: "recoloured"; ticket: Ticket };

/** Any operator may change a colour (the router checks the role): the deadlines follow from the window's start. */
export async function recolourTicket(app: AppContext, ticketId: number, colour: Colour): Promise<RecolourOutcome> {
  const ticket = await app.db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return { kind: "notFound" };
  if (ticket.status === "resolved" || ticket.status === "closed") return { kind: "closed" };
  if (ticket.colour === colour) return { kind: "unchanged" };
  // Red never pauses: a waiting ticket turned red runs again, its paused time so far still counted.
  const now = app.clock.now();
  const pausedMs = colour === "red" && ticket.pausedAt ? ticket.pausedMs + (now.getTime() - ticket.pausedAt.getTime()) : ticket.pausedMs;
  const resume = colour === "red" && ticket.status === "waiting" ? { status: "open" as const, pausedAt: null } : {};
  const updated = await app.db.ticket.update({
    where: { id: ticketId },
    data: { colour, pausedMs, ...resume, ...deadlinesFor(app, colour, ticket.windowStartAt, pausedMs) },
  });
  await scheduleTicketTimers(app, updated);
  return { kind: "recoloured", ticket: updated };
}

export type TransferOutcome = TicketAccess | { kind: "notAnAgent" } | { kind: "transferred"; ticket: Ticket; to: Member };

/** Hands a ticket to another operator (who becomes an agent, off duty unless they say 值班). */
export async function transferTicket(
  app: AppContext,
  ticketId: number,
  caller: Caller,
  to: { member: Member; role: Role },
): Promise<TransferOutcome> {
  const found = await ticketFor(app, ticketId, caller, { open: true });
  if (found.kind !== "ok") return found;
  if (to.role === "member") return { kind: "notAnAgent" };
  await app.db.serviceAgent.upsert({ where: { memberId: to.member.id }, create: { memberId: to.member.id }, update: {} });
  const ticket = await app.db.ticket.update({ where: { id: ticketId }, data: { assigneeId: to.member.id } });
  await app.outbox.send({ kind: "notice", to: { memberId: to.member.id }, text: texts.transferredToYou(ticket.id, caller.member.name) });
  return { kind: "transferred", ticket, to: to.member };
}
