// Times and durations as operators type them, in the community's time zone. Pure: "now" is an input.
import { DateTime } from "luxon";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const HHMM = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;
const DAY_WORDS: Record<string, number> = { 今天: 0, 今日: 0, today: 0, 明天: 1, 明日: 1, tomorrow: 1, 后天: 2 };
const NOW_WORDS = new Set(["现在", "立即", "马上", "now"]);
const UNIT_MS: Record<string, number> = {
  s: 1000, sec: 1000, 秒: 1000, 秒钟: 1000,
  m: 60_000, min: 60_000, 分: 60_000, 分钟: 60_000,
  h: 3_600_000, hr: 3_600_000, 时: 3_600_000, 小时: 3_600_000, 个小时: 3_600_000,
  d: 86_400_000, 天: 86_400_000,
};
const DURATION_PART = /(\d+(?:\.\d+)?)(个小时|小时|分钟|秒钟|min|sec|hr|时|分|秒|天|s|m|h|d)/gy;

/**
 * A duration such as `30m`, `30分钟`, `2h`, `2小时`, `1小时30分钟`, `90s`. Undefined if it is not one.
 *
 * @example parseDuration("1h30m") // 5_400_000
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let m = DURATION_PART.exec(t); m; m = DURATION_PART.exec(t)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    end = DURATION_PART.lastIndex;
  }
  return end === t.length && total > 0 ? Math.round(total) : undefined;
}

/** Whether a word looks like (part of) a time the operator meant, so the argument parser can take it. */
export function looksLikeTime(word: string): boolean {
  const w = word.toLowerCase();
  return (
    NOW_WORDS.has(w) ||
    HHMM.test(w) ||
    /^(今天|今日|明天|明日|后天|today|tomorrow)/.test(w) ||
    /^(\d{4}-)?\d{1,2}-\d{1,2}$/.test(w) ||
    /^(\d{4}-)?\d{1,2}-\d{1,2}[ tT]?([01]?\d|2[0-3])[:：][0-5]\d$/.test(w) ||
    /^\d+(\.\d+)?(秒|秒钟|分钟|分|小时|个小时|天|s|m|min|h)后$/.test(w)
  );
}

/**
 * An instant from what an operator typed, in `zone`: `20:00`, `明天20:00`, `12-01 20:00`,
 * `2026-12-01 20:00`, `现在`/`立即`/`now`, or relative `10分钟后`/`30秒后`.
 * A time that has already passed is a problem (with a hint), never silently moved; a date without a year
 * more than half a year back is next year's (`01-02` typed on 12-28).
 *
 * @example parseWhen("明天20:00", { now, zone: "Asia/Shanghai" }) // { ok: true, value: <tomorrow 12:00Z> }
 */
export function parseWhen(text: string, at: { now: Date; zone: string }): Parsed<Date> {
  const t = text.trim().replace(/：/g, ":").replace(/\s+/g, " ");
  const now = DateTime.fromJSDate(at.now, { zone: at.zone });
  const bad: Parsed<Date> = { ok: false, problem: `看不懂时间「${text}」，请写 20:00、明天20:00、12-01 20:00 或 现在 / unknown time` };
  if (NOW_WORDS.has(t.toLowerCase())) return { ok: true, value: at.now };

  const relative = /^(.+)后$/.exec(t);
  if (relative) {
    const ms = parseDuration(relative[1]!);
    return ms === undefined ? bad : { ok: true, value: new Date(at.now.getTime() + ms) };
  }

  let day: DateTime | undefined;
  let clock = t;
  const word = /^(今天|今日|明天|明日|后天|today|tomorrow)\s?(.*)$/i.exec(t);
  const date = /^(?:(\d{4})-)?(\d{1,2})-(\d{1,2})(?:[ tT]?(.*))?$/.exec(t);
  if (word) {
    day = now.startOf("day").plus({ days: DAY_WORDS[word[1]!.toLowerCase()]! });
    clock = word[2]!;
  } else if (date && date[4] !== undefined && HHMM.test(date[4])) {
    const ymd = (year: number) => DateTime.fromObject({ year, month: Number(date[2]), day: Number(date[3]) }, { zone: at.zone });
    day = ymd(date[1] ? Number(date[1]) : now.year);
    // `01-02 20:00` typed in late December means next January; a date only weeks past is still refused below.
    if (!date[1] && day.isValid && day < now.startOf("day").minus({ months: 6 })) day = ymd(now.year + 1);
    if (!day.isValid) return { ok: false, problem: `没有这一天「${text}」/ no such date` };
    clock = date[4];
  } else {
    day = now.startOf("day");
  }
  const hm = HHMM.exec(clock.trim());
  if (!hm) return bad;
  const value = day.set({ hour: Number(hm[1]), minute: Number(hm[2]), second: 0, millisecond: 0 });
  if (value.toMillis() < at.now.getTime() - 60_000) {
    return { ok: false, problem: `时间「${text}」已经过去了（现在是 ${now.toFormat("MM-dd HH:mm")}），请写以后的时间，如 明天${hm[1]}:${hm[2]} / that time has passed` };
  }
  return { ok: true, value: value.toJSDate() };
}

/**
 * Money as typed (`99`, `99.9`, `¥99.90`) in cents. Undefined for anything else.
 *
 * @example parseYuan("99.9") // 9990
 */
export function parseYuan(text: string): number | undefined {
  const m = /^[¥￥]?(\d{1,7})(?:\.(\d{1,2}))?(?:元)?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

