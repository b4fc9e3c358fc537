import type { Message } from "wechaty";
import { types } from "wechaty";
import { type ChatInput, cleanChatInput } from "../kernel/commands/chat-input.js";

/** Converts a Wechaty text message; undefined for our own messages and for non-text ones. */
export async function toChatInput(message: Message): Promise<ChatInput | undefined> {
  if (message.self() || message.type() !== types.Message.Text) return undefined;
  const talker = message.talker();
  const room = message.room();
  const mentions = room ? await message.mentionList() : [];
  return cleanChatInput({
    messageId: message.id,
    talker: { wechatId: talker.id, name: talker.name() },
    room: room ? { wechatRoomId: room.id, topic: await room.topic() } : undefined,
    text: message.text(),
    mentions: mentions.map((contact) => ({ wechatId: contact.id, name: contact.name() })),
    at: message.date(),
  });
}
