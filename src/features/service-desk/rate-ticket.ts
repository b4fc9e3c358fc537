// The member's answer to the follow-up (回访): a score 1–5 and any comment. 1–2 reopens the ticket as
// yellow for the owner; anything else that is no score is asked again, once.
import type { AppContext } from "../../kernel/app-context.js";
import type { Member } from "../../kernel/db/client.js";
import type { Ticket } from "../../kernel/db/generated/client.js";
import { findOwner } from "./people.js";
import { parseRating } from "./rules/ticket-words.js";
import { deadlinesFor, scheduleTicketTimers } from "./schedule-ticket-timers.js";
import { serviceTexts as texts } from "./texts.js";

export type RateOutcome =
  | { kind: "rated"; ticket: Ticket; score: number; reopened: boolean }
  | { kind: "askedAgain"; ticket: Ticket }
  /** Not a score, and asked again already: the message is ordinary chatter. */
  | { kind: "notARating" };

/** The member's ticket waiting for a rating, if any (the latest asked). */
export async function ticketAwaitingRating(app: AppContext, memberId: number): Promise<Ticket | null> {
  return app.db.ticket.findFirst({
    where: { memberId, status: "resolved", followupAskedAt: { not: null }, rating: null },
    orderBy: { followupAskedAt: "desc" },
  });
}

export async function rateTicket(app: AppContext, ticket: Ticket, member: Member, text: string): Promise<RateOutcome> {
  const reading = parseRating(text);
  if (reading.kind === "invalid") {
    if (ticket.ratingRetried) return { kind: "notARating" };
    const asked = await app.db.ticket.updateMany({ where: { id: ticket.id, ratingRetried: false }, data: { ratingRetried: true } });
    if (asked.count === 0) return { kind: "notARating" };
    await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: texts.ratingAgain });
    return { kind: "askedAgain", ticket };
  }
  const now = app.clock.now();
  const rated = await app.db.ticket.updateMany({
    where: { id: ticket.id, status: "resolved", rating: null },
    data: { rating: reading.score, ratingComment: reading.comment ?? null, ratedAt: now, status: "closed", closedAt: now },
  });
  if (rated.count === 0) return { kind: "notARating" };
  if (reading.score >= 3) {
    await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: texts.thanks(reading.score) });
    return { kind: "rated", ticket, score: reading.score, reopened: false };
  }
  const reopened = await reopenForOwner(app, ticket, member, reading.score, reading.comment);
  await app.outbox.send({
    kind: "reply",
    to: { memberId: member.id },
    text: reopened ? texts.sorryReopened(ticket.id) : texts.thanks(reading.score),
  });
  return { kind: "rated", ticket, score: reading.score, reopened };
}

/** A new response cycle, yellow, for the owner. Not when the member has opened another ticket meanwhile (one open each). */
async function reopenForOwner(app: AppContext, ticket: Ticket, member: Member, score: number, comment?: string): Promise<boolean> {
  const owner = await findOwner(app);
  const now = app.clock.now();
  try {
    const reopened = await app.db.ticket.update({
      where: { id: ticket.id },
      data: {
        status: "open",
        colour: "yellow",
        assigneeId: owner?.id ?? ticket.assigneeId,
        openFor: member.id,
        cycle: ticket.cycle + 1,
        windowStartAt: now,
        pausedMs: 0,
        pausedAt: null,
        respondedAt: null,
        closedAt: null,
        // The ticket's final rating is what counts; the low one stays in the thread.
        rating: null,
        ratingComment: null,
        ratedAt: null,
        followupAskedAt: null,
        ratingRetried: false,
        appendNoticeSent: false,
        ...deadlinesFor(app, "yellow", now),
      },
    });
    await app.db.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        authorId: member.id,
        fromAgent: false,
        text: `评分 ${score}${comment ? `：${comment}` : ""}`,
        createdAt: now,
      },
    });
    await scheduleTicketTimers(app, reopened);
  } catch {
    return false;
  }
  if (owner)
    await app.outbox.send({
      kind: "notice",
      to: { memberId: owner.id },
      text: texts.reopenedForOwner(ticket.id, score, member.name, comment),
    });
  return true;
}
