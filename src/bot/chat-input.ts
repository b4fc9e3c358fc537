import type { Message } from "wechaty";
import { types } from "wechaty";

/** A message as the rest of Siyu sees it: plain data, no puppet objects past this edge. */
export interface ChatInput {
  messageId: string;
  talker: { wechatId: string; name: string };
  room?: { wechatRoomId: string; topic: string };
  text: string;
  /** Members @-mentioned in a room message, in order. */
  mentions: Array<{ wechatId: string; name: string }>;
  at: Date;
}

/** Converts a Wechaty text message; undefined for our own messages and for non-text ones. */
export async function toChatInput(message: Message): Promise<ChatInput | undefined> {
  if (message.self() || message.type() !== types.Message.Text) return undefined;
  const talker = message.talker();
  const room = message.room();
  const mentions = room ? await message.mentionList() : [];
  return {
    messageId: message.id,
    talker: { wechatId: talker.id, name: talker.name() },
    room: room ? { wechatRoomId: room.id, topic: await room.topic() } : undefined,
    text: message.text(),
    mentions: mentions.map((contact) => ({ wechatId: contact.id, name: contact.name() })),
    at: message.date(),
  };
}
