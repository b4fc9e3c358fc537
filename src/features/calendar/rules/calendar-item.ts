// The content calendar (内容日历): what an operator types for an item, recurrences, the week's view
// and the rhythm check against the plan (3 articles, 1 live, 2 interactions a week). Pure.
import { CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";
import { MAX_QUOTE, snippet } from "../../../kernel/text/clean-text.js";
import { isTimeText, normalizeInput, parseClock, parseWhen as parseInstant } from "../../../kernel/time/when.js";

export const CALENDAR_KINDS = ["article", "live", "interaction"] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export const KIND_WORDS: Record<string, CalendarKind> = {
  文章: "article",
  article: "article",
  直播: "live",
  live: "live",
  互动: "interaction",
  interaction: "interaction",
  投票: "interaction",
  poll: "interaction",
};

export const KIND_LABELS: Record<CalendarKind, { name: string; unit: string }> = {
  article: { name: "文章", unit: "篇" },
  live: { name: "直播", unit: "次" },
  interaction: { name: "互动", unit: "次" },
};

const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0 };

export type WhenParse = { kind: "once"; at: Date } | { kind: "cron"; cron: string } | { kind: "invalid"; message: string };

/**
 * A publication time or a recurrence: `每周一三五 20:00`, `每天 晚上8点`, a cron pattern (`0 20 * * 1,3,5`),
 * or one time in any form the shared reader takes (`明天20:00`, `今晚8点`, `11-25 20:00`); a one-off
 * time that has passed is refused, as for pushes and sales.
 *
 * @example parseWhen("每周一三五 20:00", now, zone) // { kind: "cron", cron: "0 20 * * 1,3,5" }
 */
export function parseWhen(text: string, now: Date, zone: string): WhenParse {
  const t = normalizeInput(text).trim();
  // Day words, then the clock, split by plain scanning: `^每周([一…]+)\s*(.+)$` let the day run, the
  // spaces and the rest share characters, and backtracked quadratically on a long line.
  const weekly = /^每周[一二三四五六日天]+/.exec(t);
  if (weekly) {
    const days = [...new Set([...weekly[0].slice(2)].map((c) => WEEKDAYS[c]!))].sort();
    const clock = parseClock(t.slice(weekly[0].length));
    return clock ? { kind: "cron", cron: `${clock.minute} ${clock.hour} * * ${days.join(",")}` } : bad();
  }
  if (t.startsWith("每天")) {
    const clock = parseClock(t.slice(2));
    return clock ? { kind: "cron", cron: `${clock.minute} ${clock.hour} * * *` } : bad();
  }
  const cron = t.replace(/^cron[:：]\s*/i, "");
  if (/^\S+( \S+){4,5}$/.test(cron) && /^[\d*]/.test(cron)) {
    try {
      CronExpressionParser.parse(cron, { tz: zone });
      return { kind: "cron", cron };
    } catch {
      return { kind: "invalid", message: `cron「${snippet(cron, MAX_QUOTE)}」不对 / bad cron pattern` };
    }
  }
  if (!isTimeText(t)) return bad();
  const once = parseInstant(t, { now, zone });
  return once.ok ? { kind: "once", at: once.value } : { kind: "invalid", message: once.problem };

  function bad(): WhenParse {
    return {
      kind: "invalid",
      message: "时间写法：每周一三五 20:00、每天 9:30、明天20:00、今晚8点、11-25 20:00 或 cron / time like 每周一三五 20:00",
    };
  }
}

export interface CalendarDraft {
  kind: CalendarKind;
  title: string;
  body: string;
  link?: string;
  when: string;
  rooms: string[];
  roomTag?: string;
  options: string[];
}

const KEYS: Record<string, keyof CalendarDraft> = {
  时间: "when",
  when: "when",
  群: "rooms",
  rooms: "rooms",
  群标签: "roomTag",
  roomtag: "roomTag",
  链接: "link",
  link: "link",
  内容: "body",
  body: "body",
  选项: "options",
  options: "options",
};

/**
 * `文章 护肤小课堂 时间:每周一三五 20:00 群:VIP群,北京1群 链接:https://… 内容:…`
 * (直播 … 时间:11-25 20:00; 投票 … 选项:A/B/C). Values run to the next `key:`.
 */
