// How an operator writes a bundle: `套餐 新增 家庭套装 电动牙刷+延保 价 399 [金卡 359 黑金 329]`. Pure.
import { parseYuan } from "../../../kernel/text/money.js";

/** The highest bundle price an operator can declare: ¥9,999,999.99. */
const MAX_PRICE_CENTS = 999_999_999;

/** A member price for a loyalty level, as typed (checked against the levels by `checkLevelPrices`). */
export interface LevelPrice {
  level: string;
  priceCents: number;
}

export type BundleParse =
  | { kind: "ok"; name: string; items: string[]; priceCents: number; levelPrices: LevelPrice[] }
  | { kind: "invalid" };

const priceOf = (text: string | undefined) => {
  const cents = text === undefined ? undefined : parseYuan(text);
  return cents === undefined || cents <= 0 || cents > MAX_PRICE_CENTS ? undefined : cents;
};

/** `金卡 359` / `金卡:359` pairs after the base price; undefined if any word is not one. */
function readLevelPrices(words: readonly string[]): LevelPrice[] | undefined {
  const prices: LevelPrice[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const colon = word.search(/[:：]/);
    const [level, priceText] = colon > 0 ? [word.slice(0, colon), word.slice(colon + 1)] : [word, words[++i]];
    const priceCents = priceOf(priceText);
    if (priceCents === undefined || level.length > 20) return undefined;
    prices.push({ level, priceCents });
  }
  return prices;
}

/**
 * Reads `<名称> <商品>+<商品>[+…] 价 <元> [<等级> <元> …]` (also `价:399`, `¥399`, `金卡:359`, full-width ＋).
 * Split on white space and plus signs only: linear in the text, whatever it holds.
 *
 * @example parseBundle("家庭套装 电动牙刷+延保 价 399 金卡 359") // { kind: "ok", name: "家庭套装", items: ["电动牙刷", "延保"], priceCents: 39900, levelPrices: [{ level: "金卡", priceCents: 35900 }] }
 */
export function parseBundle(text: string): BundleParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length > 40) return { kind: "invalid" };
  let mark = -1;
  let priceText: string | undefined;
  let end = 0;
  for (const [i, word] of words.entries()) {
    if (word === "价" || word.toLowerCase() === "price") {
      [mark, priceText, end] = [i, words[i + 1], i + 2];
      break;
    }
    if (/^价[:：]?\S/.test(word)) {
      [mark, priceText, end] = [i, word.replace(/^价[:：]?/, ""), i + 1];
      break;
    }
  }
  if (mark < 2 || priceText === undefined || end > words.length) return { kind: "invalid" };
  const priceCents = priceOf(priceText);
  const levelPrices = readLevelPrices(words.slice(end));
  if (priceCents === undefined || levelPrices === undefined || levelPrices.length > 10) return { kind: "invalid" };
  const name = words[0]!;
  const items = words
    .slice(1, mark)
    .join(" ")
    .split(/[+＋]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length < 2 || items.length > 10 || name.length > 40 || items.some((i) => i.length > 60)) return { kind: "invalid" };
  return { kind: "ok", name, items, priceCents, levelPrices };
}
