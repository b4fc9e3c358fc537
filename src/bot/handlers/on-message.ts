import type { Message } from "wechaty";
import { recordPollAnswer } from "../../features/calendar/index.js";
import { recordMessage } from "../../features/community/index.js";
import type { AppContext } from "../../kernel/app-context.js";
import type { CommandRouter } from "../../kernel/commands/router.js";
import { toChatInput } from "../chat-input.js";
import { isFleetAccount, isMineToHandle, recordWrote } from "../fleet-presence.js";

/**
 * Every message: the member is recorded and counted; a command is routed; chatter gets no answer. In a
 * room several of our accounts are in, only the account on duty there does any of it (once per message).
 */
export function onMessage(app: AppContext, router: CommandRouter) {
  return async (message: Message): Promise<void> => {
    const input = await toChatInput(message);
    if (!input) return;
    if (await isFleetAccount(app, input.talker.wechatId)) return;
    if (
      input.room &&
      !(await isMineToHandle(app, input.room.wechatRoomId, {
        id: input.messageId,
        fingerprint: `${input.talker.wechatId}\n${input.text}`,
      }))
    )
      return;
    const { member, room } = await recordMessage(app, {
      speaker: input.talker,
      room: input.room,
      at: app.clock.now(),
      timeZone: app.config.timeZone,
    });
    if (!room) await recordWrote(app, member.id);
    // A number in a room with an open poll is a vote, not chatter.
    if (room && (await recordPollAnswer(app, { roomId: room.id, memberId: member.id, text: input.text }))) return;
    await router.route(input, member, room);
  };
}
