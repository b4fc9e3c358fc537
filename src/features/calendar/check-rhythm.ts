import type { AppContext } from "../../kernel/app-context.js";
import { localDay } from "../../kernel/time/zone.js";
import { calendarRoomsOf } from "./calendar-rooms.js";
import { CALENDAR_KINDS, type CalendarKind, occurrencesBetween, rhythmGapsByGroup, weekStart } from "./rules/calendar-item.js";
import { calendarTexts } from "./texts.js";

type Counts = Partial<Record<CalendarKind, number>>;

/**
 * What next week's calendar holds per target room group (items aimed at the same rooms, room tags
 * resolved), and what each group lacks against the plan. A group is made by every item still planned
 * (recurring, or a one-off not yet past); items whose rooms are all gone count for nobody. An empty
 * calendar lacks the whole plan.
 */
export async function nextWeekRhythm(app: AppContext) {
  const zone = app.config.timeZone;
  const now = app.clock.now();
  const from = weekStart(now, zone, 1);
  const to = weekStart(now, zone, 2);
  const items = await app.db.calendarItem.findMany({ where: { active: true } });
  const roomsOf = await calendarRoomsOf(app, items);
  const groups = new Map<string, { rooms: string[]; counts: Counts }>();
  const groupOf = (itemId: number) => {
    const rooms = roomsOf.get(itemId) ?? [];
    if (rooms.length === 0) return undefined;
    const key = rooms.map((r) => r.id).join(",");
    const group = groups.get(key) ?? { rooms: rooms.map((r) => r.topic), counts: {} };
    groups.set(key, group);
    return group;
  };
  for (const item of items) if (item.cron || (item.publishAt && item.publishAt >= now)) groupOf(item.id);
  for (const { item } of occurrencesBetween(items, from, to, zone)) {
    const kind = item.kind;
    const group = groupOf(item.id);
    if (group && CALENDAR_KINDS.includes(kind)) group.counts[kind] = (group.counts[kind] ?? 0) + 1;
  }
  const lines = rhythmGapsByGroup(app.config.calendar.plan, groups.size ? [...groups.values()] : [{ rooms: [], counts: {} }]);
  return { from, gaps: lines.length ? lines.join("\n") : undefined };
}

/** Every Monday (CALENDAR_RHYTHM_CRON): operators are told what next week lacks against the plan, per room group. */
export async function checkRhythm(app: AppContext) {
  const { from, gaps } = await nextWeekRhythm(app);
  if (!gaps) return { gaps: null };
  const owner = await app.db.member.findUnique({ where: { wechatId: app.config.ownerWechatId } });
  const operators = await app.db.operator.findMany({ select: { memberId: true } });
  const ids = [...new Set([...(owner ? [owner.id] : []), ...operators.map((o) => o.memberId)])];
  const week = localDay(from, app.config.timeZone);
  const text = calendarTexts.rhythm(gaps, app.config.calendar.plan);
  await app.outbox.sendMany(ids.map((memberId) => ({ kind: "notice", to: { memberId }, text, dedupeKey: `rhythm:${week}:m:${memberId}` })));
  return { gaps, told: ids.length };
}
