// The operator's one-line flash-sale commands (新建, 改时间), parsed into what a sale needs, with a Chinese problem
// for the first thing that is wrong. Pure: the clock and zone come in.

import { MAX_QUOTE, snippet } from "../../../kernel/text/clean-text.js";
import { priceWord, tokenizeCreateWords, unknownWordProblem, wholeNumberWord } from "../../../kernel/text/create-command-words.js";
import { type Parsed, parseWhen } from "../../../kernel/time/when.js";

export interface FlashSaleDraft {
  product: string;
  priceCents: number;
  originalPriceCents?: number;
  stock: number;
  perMemberLimit: number;
  startsAt: Date;
  endsAt: Date;
  /** `全部`/`all`: every room of the community instead of this room. */
  allRooms: boolean;
}

const MIN_DURATION_MS = 10_000;
const MAX_DURATION_MS = 7 * 86_400_000;

function duration(found: { ms: number; typed: string } | undefined): Parsed<number | undefined> {
  if (found === undefined || (found.ms >= MIN_DURATION_MS && found.ms <= MAX_DURATION_MS)) return { ok: true, value: found?.ms };
  return { ok: false, problem: `时长要在 10秒 到 7天 之间（你写的是 ${found.typed}）/ duration out of range` };
}

/**
 * `电动牙刷 价99 原价199 库存100 明天20:00 30分钟 [限购2] [全部]` → a draft, or the first problem.
 *
 * @example parseFlashSaleArgs(["牙刷","价99","库存10","现在","30分钟"], { now, zone }).ok // true
 */
export function parseFlashSaleArgs(words: readonly string[], at: { now: Date; zone: string }): Parsed<FlashSaleDraft> {
  const t = tokenizeCreateWords(words);
  if (t.product.length === 0) return { ok: false, problem: "缺少商品名 / missing product" };
  if (t.unknown.length) return unknownWordProblem(t.unknown[0]!);
  const price = priceWord(t.keyed.get("price"), "价格", true);
  if (!price.ok) return price;
  const original = priceWord(t.keyed.get("original"), "原价", false);
  if (!original.ok) return original;
  if (original.value !== undefined && original.value <= price.value!) {
    return { ok: false, problem: "原价要高于秒杀价 / original price must be above the price" };
  }
  const stock = wholeNumberWord(t.keyed.get("stock"), "库存", 1, 1_000_000);
  if (!stock.ok) return stock;
  const limit = wholeNumberWord(t.keyed.get("limit"), "限购", 1, 100, 1);
  if (!limit.ok) return limit;
  if (t.times.length === 0) return { ok: false, problem: "缺少开始时间，如 明天20:00 或 现在 / missing start time" };
  if (t.times.length > 1)
    return { ok: false, problem: `只能有一个开始时间（看到 ${t.times.map((w) => snippet(w, MAX_QUOTE)).join("、")}）/ one start time` };
  const start = parseWhen(t.times[0]!, at);
  if (!start.ok) return start;
  if (t.durations.length !== 1) return { ok: false, problem: "缺少时长，如 30分钟 或 2小时 / missing duration" };
  const length = duration(t.durations[0]);
  if (!length.ok) return length;
  return {
    ok: true,
    value: {
      product: t.product.join(" "),
      priceCents: price.value!,
      originalPriceCents: original.value,
      stock: stock.value,
      perMemberLimit: limit.value,
      startsAt: start.value,
      endsAt: new Date(start.value.getTime() + length.value!),
      allRooms: t.allRooms,
    },
  };
}

/**
 * `明天21:00 [30分钟]` → a new start (and duration, if given) for a sale that has not started.
 *
 * @example parseMove(["明天21:00"], { now, zone }) // { ok: true, value: { startsAt, durationMs: undefined } }
 */
export function parseMove(words: readonly string[], at: { now: Date; zone: string }): Parsed<{ startsAt: Date; durationMs?: number }> {
  const t = tokenizeCreateWords(["_", ...words]);
  if (t.unknown.length) return unknownWordProblem(t.unknown[0]!);
  if (t.keyed.size) return { ok: false, problem: `看不懂「${snippet([...t.keyed.keys()][0]!, MAX_QUOTE)}」/ unknown word` };
  if (t.times.length !== 1) return { ok: false, problem: "请写一个新的开始时间，如 明天21:00 / one start time" };
  const start = parseWhen(t.times[0]!, at);
  if (!start.ok) return start;
  if (t.durations.length > 1) return { ok: false, problem: "只能有一个时长 / one duration" };
  const length = duration(t.durations[0]);
  if (!length.ok) return length;
  return { ok: true, value: { startsAt: start.value, durationMs: length.value } };
}
