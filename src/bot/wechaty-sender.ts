import type { Wechaty } from "wechaty";
import { type MessageSender, NotReachableError, type SendTarget } from "../kernel/outbox/message-sender.js";

// What puppets say when one recipient cannot be reached (deleted or blocked us, friend verification
// on, bot removed from the room). Such a failure says nothing about the account: it must not count
// toward the circuit breaker, and retrying it is pointless.
const UNREACHABLE =
  /not (a |your )?friend|非好友|不是.{0,4}好友|朋友验证|拒收|拉黑|blocked|not in (the )?room|不在群|移出|(contact|room) not found|no such (contact|room)|(contact|room) .*(not exist|doesn't exist|does not exist)/i;

/** True when a puppet's send error means this one recipient cannot be reached. */
export function isUnreachableError(error: unknown): boolean {
  return UNREACHABLE.test(error instanceof Error ? error.message : String(error));
}

/** The only caller of Wechaty's `say()`: the outbox sender hands it one governed message at a time. */
export function createWechatySender(bot: Wechaty): MessageSender {
  return {
    async send(target: SendTarget, text: string): Promise<void> {
      const conversation =
        target.kind === "room" ? await bot.Room.find({ id: target.wechatRoomId }) : await bot.Contact.find({ id: target.wechatId });
      if (!conversation) throw new NotReachableError(target);
      try {
        await conversation.say(text);
      } catch (error) {
        if (isUnreachableError(error)) throw new NotReachableError(target, { cause: error });
        throw error;
      }
    },
  };
}
