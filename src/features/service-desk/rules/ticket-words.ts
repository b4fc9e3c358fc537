// Reading what people type about tickets: a ticket number, a rating. Pure and linear (no regex that
// could backtrack on chat text).
import { boundText } from "../../../kernel/text/clean-text.js";

const MAX_TICKET_DIGITS = 9;

/**
 * A ticket number as typed: T12, t12, #T12, T12。 or 12.
 *
 * @example parseTicketNumber("T12") // 12
 * @example parseTicketNumber("T") // undefined
 */
export function parseTicketNumber(word: string): number | undefined {
  let text = word.normalize("NFKC").trim();
  if (text.startsWith("#")) text = text.slice(1);
  if (text.startsWith("T") || text.startsWith("t")) text = text.slice(1);
  while (text.length > 0 && "。.，,！!？?".includes(text.charAt(text.length - 1))) text = text.slice(0, -1);
  if (text.length === 0 || text.length > MAX_TICKET_DIGITS) return undefined;
  for (const char of text) if (char < "0" || char > "9") return undefined;
  const id = Number(text);
  return id >= 1 ? id : undefined;
}

export type RatingReading = { kind: "rating"; score: number; comment?: string } | { kind: "invalid" };

const MAX_COMMENT = 500;

/**
 * A member's answer to the follow-up: a number 1–5 first, then an optional comment.
 *
 * @example parseRating("5 很满意") // { kind: "rating", score: 5, comment: "很满意" }
 * @example parseRating("10") // { kind: "invalid" }
 */
export function parseRating(text: string): RatingReading {
  const trimmed = text.trim();
  const first = trimmed.charAt(0).normalize("NFKC");
  const second = trimmed.charAt(1).normalize("NFKC");
  if (first < "1" || first > "5" || (second >= "0" && second <= "9")) return { kind: "invalid" };
  // "5分" is a score of 5 with no comment.
  let rest = trimmed.slice(1);
  if (rest.startsWith("分") || rest.startsWith("星")) rest = rest.slice(1);
  const comment = boundText(rest.replace(/^[\s,，:：。.、!！-]+/, ""), MAX_COMMENT).text;
  return comment ? { kind: "rating", score: Number(first), comment } : { kind: "rating", score: Number(first) };
}
