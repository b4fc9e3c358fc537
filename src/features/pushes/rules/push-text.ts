// What a push says to one recipient, and how an operator's push command is read. Pure.

import { fillTemplate } from "../../../kernel/text/fill-template.js";
import { isTimeText, normalizeInput, parseWhen, parseWhenPrefix } from "../../../kernel/time/when.js";

/** Splits content into variants: `|` starts a variant (identical text to many people is a risk signal). */
export function splitVariants(content: string): string[] {
  return content
    .split(/(?:^|\s)\|/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The variant a member gets: fixed per member (so a retry or restart picks the same), spread evenly. */
export function variantFor<T>(variants: readonly T[], memberId: number): T {
  return variants[memberId % variants.length]!;
}

export interface PushRecipient {
  name: string;
}

/**
 * The one place a recipient's text is made: {昵称}, and per-recipient extras such as the issued
 * coupon's {券码} and {有效期} or the bundle offer's {套餐} (the English aliases {coupon}, {bundle} too).
 *
 * @example renderPushText("{昵称}，新品到了", { name: "Alice" }) // "Alice，新品到了"
 */
export function renderPushText(template: string, member: PushRecipient, extras: Record<string, string | number> = {}): string {
  const english: Record<string, string | number> = {
    ...(extras.券码 === undefined ? {} : { coupon: extras.券码 }),
    ...(extras.套餐 === undefined ? {} : { bundle: extras.套餐 }),
  };
  return fillTemplate(template, { 昵称: member.name, nickname: member.name, ...english, ...extras });
}

/**
 * `券:满200减30` (or `coupon:…`) at the start of a push's content: every recipient is issued one
 * coupon of that template, and {券码} / {有效期} in the text become its code and expiry.
 */
export function parseCouponOption(text: string): { template?: string; rest: string } {
  const match = /^(券|coupon)[:：](\S+)(?:\s+|$)/i.exec(text.trim());
  return match ? { template: match[2], rest: text.trim().slice(match[0].length) } : { rest: text.trim() };
}

/**
 * `套餐:家庭套装` (or `bundle:…`) after the coupon option: {套餐} in the text becomes that bundle at each
 * recipient's level price.
 */
export function parseBundleOption(text: string): { bundle?: string; rest: string } {
  const match = /^(套餐|bundle)[:：](\S+)(?:\s+|$)/i.exec(text.trim());
  return match ? { bundle: match[2], rest: text.trim().slice(match[0].length) } : { rest: text.trim() };
}

export function usesBundle(text: string): boolean {
  return /\{(套餐|bundle)\}/.test(text);
}

export function usesCouponCode(variants: readonly string[]): boolean {
  return variants.some((variant) => /\{(券码|coupon)\}/.test(variant));
}

/** {昵称}, {券码}, {有效期}, {推荐}, {推荐理由}, {套餐}: filled per recipient, so meaningless in a post to a whole room. */
export function usesMemberPlaceholder(text: string): boolean {
  return /\{(昵称|nickname|券码|coupon|有效期|推荐|推荐理由|套餐|bundle)\}/.test(text);
}

export type ScheduleParse = { kind: "none"; rest: string } | { kind: "at"; at: Date; rest: string } | { kind: "invalid"; message: string };

/**
 * Reads an optional schedule (community time) before the content, `@ 明天10:00 新品`, or after it,
 * `新品 @ 明天10:00`; any time the shared reader understands (`@ 今晚8点`, `@ 12-01 20:00`). A time
 * that has passed is refused, as everywhere. A trailing `@ …` that is not a time is content (`找 @ 小王`).
 *
 * @example parseSchedule("@ 明天10:00 新品", now, "Asia/Shanghai") // { kind: "at", at: …, rest: "新品" }
 */
export function parseSchedule(text: string, now: Date, zone: string): ScheduleParse {
  const trimmed = text.trim();
  // Read from the normalised text (＠, full-width digits); cut from what was typed (same indices).
  const plain = normalizeInput(trimmed);
  const at = { now, zone };
  if (plain.startsWith("@")) {
    const found = parseWhenPrefix(trimmed.slice(1), at);
    if (!found) return { kind: "invalid", message: `时间写法：@ 明天10:00、@ 今晚8点、@ 20:30、@ 11-25 10:00 / time like @ 明天10:00` };
    if (!found.result.ok) return { kind: "invalid", message: found.result.problem };
    return { kind: "at", at: found.result.value, rest: trimmed.slice(1 + found.length).trim() };
  }
  // The last @, after a space, with something after it: found by a scan (the regex `\s@\s*([^@]+)$`
  // retried every run of spaces from every @, quadratically).
  const mark = plain.lastIndexOf("@");
  const after = mark > 0 && /\s/.test(plain.charAt(mark - 1)) ? plain.slice(mark + 1) : "";
  if (after.trim() !== "" && isTimeText(after)) {
    const when = parseWhen(after, at);
    if (!when.ok) return { kind: "invalid", message: when.problem };
    return { kind: "at", at: when.value, rest: trimmed.slice(0, mark - 1).trim() };
  }
  return { kind: "none", rest: trimmed };
}

/** `群:VIP群,北京1群` or `群标签:北京` at the start of a push: a group post. */
export type RoomSelector = { kind: "topics"; topics: string[] } | { kind: "tag"; tag: string };

export function parseRoomSelector(text: string): { selector: RoomSelector; rest: string } | undefined {
  const match = /^(群标签|roomtag|群|room|rooms)[:：](\S+)(?:\s+|$)/i.exec(text.trim());
  if (!match) return undefined;
  const rest = text.trim().slice(match[0].length);
  // "群:VIP群 且 …" is a member segment (members of the room), not a group post.
  if (/^(且|或|and\b|or\b)/i.test(rest)) return undefined;
  const names = match[2]!
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const isTag = /^(群标签|roomtag)$/i.test(match[1]!);
  return { selector: isTag ? { kind: "tag", tag: names[0]! } : { kind: "topics", topics: names }, rest };
}
