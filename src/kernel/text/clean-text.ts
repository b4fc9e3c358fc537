// Text from chat is untrusted: cleaned before anything parses or stores it, bounded before anything
// parses it, and quoted back (or logged) only as a short snippet. Pure, and linear in the input.

/** Longer messages are not parsed: a command gets a short answer, chatter is only recorded. */
export const MAX_CHAT_TEXT = 2000;

/** At most this much of a member's words is ever quoted back to a room. */
export const MAX_ECHO = 8;

/** What a problem with an operator's own arguments quotes of them (「看不懂时间「…」」): enough to find the word. */
export const MAX_QUOTE = 20;

// C0 controls except \t and \n, DEL and C1 controls: PostgreSQL refuses NUL, the rest only confuses.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Invisible format characters (zero-width spaces and joiners, bidi marks and overrides, BOM): an echo
// that keeps an RTL override can make the bot's own line read backwards.
const FORMAT = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
const WHITE_RUN = /\s+/g;
const CODE_CHAR = /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/**
 * Chat text as the rest of Siyu may see it: no NUL or other control characters (line breaks and tabs
 * kept), every lone surrogate replaced by U+FFFD.
 *
 * @example cleanChatText("#券 列表 \u0000x") // "#券 列表 x"
 */
export function cleanChatText(text: string): string {
  // toWellFormed is in Node 20 (ES2024), beyond the ES2023 lib we compile against.
  return (text as string & { toWellFormed(): string }).toWellFormed().replace(CONTROLS, "");
}

/**
 * `text` cut to `max` UTF-16 units without splitting an emoji (a surrogate pair), and whether it was cut.
 *
 * @example boundText("a😀", 2) // { text: "a", truncated: true }
 */
export function boundText(text: string, max = MAX_CHAT_TEXT): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return { text: text.slice(0, end), truncated: true };
}

/**
 * At most `max` characters of what someone typed, cleaned, invisible marks dropped, on one line, with
 * … when cut: the only form in which a member's words are quoted back.
 *
 * @example snippet("加微信wx123领100元红包") // "加微信wx123…"
 */
export function snippet(text: string, max = MAX_ECHO): string {
  // Bounded first, so a long message costs no more than a short one.
  const head = boundText(text, max * 4 + 16).text;
  const plain = cleanChatText(head).replace(FORMAT, "").replace(WHITE_RUN, " ").trim();
  const chars = [...plain];
  return chars.length > max || head.length < text.length ? `${chars.slice(0, max).join("")}…` : plain;
}

/**
 * What a log line may hold of a message: a short snippet with every letter and digit masked, so typed
 * coupon codes and bind codes never reach the logs.
 *
 * @example redactForLog("绑定 123456") // "绑定 ******"
 */
export function redactForLog(text: string): string {
  return snippet(text, 12).replace(CODE_CHAR, "*");
}
