// Times and durations as operators type them, in the community's time zone: the one reader for flash
// sales, group-buy deadlines, push schedules and calendar items. Pure: "now" is an input.
import { DateTime } from "luxon";
import { MAX_QUOTE, snippet } from "../text/clean-text.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  秒: 1000,
  秒钟: 1000,
  m: 60_000,
  min: 60_000,
  分: 60_000,
  分钟: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  时: 3_600_000,
  小时: 3_600_000,
  个小时: 3_600_000,
  钟头: 3_600_000,
  个钟头: 3_600_000,
  d: 86_400_000,
  天: 86_400_000,
};
const DURATION_PART = /(\d+(?:\.\d+)?)(个小时|个钟头|小时|钟头|分钟|秒钟|min|sec|hr|时|分|秒|天|s|m|h|d)/gy;

/**
 * Full-width digits, letters and signs as their ASCII forms (NFKC, one character at a time so every
 * index still points at the same character of what the operator typed).
 *
 * @example normalizeInput("价９９") // "价99"
 */
export function normalizeInput(text: string): string {
  // CJK unified ideographs are their own NFKC form: skipped, so a long Chinese line costs one scan.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "all of ASCII", not a search for controls.
  return text.replace(/[^\x00-\x7f\u4e00-\u9fff]/g, (c) => {
    const n = c.normalize("NFKC");
    return n.length === 1 ? n : c;
  });
}

/**
 * A duration such as `30m`, `30分钟`, `2h`, `2小时`, `1小时30分钟`, `90s`, `半小时`, `1个半小时`.
 * Undefined if it is not one; `0分钟` is 0 (the caller says what the least is).
 *
 * @example parseDuration("1h30m") // 5_400_000
 */
export function parseDuration(text: string): number | undefined {
  const t = normalizeInput(text)
    .trim()
    .toLowerCase()
    .replace(/^(\d+)个半(小时|钟头)/, "$1.5$2")
    .replace(/^半个?(小时|钟头)/, "0.5$1");
  if (!t) return undefined;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let m = DURATION_PART.exec(t); m; m = DURATION_PART.exec(t)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    end = DURATION_PART.lastIndex;
  }
  return end === t.length ? Math.round(total) : undefined;
}

const DAY_OFFSETS: Record<string, number> = {
  今天: 0,
  今日: 0,
  today: 0,
  今晚: 0,
  今早: 0,
  明天: 1,
  明日: 1,
  tomorrow: 1,
  明晚: 1,
  明早: 1,
  后天: 2,
};
type Period = "morning" | "noon" | "afternoon";
const PERIODS: Record<string, Period> = {
  凌晨: "morning",
  早上: "morning",
  早晨: "morning",
  上午: "morning",
  今早: "morning",
  明早: "morning",
  中午: "noon",
  下午: "afternoon",
  傍晚: "afternoon",
  晚上: "afternoon",
  夜里: "afternoon",
  今晚: "afternoon",
  明晚: "afternoon",
};
const NOW = /^(现在|立即|马上|now)(?=\s|$)/i;
const RELATIVE = /^(\S+?)后/;
// [day word | date] [period] clock: 明天20:00, 今晚8点, 明天 晚上8点半, 12月1日 20:00, 12/01 20:00, 下午3点.
// Not `20时`: `2时` is also a duration.
const CLOCK = String.raw`(\d{1,2})(?::(\d{2})|点(?:(半)|(\d{1,2})分?)?)`;
// The spaces after a period word belong to it: `[\sT]*(period)?\s*` let two runs of spaces share the
// same characters, so a date followed by thousands of spaces backtracked quadratically.
const WHEN = new RegExp(
  String.raw`^(?:(${Object.keys(DAY_OFFSETS).join("|")})|(?:(\d{4})[-/年])?(\d{1,2})[-/月](\d{1,2})[日号]?)?[\sT]*` +
    String.raw`(?:(${Object.keys(PERIODS).join("|")})\s*)?${CLOCK}`,
  "i",
);
const WHOLE_CLOCK = new RegExp(String.raw`^(${Object.keys(PERIODS).join("|")})?\s*${CLOCK}$`);

export const WHEN_EXAMPLES = "20:00、今晚8点、明天20:00、12-01 20:00、10分钟后 或 现在";

type Reading =
  | { kind: "now" }
  | { kind: "in"; ms: number }
  | { kind: "at"; day?: string; date?: { year?: number; month: number; day: number }; hour: number; minute: number };

/** What a time at the start of (normalised) `text` says, and how many characters it took. */
function read(text: string): { reading: Reading; length: number } | undefined {
  const now = NOW.exec(text);
  if (now) return { reading: { kind: "now" }, length: now[0].length };
  const relative = RELATIVE.exec(text);
  const ms = relative ? parseDuration(relative[1]!) : undefined;
  if (relative && ms !== undefined) return { reading: { kind: "in", ms }, length: relative[0].length };
  const m = WHEN.exec(text);
  if (!m) return undefined;
  const [, day, year, month, date, period, hour, colonMinute, half, pointMinute] = m;
  const clock = hourOf(Number(hour), PERIODS[period ?? day ?? ""]);
  const minute = half ? 30 : Number(colonMinute ?? pointMinute ?? 0);
  if (clock === undefined || minute > 59) return undefined;
  return {
    reading: {
      kind: "at",
      day: day?.toLowerCase(),
      date:
        month === undefined ? undefined : { year: year === undefined ? undefined : Number(year), month: Number(month), day: Number(date) },
      hour: clock,
      minute,
    },
    length: m[0].length,
  };
}

