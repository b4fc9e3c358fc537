// Money is integer cents (分) everywhere; these are the only ways it is read from and shown to people.
import { MAX_QUOTE, snippet } from "./clean-text.js";

/**
 * Cents as a shown amount: thousands separated, no decimals for whole yuan, else exactly two.
 *
 * @example formatYuan(1234550) // "12,345.50"
 */
export function formatYuan(cents: number | bigint): string {
  const value = Number(cents);
  const abs = Math.abs(value);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ",");
  const rest = abs % 100;
  return `${value < 0 ? "-" : ""}${yuan}${rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`}`;
}

/** Cents as a price: 3000 → "¥30", 1990 → "¥19.90", 199999900 → "¥1,999,999". */
export function formatPrice(cents: number | bigint): string {
  return `¥${formatYuan(cents)}`;
}

/**
 * Money as typed, in cents: `99`, `99.9`, `¥99.90`, `￥1,999`, `20元`, full-width digits. Undefined for
 * anything else (the caller checks the range, so `99999999` is a number, not a typo of one).
 *
 * @example parseYuan("¥99.9") // 9990
 */
export function parseYuan(text: string): number | undefined {
  const t = text.trim().normalize("NFKC").replace(/^[¥]/, "").replace(/元$/, "");
  const m = /^(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]!.replace(/,/g, "")) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/**
 * An amount an operator typed for a field, checked against its range, with the problem in words.
 *
 * @example parseMoney("价格", "99999999", { max: 100_000_000 }) // { ok: false, problem: "价格要在 ¥0.01–¥1,000,000 之间…" }
 */
export function parseMoney(
  what: string,
  text: string,
  range: { min?: number; max: number },
): { ok: true; value: number } | { ok: false; problem: string } {
  const cents = parseYuan(text);
  if (cents === undefined)
    return { ok: false, problem: `${what}「${snippet(text, MAX_QUOTE)}」不是金额，请写 99、99.9 或 ¥99 / must be an amount` };
  const min = range.min ?? 1;
  if (cents < min || cents > range.max) {
    return {
      ok: false,
      problem: `${what}要在 ${formatPrice(min)}–${formatPrice(range.max)} 之间（你写的是 ${formatPrice(cents)}）/ out of range`,
    };
  }
  return { ok: true, value: cents };
}