export function parseCalendarDraft(text: string): { ok: true; draft: CalendarDraft } | { ok: false; message: string } {
  const trimmed = text.trim();
  const [kindWord] = trimmed.split(/\s+/, 1);
  const kind = KIND_WORDS[(kindWord ?? "").toLowerCase()];
  if (!kind) return { ok: false, message: "类型要写 文章/直播/互动/投票 / kind: article|live|interaction|poll" };
  const rest = trimmed.slice(kindWord!.length);
  const keyPattern = new RegExp(`(?:^|\\s)(${Object.keys(KEYS).join("|")})[:：]`, "gi");
  const marks = [...rest.matchAll(keyPattern)].map((m) => ({
    key: KEYS[m[1]!.toLowerCase()] ?? KEYS[m[1]!]!,
    start: m.index!,
    valueStart: m.index! + m[0].length,
  }));
  const title = (marks.length ? rest.slice(0, marks[0]!.start) : rest).trim();
  if (!title) return { ok: false, message: "请写标题 / title missing" };
  const values: Partial<Record<keyof CalendarDraft, string>> = {};
  marks.forEach((mark, i) => {
    values[mark.key] = rest.slice(mark.valueStart, marks[i + 1]?.start ?? rest.length).trim();
  });
  if (!values.when) return { ok: false, message: "请写时间，例如 时间:每周一三五 20:00 / when missing" };
  if (!values.rooms && !values.roomTag) return { ok: false, message: "请写目标群，例如 群:VIP群,北京1群 或 群标签:北京 / rooms missing" };
  const options = (values.options ?? "")
    .split(/[/|｜、]/)
    .map((o) => o.trim())
    .filter(Boolean);
  if (kindWord === "投票" || kindWord?.toLowerCase() === "poll") {
    if (options.length < 2) return { ok: false, message: "投票至少要两个选项，例如 选项:A/B/C / a poll needs options" };
  }
  return {
    ok: true,
    draft: {
      kind,
      title,
      body: values.body ?? "",
      link: values.link || undefined,
      when: values.when,
      rooms: (values.rooms ?? "")
        .split(/[,，、]/)
        .map((r) => r.trim())
        .filter(Boolean),
      roomTag: values.roomTag || undefined,
      options,
    },
  };
}

export interface ScheduledItem {
  id: number;
  kind: string;
  title: string;
  publishAt: Date | null;
  cron: string | null;
}

/** Every publication of `items` in [from, to). */
export function occurrencesBetween<T extends ScheduledItem>(
  items: readonly T[],
  from: Date,
  to: Date,
  zone: string,
): Array<{ item: T; at: Date }> {
  const out: Array<{ item: T; at: Date }> = [];
  for (const item of items) {
    if (item.cron) {
      const expression = CronExpressionParser.parse(item.cron, { tz: zone, currentDate: new Date(from.getTime() - 1), endDate: to });
      for (let i = 0; i < 1000 && expression.hasNext(); i++) {
        const at = expression.next().toDate();
        if (at >= to) break;
        if (at >= from) out.push({ item, at });
      }
    } else if (item.publishAt && item.publishAt >= from && item.publishAt < to) {
      out.push({ item, at: item.publishAt });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Monday 00:00 (community time) of the week holding `at`, plus `weeks`. */
export function weekStart(at: Date, zone: string, weeks = 0): Date {
  return DateTime.fromJSDate(at, { zone }).startOf("week").plus({ weeks }).toJSDate();
}

/**
 * What a week lacks against the plan, e.g. "下周缺 1 篇文章、1 次互动"; undefined when nothing is missing.
 */
export function rhythmGaps(
  planned: Partial<Record<CalendarKind, number>>,
  counts: Partial<Record<CalendarKind, number>>,
): string | undefined {
  const gaps = CALENDAR_KINDS.map((kind) => ({ kind, missing: (planned[kind] ?? 0) - (counts[kind] ?? 0) })).filter((g) => g.missing > 0);
  if (gaps.length === 0) return undefined;
  return `下周缺 ${gaps.map((g) => `${g.missing} ${KIND_LABELS[g.kind].unit}${KIND_LABELS[g.kind].name}`).join("、")}`;
}

/**
 * The rhythm check per target room group (the items aimed at the same rooms): one line per group that
 * lacks something, named by its rooms, e.g. "VIP群、北京1群：下周缺 1 篇文章、1 次互动".
 */
export function rhythmGapsByGroup(
  planned: Partial<Record<CalendarKind, number>>,
  groups: ReadonlyArray<{ rooms: readonly string[]; counts: Partial<Record<CalendarKind, number>> }>,
): string[] {
  return groups.flatMap((group) => {
    const gaps = rhythmGaps(planned, group.counts);
    return gaps ? [group.rooms.length ? `${group.rooms.join("、")}：${gaps}` : gaps] : [];
  });
}

/** A poll as posted in a room. */
export function renderPoll(title: string, options: readonly string[], itemId: number): string {
  return [`【投票 #${itemId}】${title}`, ...options.map((o, i) => `${i + 1}. ${o}`), "回复数字即可投票 / reply with a number"].join("\n");
}

/** A poll's result: counts per option, with the winner first named. */
export function renderPollResult(title: string, options: readonly string[], votes: readonly number[]): string {
  const counts = options.map((_, i) => votes.filter((v) => v === i + 1).length);
  const total = counts.reduce((a, b) => a + b, 0);
  const lines = options.map((o, i) => `${i + 1}. ${o}：${counts[i]} 票${total ? `（${Math.round((counts[i]! / total) * 100)}%）` : ""}`);
  return [`【投票结果】${title}（共 ${total} 票）`, ...lines].join("\n");
}
