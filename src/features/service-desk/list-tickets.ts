// An agent's open tickets by deadline (工单 / 工单 我的) and one ticket's thread (工单 详情).
import type { AppContext } from "../../kernel/app-context.js";
import type { Role } from "../../kernel/commands/roles.js";
import type { Member } from "../../kernel/db/client.js";
import { namesOf } from "./people.js";
import { type TicketAccess, ticketFor } from "./reply-to-ticket.js";
import { slaStatus } from "./rules/deadlines.js";
import { type TicketLine, serviceTexts as texts } from "./texts.js";

const MAX_LISTED = 30;

export async function listAgentTickets(app: AppContext, agent: Member): Promise<TicketLine[]> {
  const tickets = await app.db.ticket.findMany({
    where: { assigneeId: agent.id, status: { in: ["open", "waiting"] } },
    orderBy: [{ responseDueAt: "asc" }, { id: "asc" }],
    take: MAX_LISTED,
  });
  const names = await namesOf(
    app,
    tickets.map((t) => t.memberId),
  );
  return tickets.map((t) => ({
    id: t.id,
    colour: t.colour,
    memberName: names.get(t.memberId) ?? "?",
    text: t.text,
    responseDueAt: t.responseDueAt,
    sla: slaStatus(t),
  }));
}

export type DetailOutcome = TicketAccess | { kind: "detail"; text: string };

/** The thread as text: who wrote what, when (the last 20 messages). Closed tickets may be looked at too. */
export async function ticketDetail(app: AppContext, ticketId: number, caller: { member: Member; role: Role }): Promise<DetailOutcome> {
  const found = await ticketFor(app, ticketId, caller, { open: false });
  if (found.kind !== "ok") return found;
  const { ticket } = found;
  const messages = await app.db.ticketMessage.findMany({ where: { ticketId }, orderBy: { id: "asc" } });
  const names = await namesOf(app, [
    ticket.memberId,
    ...(ticket.assigneeId === null ? [] : [ticket.assigneeId]),
    ...messages.map((m) => m.authorId),
  ]);
  const text = texts.detail(
    {
      id: ticket.id,
      colour: ticket.colour,
      status: ticket.status,
      memberName: names.get(ticket.memberId) ?? "?",
      assigneeName: ticket.assigneeId === null ? undefined : names.get(ticket.assigneeId),
      sla: slaStatus(ticket),
      responseDueAt: ticket.responseDueAt,
      createdAt: ticket.createdAt,
      resolveDueAt: ticket.resolveDueAt,
    },
    messages.map((m) => ({ at: m.createdAt, who: `${m.fromAgent ? "客服 " : ""}${names.get(m.authorId) ?? "?"}`, text: m.text })),
    app.config.timeZone,
  );
  return { kind: "detail", text };
}
