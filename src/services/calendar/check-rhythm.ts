import type { AppContext } from "../../infra/app-context.js";
import { CALENDAR_KINDS, occurrencesBetween, rhythmGaps, weekStart, type CalendarKind } from "../../domain/calendar/calendar-item.js";
import { localDay } from "../../domain/time/zone.js";

/** What next week's calendar holds per kind, and what it lacks against the plan. */
export async function nextWeekRhythm(app: AppContext) {
  const zone = app.config.timeZone;
  const now = app.clock.now();
  const from = weekStart(now, zone, 1);
  const to = weekStart(now, zone, 2);
  const items = await app.db.calendarItem.findMany({ where: { active: true } });
  const counts: Partial<Record<CalendarKind, number>> = {};
  for (const { item } of occurrencesBetween(items, from, to, zone)) {
    const kind = item.kind as CalendarKind;
    if (CALENDAR_KINDS.includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return { from, counts, gaps: rhythmGaps(app.config.calendar.plan, counts) };
}

/** Every Monday (CALENDAR_RHYTHM_CRON): operators are told what next week lacks against the plan. */
export async function checkRhythm(app: AppContext) {
  const { from, gaps } = await nextWeekRhythm(app);
  if (!gaps) return { gaps: null };
  const owner = await app.db.member.findUnique({ where: { wechatId: app.config.ownerWechatId } });
  const operators = await app.db.operator.findMany({ select: { memberId: true } });
  const ids = [...new Set([...(owner ? [owner.id] : []), ...operators.map((o) => o.memberId)])];
  const week = localDay(from, app.config.timeZone);
  const text = `【内容日历】${gaps}（计划每周 ${Object.entries(app.config.calendar.plan).map(([k, n]) => `${({ article: "文章", live: "直播", interaction: "互动" } as Record<string, string>)[k]} ${n}`).join("、")}）。用「日历 新增 …」补上。`;
  await app.outbox.sendMany(ids.map((memberId) => ({ kind: "notice", to: { memberId }, text, dedupeKey: `rhythm:${week}:m:${memberId}` })));
  return { gaps, told: ids.length };
}
