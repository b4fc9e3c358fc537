import type { Message } from "wechaty";
import type { AppContext } from "../../infra/app-context.js";
import { recordPollAnswer } from "../../services/calendar/polls.js";
import { recordMessage } from "../../services/members/record-message.js";
import { toChatInput } from "../chat-input.js";
import type { CommandRouter } from "../router.js";

const SEEN_MESSAGE_TTL_S = 24 * 3600;

/** Every message: the member is recorded and counted; a command is routed; chatter gets no answer. */
export function onMessage(app: AppContext, router: CommandRouter) {
  return async (message: Message): Promise<void> => {
    const input = await toChatInput(message);
    if (!input) return;
    // Puppets redeliver a message after a reconnect: the first delivery alone runs (a grab, a grant).
    const first = await app.redis.set(app.key("seen-message", input.messageId), "1", "EX", SEEN_MESSAGE_TTL_S, "NX");
    if (first !== "OK") return;
    const { member, room } = await recordMessage(app.db, {
      speaker: input.talker,
      room: input.room,
      at: app.clock.now(),
      timeZone: app.config.timeZone,
    });
    // A number in a room with an open poll is a vote, not chatter.
    if (room && (await recordPollAnswer(app, { roomId: room.id, memberId: member.id, text: input.text }))) return;
    await router.route(input, member, room);
  };
}
