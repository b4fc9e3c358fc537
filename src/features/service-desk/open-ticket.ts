// Intake: a member's request becomes a ticket (T + id) with a colour, an assignee and deadlines; the
// assignee hears of it at once. One open ticket per member (a unique column): a second request, or two
// at once, joins the open one.
import type { AppContext } from "../../kernel/app-context.js";
import type { Member } from "../../kernel/db/client.js";
import type { Ticket } from "../../kernel/db/generated/client.js";
import { isUniqueViolation } from "../../kernel/db/unique-violation.js";
import { addMemberMessage } from "./add-member-message.js";
import { chooseAssignee } from "./assign-ticket.js";
import { colourFor } from "./rules/colour.js";
import { deadlinesFor, scheduleTicketTimers } from "./schedule-ticket-timers.js";
import { serviceTexts as texts } from "./texts.js";

export type OpenTicketOutcome =
  | { kind: "opened"; ticket: Ticket; promiseMs: number }
  /** The member already has an open ticket: the text was added to it. */
  | { kind: "alreadyOpen"; ticket: Ticket };

/**
 * Opens a ticket for the member, or adds the text to the one they have open.
 *
 * @example await openTicket(app, { member, roomId: undefined, text: "我的牙刷坏了" }) // { kind: "opened", ticket: { colour: "red", … } }
 */
export async function openTicket(app: AppContext, input: { member: Member; roomId?: number; text: string }): Promise<OpenTicketOutcome> {
  const { member, text } = input;
  const existing = await app.db.ticket.findUnique({ where: { openFor: member.id } });
  if (existing) {
    if (text) await addMemberMessage(app, existing, member, text, { tellMember: false });
    return { kind: "alreadyOpen", ticket: existing };
  }
  const assignment = await chooseAssignee(app, member.id);
  const colour = colourFor(text, app.config.service, assignment.highValue);
  const now = app.clock.now();
  let ticket: Ticket;
  try {
    ticket = await app.db.ticket.create({
      data: {
        memberId: member.id,
        roomId: input.roomId ?? null,
        text,
        colour,
        assigneeId: assignment.agentId,
        openFor: member.id,
        createdAt: now,
        windowStartAt: now,
        ...deadlinesFor(app, colour, now),
        messages: text ? { create: { authorId: member.id, fromAgent: false, text, createdAt: now } } : undefined,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two requests at once: the other one opened it.
    const other = await app.db.ticket.findUnique({ where: { openFor: member.id } });
    if (!other) throw error;
    if (text) await addMemberMessage(app, other, member, text, { tellMember: false });
    return { kind: "alreadyOpen", ticket: other };
  }
  await scheduleTicketTimers(app, ticket);
  const promiseMs = app.config.service.responseMs[colour];
  if (ticket.assigneeId !== null && ticket.assigneeId !== member.id) {
    await app.outbox.send({
      kind: "notice",
      to: { memberId: ticket.assigneeId },
      text: texts.newTicket({ id: ticket.id, colour, memberName: member.name, text, promiseMs, dedicated: assignment.how === "dedicated" }),
      dedupeKey: `ticket-${ticket.id}-new`,
    });
    if (assignment.how === "owner")
      await app.outbox.send({ kind: "notice", to: { memberId: ticket.assigneeId }, text: texts.noAgentOnDuty(ticket.id) });
  }
  return { kind: "opened", ticket, promiseMs };
}