/** 8 with 晚上 is 20; 晚上12点 and 上午15点 are refused rather than guessed. */
function hourOf(hour: number, period: Period | undefined): number | undefined {
  if (hour > 23) return undefined;
  if (period === "afternoon") return hour >= 1 && hour <= 11 ? hour + 12 : hour >= 13 ? hour : undefined;
  if (period === "noon") return hour >= 1 && hour <= 3 ? hour + 12 : hour;
  if (period === "morning") return hour <= 12 ? hour : undefined;
  return hour;
}

/**
 * A clock time of day alone (`20:00`, `晚上8点`, `9点半`), for recurring times such as `每天 晚上8点`.
 *
 * @example parseClock("晚上8点半") // { hour: 20, minute: 30 }
 */
export function parseClock(text: string): { hour: number; minute: number } | undefined {
  const t = normalizeInput(text).trim();
  if (!WHOLE_CLOCK.test(t)) return undefined;
  const found = read(t);
  return found?.reading.kind === "at" ? { hour: found.reading.hour, minute: found.reading.minute } : undefined;
}

/** Whether all of `text` is written as a time (it may still have passed or name no real day). */
export function isTimeText(text: string): boolean {
  const t = normalizeInput(text).trim();
  return t !== "" && read(t)?.length === t.length;
}

/** Whether a word looks like (part of) a time the operator meant, so the argument parser can take it. */
export function looksLikeTime(word: string): boolean {
  const w = normalizeInput(word).toLowerCase();
  return isTimeText(w) || /^(今天|今日|明天|明日|后天|今晚|明晚|today|tomorrow)/.test(w) || /^(\d{4}[-/])?\d{1,2}[-/]\d{1,2}$/.test(w);
}

/**
 * An instant from what an operator typed, in `zone`: `20:00`, `今晚8点`, `下午3点`, `明天20:00`,
 * `明天 晚上8点`, `12-01 20:00`, `12月1日 20:00`, `12/01 20:00`, `2026-12-01 20:00`, `现在`/`now`,
 * or relative `10分钟后`/`半小时后`. Full-width digits are read as digits.
 * One rule for the past: a time that has passed is a problem, never silently moved, and a bare clock
 * time (no day named) that has passed today says how to write tomorrow's. A date without a year more
 * than half a year back is next year's (`01-02` typed on 12-28).
 *
 * @example parseWhen("明天20:00", { now, zone: "Asia/Shanghai" }) // { ok: true, value: <tomorrow 12:00Z> }
 */
export function parseWhen(text: string, at: { now: Date; zone: string }): Parsed<Date> {
  const found = parseWhenPrefix(text.trim(), at);
  if (!found || found.length !== text.trim().length)
    return { ok: false, problem: `看不懂时间「${snippet(text.trim(), MAX_QUOTE)}」，请写 ${WHEN_EXAMPLES} / unknown time` };
  return found.result;
}

/**
 * The time at the start of `text` (a push's `@ 明天10:00 内容`) and how many characters it took, or
 * undefined if `text` does not start with one.
 */
export function parseWhenPrefix(text: string, at: { now: Date; zone: string }): { result: Parsed<Date>; length: number } | undefined {
  const lead = text.length - text.trimStart().length;
  const found = read(normalizeInput(text.slice(lead)));
  if (!found) return undefined;
  const typed = text.slice(lead, lead + found.length);
  return { result: resolve(found.reading, typed, at), length: lead + found.length };
}

function resolve(reading: Reading, typed: string, at: { now: Date; zone: string }): Parsed<Date> {
  if (reading.kind === "now") return { ok: true, value: at.now };
  if (reading.kind === "in") return { ok: true, value: new Date(at.now.getTime() + reading.ms) };
  const now = DateTime.fromJSDate(at.now, { zone: at.zone });
  let day = now.startOf("day");
  if (reading.day !== undefined) day = day.plus({ days: DAY_OFFSETS[reading.day]! });
  if (reading.date) {
    const { year, month, day: date } = reading.date;
    const ymd = (y: number) => DateTime.fromObject({ year: y, month, day: date }, { zone: at.zone });
    day = ymd(year ?? now.year);
    // `01-02 20:00` typed in late December means next January; a date only weeks past is still refused below.
    if (year === undefined && day.isValid && day < now.startOf("day").minus({ months: 6 })) day = ymd(now.year + 1);
    if (!day.isValid) return { ok: false, problem: `没有这一天「${snippet(typed, MAX_QUOTE)}」/ no such date` };
  }
  const value = day.set({ hour: reading.hour, minute: reading.minute, second: 0, millisecond: 0 });
  // A minute's grace: "20:00" typed at 20:00:40 means now.
  if (value.toMillis() >= at.now.getTime() - 60_000) return { ok: true, value: value.toJSDate() };
  const clock = value.toFormat("HH:mm");
  if (reading.day === undefined && !reading.date) {
    return { ok: false, problem: `今天 ${clock} 已经过去了，要明天请写「明天${clock}」/ ${clock} today has passed` };
  }
  return {
    ok: false,
    problem: `时间「${snippet(typed, MAX_QUOTE)}」已经过去了（现在是 ${now.toFormat("MM-dd HH:mm")}），请写以后的时间 / that time has passed`,
  };
}
