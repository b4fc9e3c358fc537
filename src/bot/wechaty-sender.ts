import type { Wechaty } from "wechaty";
import { NotReachableError, type MessageSender, type SendTarget } from "../infra/outbox/message-sender.js";

/** The only caller of Wechaty's `say()`: the outbox sender hands it one governed message at a time. */
export function createWechatySender(bot: Wechaty): MessageSender {
  return {
    async send(target: SendTarget, text: string): Promise<void> {
      const conversation =
        target.kind === "room" ? await bot.Room.find({ id: target.wechatRoomId }) : await bot.Contact.find({ id: target.wechatId });
      if (!conversation) throw new NotReachableError(target);
      await conversation.say(text);
    },
  };
}
