// The operator's one-line create commands, parsed into what a sale needs, with a Chinese problem
// for the first thing that is wrong. Pure: the clock and zone come in.
import { parseMoney } from "../../../kernel/text/money.js";
import { isTimeText, looksLikeTime, normalizeInput, parseDuration, parseWhen, WHEN_EXAMPLES, type Parsed } from "../../../kernel/time/when.js";
import { MAX_QUOTE, snippet } from "../../../kernel/text/clean-text.js";

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

export interface GroupBuyDraft {
  product: string;
  priceCents: number;
  teamSize: number;
  perMemberLimit: number;
  deadline: Date;
  allRooms: boolean;
}

type Keyed = { key: string; value: string };

const KEYS: Array<[RegExp, string]> = [
  [/^(原价|was|orig)[:：]?(.*)$/i, "original"],
  [/^(价格|价|price)[:：]?(.*)$/i, "price"],
  [/^(库存|stock)[:：]?(.*)$/i, "stock"],
  [/^(限购|每人限购|limit)[:：]?(.*)$/i, "limit"],
  [/^(截止|截至|deadline|until)[:：]?(.*)$/i, "deadline"],
  [/^(?:(\d+)人团|team[:：]?(\d+)|(\d+)人)$/i, "team"],
];
const ALL_WORDS = new Set(["全部", "所有群", "all"]);
/** A sale's price: at most ¥1,000,000 (more is a typo of extra digits). */
const MAX_PRICE_CENTS = 100_000_000;
const MIN_DURATION_MS = 10_000;
const MAX_DURATION_MS = 7 * 86_400_000;

interface Tokens {
  product: string[];
  keyed: Map<string, string>;
  times: string[];
  durations: Array<{ ms: number; typed: string }>;
  allRooms: boolean;
  unknown: string[];
}

function tokenize(words: readonly string[]): Tokens {
  const out: Tokens = { product: [], keyed: new Map(), times: [], durations: [], allRooms: false, unknown: [] };
  for (let i = 0; i < words.length; i++) {
    // Full-width digits (价９９) read as digits; the product name is kept as typed.
    const word = normalizeInput(words[i]!);
    const next = words[i + 1] === undefined ? undefined : normalizeInput(words[i + 1]!);
    if (ALL_WORDS.has(word.toLowerCase())) {
      out.allRooms = true;
      continue;
    }
    const keyed = keyedWord(word);
    if (keyed) {
      let value = keyed.value;
      // `价 99`, `库存 100`, `截止 明天22:00`: the value may be the next word.
      if (value === "" && keyed.key !== "team" && next !== undefined) value = normalizeInput(words[++i]!);
      // `截止明天 22:00`, `截止12-01 22:00`: the time may continue in the next word.
      const more = words[i + 1] === undefined ? undefined : normalizeInput(words[i + 1]!);
      if (keyed.key === "deadline" && more !== undefined && !isTimeText(value) && isTimeText(`${value} ${more}`)) {
        value += ` ${more}`;
        i++;
      }
      out.keyed.set(keyed.key, value);
      continue;
    }
    // `明天 20:00`, `tomorrow 20:00`, `12-01 20:00`, `明天 晚上8点`: one time in two words.
    if (next !== undefined && !isTimeText(word) && isTimeText(`${word} ${next}`)) {
      out.times.push(`${word} ${next}`);
      i++;
      continue;
    }
    if (looksLikeTime(word)) {
      out.times.push(word);
      continue;
    }
    const ms = parseDuration(word);
    if (ms !== undefined && out.product.length > 0) {
      out.durations.push({ ms, typed: words[i]! });
      continue;
    }
    if (out.keyed.size === 0 && out.times.length === 0) out.product.push(words[i]!);
    else out.unknown.push(words[i]!);
  }
  return out;
}

function keyedWord(word: string): Keyed | undefined {
  for (const [pattern, key] of KEYS) {
    const m = pattern.exec(word);
    if (!m) continue;
    if (key === "team") return { key, value: m[1] ?? m[2] ?? m[3] ?? "" };
    return { key, value: m[2] ?? "" };
  }
  return undefined;
}

function whole(text: string | undefined, what: string, min: number, max: number, fallback?: number): Parsed<number> {
  if (text === undefined) {
    return fallback === undefined ? { ok: false, problem: `缺少${what} / missing ${what}` } : { ok: true, value: fallback };
  }
  if (!/^\d+$/.test(text)) return { ok: false, problem: `${what}「${snippet(text, MAX_QUOTE)}」要写整数 / must be a whole number` };
  const n = Number(text);
  if (n < min || n > max) return { ok: false, problem: `${what}要在 ${min}–${max} 之间（你写的是 ${n}）/ out of range` };
  return { ok: true, value: n };
}

