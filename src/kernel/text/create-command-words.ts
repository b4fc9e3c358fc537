// The words of an operator's one-line create command (秒杀 新建 …, 拼团 新建 …), sorted into the product
// name, keyed values (价, 原价, 库存, 限购, 截止, N人团), times, durations and 全部. One tokenizer for every
// sale, so a word means the same in each; each feature's parser then says what its command needs. Pure.

import { isTimeText, looksLikeTime, normalizeInput, type Parsed, parseDuration, WHEN_EXAMPLES } from "../time/when.js";
import { MAX_QUOTE, snippet } from "./clean-text.js";
import { parseMoney } from "./money.js";

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

/** A create command's words, sorted. `unknown`: words after the keyed ones or times that are none of them. */
export interface CreateWords {
  product: string[];
  keyed: Map<string, string>;
  times: string[];
  durations: Array<{ ms: number; typed: string }>;
  allRooms: boolean;
  unknown: string[];
}

/**
 * Sorts a create command's words: leading words are the product; `价99`/`价 99`, `截止明天 22:00`, `3人团`
 * are keyed; `明天 20:00` is one time in two words; `30分钟` (after the product) is a duration.
 *
 * @example tokenizeCreateWords(["牙刷", "价99", "现在", "30分钟"]) // { product: ["牙刷"], keyed: {price: "99"}, times: ["现在"], durations: [{ ms: 1800000, … }], … }
 */
export function tokenizeCreateWords(words: readonly string[]): CreateWords {
  const out: CreateWords = { product: [], keyed: new Map(), times: [], durations: [], allRooms: false, unknown: [] };
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

/** A keyed whole number within [min, max] (`库存100`, `限购2`), `fallback` when absent, or the problem. */
export function wholeNumberWord(text: string | undefined, what: string, min: number, max: number, fallback?: number): Parsed<number> {
  if (text === undefined) {
    return fallback === undefined ? { ok: false, problem: `缺少${what} / missing ${what}` } : { ok: true, value: fallback };
  }
  if (!/^\d+$/.test(text)) return { ok: false, problem: `${what}「${snippet(text, MAX_QUOTE)}」要写整数 / must be a whole number` };
  const n = Number(text);
  if (n < min || n > max) return { ok: false, problem: `${what}要在 ${min}–${max} 之间（你写的是 ${n}）/ out of range` };
  return { ok: true, value: n };
}

/** A keyed price (`价99`, `原价199`) in cents, at most ¥1,000,000; absent: the problem when `required`. */
export function priceWord(text: string | undefined, what: string, required: boolean): Parsed<number | undefined> {
  if (text === undefined || text === "") {
    return required ? { ok: false, problem: `缺少${what}，如 价99 / missing price` } : { ok: true, value: undefined };
  }
  return parseMoney(what, text, { max: MAX_PRICE_CENTS });
}

/** The one unknown word's problem: a garbled time gets the forms a time may take. */
export function unknownWordProblem(word: string): Parsed<never> {
  if (/\d\s*[:：点]|^(今|明|后天|早|上午|中午|下午|傍晚|晚上)/.test(normalizeInput(word))) {
    return { ok: false, problem: `看不懂时间「${snippet(word, MAX_QUOTE)}」，请写 ${WHEN_EXAMPLES} / unknown time` };
  }
  return { ok: false, problem: `看不懂「${snippet(word, MAX_QUOTE)}」/ unknown word` };
}
