// A member's later words on an open ticket: kept in its thread and passed to the assignee. A paused
// ticket (the agent waited for the member) resumes its clock.
import type { AppContext } from "../../kernel/app-context.js";
import type { Member } from "../../kernel/db/client.js";
import type { Ticket } from "../../kernel/db/generated/client.js";
import { deadlinesFor, scheduleTicketTimers } from "./schedule-ticket-timers.js";
import { serviceTexts as texts } from "./texts.js";

/** Adds the member's message; `tellMember`: the member is told once per ticket that their messages join it. */
export async function addMemberMessage(
  app: AppContext,
  ticket: Ticket,
  member: Member,
  text: string,
  options: { tellMember: boolean },
): Promise<void> {
  const now = app.clock.now();
  await app.db.ticketMessage.create({ data: { ticketId: ticket.id, authorId: member.id, fromAgent: false, text, createdAt: now } });
  if (ticket.status === "waiting" && ticket.pausedAt) {
    const pausedMs = ticket.pausedMs + Math.max(0, now.getTime() - ticket.pausedAt.getTime());
    const resumed = await app.db.ticket.updateMany({
      where: { id: ticket.id, status: "waiting", pausedAt: ticket.pausedAt },
      data: { status: "open", pausedAt: null, pausedMs, ...deadlinesFor(app, ticket.colour, ticket.windowStartAt, pausedMs) },
    });
    if (resumed.count === 1) await scheduleTicketTimers(app, await app.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } }));
  }
  // Not to the writer: an owner testing the desk holds their own ticket.
  if (ticket.assigneeId !== null && ticket.assigneeId !== member.id)
    await app.outbox.send({ kind: "notice", to: { memberId: ticket.assigneeId }, text: texts.memberWrote(ticket.id, member.name, text) });
  if (options.tellMember) {
    const first = await app.db.ticket.updateMany({ where: { id: ticket.id, appendNoticeSent: false }, data: { appendNoticeSent: true } });
    if (first.count === 1) await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: texts.addedToTicket(ticket.id) });
  }
}
