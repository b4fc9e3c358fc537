// A chat message as everything past the Wechaty edge sees it: plain data, cleaned and bounded.
import { boundText, cleanChatText, MAX_CHAT_TEXT } from "../text/clean-text.js";

/** A message as the rest of Siyu sees it: plain data, no puppet objects past this edge. */
export interface ChatInput {
  messageId: string;
  talker: { wechatId: string; name: string };
  room?: { wechatRoomId: string; topic: string };
  /** Cleaned (no NUL, no lone surrogates) and at most MAX_CHAT_TEXT long. */
  text: string;
  /** The message was longer than MAX_CHAT_TEXT: `text` is its start, and it is never parsed as a command. */
  truncated?: boolean;
  /** Members @-mentioned in a room message, in order. */
  mentions: Array<{ wechatId: string; name: string }>;
  at: Date;
}

// Nicknames and topics are short in WeChat; a puppet handing over more is not trusted with more.
const MAX_NAME = 100;

const cleanName = (name: string) => boundText(cleanChatText(name), MAX_NAME).text;

/**
 * The same input with every text from the puppet cleaned and the message bounded. Idempotent, so the
 * router applies it again for callers that did not come through toChatInput.
 *
 * @example cleanChatInput({ …, text: "#券 列表 \u0000x" }).text // "#券 列表 x"
 */
export function cleanChatInput(input: ChatInput): ChatInput {
  const { text, truncated } = boundText(cleanChatText(input.text), MAX_CHAT_TEXT);
  return {
    ...input,
    talker: { wechatId: input.talker.wechatId, name: cleanName(input.talker.name) },
    room: input.room ? { wechatRoomId: input.room.wechatRoomId, topic: cleanName(input.room.topic) } : undefined,
    text,
    truncated: truncated || input.truncated === true,
    mentions: input.mentions.map((m) => ({ wechatId: m.wechatId, name: cleanName(m.name) })),
  };
}
