// An agent's answer to a member, through the bot: a reply (never deferred by quiet hours, never
// stopped by an opt-out: it is not marketing). The first one meets the response promise.
import type { AppContext } from "../../kernel/app-context.js";
import { hasRole, type Role } from "../../kernel/commands/roles.js";
import type { Member } from "../../kernel/db/client.js";
import type { Ticket } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { serviceTexts as texts } from "./texts.js";

export type TicketAccess = NotFound | { kind: "notYours" } | { kind: "closed" };

/** The ticket, if the caller may work on it: its assignee, or an admin or the owner. */
export async function ticketFor(
  app: AppContext,
  ticketId: number,
  caller: { member: Member; role: Role },
  options: { open: boolean },
): Promise<{ kind: "ok"; ticket: Ticket } | TicketAccess> {
  const ticket = await app.db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return notFound;
  if (ticket.assigneeId !== caller.member.id && !hasRole(caller.role, "admin")) return { kind: "notYours" };
  if (options.open && (ticket.status === "resolved" || ticket.status === "closed")) return { kind: "closed" };
  return { kind: "ok", ticket };
}

export type ReplyOutcome = TicketAccess | { kind: "replied"; ticket: Ticket; first: boolean };

export async function replyToTicket(
  app: AppContext,
  input: { ticketId: number; agent: Member; role: Role; text: string },
): Promise<ReplyOutcome> {
  const found = await ticketFor(app, input.ticketId, { member: input.agent, role: input.role }, { open: true });
  if (found.kind !== "ok") return found;
  const { ticket } = found;
  const now = app.clock.now();
  await app.db.ticketMessage.create({
    data: { ticketId: ticket.id, authorId: input.agent.id, fromAgent: true, text: input.text, createdAt: now },
  });
  const first = await app.db.ticket.updateMany({ where: { id: ticket.id, respondedAt: null }, data: { respondedAt: now } });
  await app.db.ticket.updateMany({ where: { id: ticket.id, firstRespondedAt: null }, data: { firstRespondedAt: now } });
  await app.outbox.send({ kind: "reply", to: { memberId: ticket.memberId }, text: texts.agentReply(ticket.id, input.text) });
  return { kind: "replied", ticket, first: first.count === 1 };
}
