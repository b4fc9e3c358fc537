import type { AppContext } from "../../kernel/app-context.js";
import { nextWeekRhythm } from "./check-rhythm.js";
import { occurrencesBetween, weekStart } from "./rules/calendar-item.js";

/**
 * 日历 (weeks 0) and 日历 下周 (weeks 1): every occurrence of an active item that week, from Monday
 * (community time); next week's view also says what it lacks against the plan.
 */
export async function readCalendarWeek(app: AppContext, weeks: number) {
  const zone = app.config.timeZone;
  const from = weekStart(app.clock.now(), zone, weeks);
  const to = weekStart(app.clock.now(), zone, weeks + 1);
  const items = await app.db.calendarItem.findMany({ where: { active: true } });
  const occurrences = occurrencesBetween(items, from, to, zone);
  const gaps = weeks === 1 ? (await nextWeekRhythm(app)).gaps : undefined;
  return { from, zone, next: weeks === 1, occurrences, gaps };
}