function money(text: string | undefined, what: string, required: boolean): Parsed<number | undefined> {
  if (text === undefined || text === "") {
    return required ? { ok: false, problem: `缺少${what}，如 价99 / missing price` } : { ok: true, value: undefined };
  }
  return parseMoney(what, text, { max: MAX_PRICE_CENTS });
}

/** The one unknown word's problem: a garbled time gets the forms a time may take. */
function unknownWord(word: string): Parsed<never> {
  if (/\d\s*[:：点]|^(今|明|后天|早|上午|中午|下午|傍晚|晚上)/.test(normalizeInput(word))) {
    return { ok: false, problem: `看不懂时间「${snippet(word, MAX_QUOTE)}」，请写 ${WHEN_EXAMPLES} / unknown time` };
  }
  return { ok: false, problem: `看不懂「${snippet(word, MAX_QUOTE)}」/ unknown word` };
}

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
  const t = tokenize(words);
  if (t.product.length === 0) return { ok: false, problem: "缺少商品名 / missing product" };
  if (t.unknown.length) return unknownWord(t.unknown[0]!);
  const price = money(t.keyed.get("price"), "价格", true);
  if (!price.ok) return price;
  const original = money(t.keyed.get("original"), "原价", false);
  if (!original.ok) return original;
  if (original.value !== undefined && original.value <= price.value!) {
    return { ok: false, problem: "原价要高于秒杀价 / original price must be above the price" };
  }
  const stock = whole(t.keyed.get("stock"), "库存", 1, 1_000_000);
  if (!stock.ok) return stock;
  const limit = whole(t.keyed.get("limit"), "限购", 1, 100, 1);
  if (!limit.ok) return limit;
  if (t.times.length === 0) return { ok: false, problem: "缺少开始时间，如 明天20:00 或 现在 / missing start time" };
  if (t.times.length > 1) return { ok: false, problem: `只能有一个开始时间（看到 ${t.times.map((w) => snippet(w, MAX_QUOTE)).join("、")}）/ one start time` };
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
 * `大米5kg 价39 3人团 截止明天22:00 [限购1] [全部]` → a draft, or the first problem.
 *
 * @example parseGroupBuyArgs(["大米","价39","3人团","截止明天22:00"], { now, zone }).ok // true
 */
export function parseGroupBuyArgs(words: readonly string[], at: { now: Date; zone: string }): Parsed<GroupBuyDraft> {
  const t = tokenize(words);
  if (t.product.length === 0) return { ok: false, problem: "缺少商品名 / missing product" };
  if (t.unknown.length) return unknownWord(t.unknown[0]!);
  if (t.durations.length) return { ok: false, problem: `看不懂「${snippet(t.durations[0]!.typed, MAX_QUOTE)}」：拼团写截止时间，如 截止明天22:00 / a group-buy has a deadline, not a duration` };
  const price = money(t.keyed.get("price"), "价格", true);
  if (!price.ok) return price;
  const size = whole(t.keyed.get("team"), "成团人数", 2, 50);
  if (!size.ok) return { ok: false, problem: t.keyed.has("team") ? size.problem : "缺少成团人数，如 3人团 / missing team size" };
  const limit = whole(t.keyed.get("limit"), "限购", 1, 100, 1);
  if (!limit.ok) return limit;
  const deadlineText = t.keyed.get("deadline") ?? t.times[0];
  if (!deadlineText) return { ok: false, problem: "缺少截止时间，如 截止明天22:00 / missing deadline" };
  const deadline = parseWhen(deadlineText, at);
  if (!deadline.ok) return deadline;
  if (deadline.value.getTime() <= at.now.getTime()) return { ok: false, problem: "截止时间要在以后 / deadline must be in the future" };
  return {
    ok: true,
    value: { product: t.product.join(" "), priceCents: price.value!, teamSize: size.value, perMemberLimit: limit.value, deadline: deadline.value, allRooms: t.allRooms },
  };
}

/**
 * `明天21:00 [30分钟]` → a new start (and duration, if given) for a sale that has not started.
 *
 * @example parseMove(["明天21:00"], { now, zone }) // { ok: true, value: { startsAt, durationMs: undefined } }
 */
export function parseMove(words: readonly string[], at: { now: Date; zone: string }): Parsed<{ startsAt: Date; durationMs?: number }> {
  const t = tokenize(["_", ...words]);
  if (t.unknown.length) return unknownWord(t.unknown[0]!);
  if (t.keyed.size) return { ok: false, problem: `看不懂「${snippet([...t.keyed.keys()][0]!, MAX_QUOTE)}」/ unknown word` };
  if (t.times.length !== 1) return { ok: false, problem: "请写一个新的开始时间，如 明天21:00 / one start time" };
  const start = parseWhen(t.times[0]!, at);
  if (!start.ok) return start;
  if (t.durations.length > 1) return { ok: false, problem: "只能有一个时长 / one duration" };
  const length = duration(t.durations[0]);
  if (!length.ok) return length;
  return { ok: true, value: { startsAt: start.value, durationMs: length.value } };
}
