// "Never silence in private": a private message that is no command is addressed to the bot. In order:
// part of the member's open ticket; the answer to a follow-up; a request for help (keywords) opening a
// ticket; otherwise, at most once a day per member, a short line on how to reach a person.
import type { AppContext } from "../../kernel/app-context.js";
import type { ChatInput } from "../../kernel/commands/chat-input.js";
import type { Role } from "../../kernel/commands/roles.js";
import type { Member } from "../../kernel/db/client.js";
import { localDay } from "../../kernel/time/zone.js";
import { addMemberMessage } from "./add-member-message.js";
import { openTicket } from "./open-ticket.js";
import { rateTicket, ticketAwaitingRating } from "./rate-ticket.js";
import { mentionsAny } from "./rules/colour.js";
import { serviceTexts as texts } from "./texts.js";

const HINT_TTL_S = 2 * 86_400;

export type PrivateChatterOutcome = "added" | "rated" | "opened" | "hinted" | "quiet";

/**
 * The router's private-chatter handler (wired by the bot): what the service desk does with a private
 * message that is no command.
 *
 * @example await handlePrivateChatter(app, { input, member, role: "member" }) // "hinted"
 */
export async function handlePrivateChatter(
  app: AppContext,
  chatter: { input: ChatInput; member: Member; role: Role },
): Promise<PrivateChatterOutcome> {
  const { member } = chatter;
  const text = chatter.input.text.trim();
  if (!text) return "quiet";
  const open = await app.db.ticket.findUnique({ where: { openFor: member.id } });
  if (open) {
    await addMemberMessage(app, open, member, text, { tellMember: true });
    return "added";
  }
  const awaiting = await ticketAwaitingRating(app, member.id);
  if (awaiting) {
    const rated = await rateTicket(app, awaiting, member, text);
    if (rated.kind !== "notARating") return "rated";
  }
  if (mentionsAny(text, app.config.service.helpWords)) {
    const opened = await openTicket(app, { member, text });
    const reply =
      opened.kind === "opened" ? texts.openedPrivately(opened.ticket.id, opened.promiseMs, true) : texts.alreadyOpen(opened.ticket.id);
    await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: reply });
    return "opened";
  }
  // Once a day per member (the community's calendar day): a first-delivery claim on a Redis key.
  const day = localDay(app.clock.now(), app.config.timeZone);
  const first = await app.redis.set(app.key("service-hint", member.id, day), "1", "EX", HINT_TTL_S, "NX");
  if (first !== "OK") return "quiet";
  await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: texts.hint });
  return "hinted";
}
