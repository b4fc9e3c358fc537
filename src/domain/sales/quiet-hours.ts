// A sale's announcements are marketing: the outbox holds them during quiet hours and drops them once
// stale, so a sale that runs into quiet hours is mostly unheard. The operator is warned when creating it.
import { DateTime } from "luxon";
import { formatClockWindow, windowEndAfter, type ClockWindow } from "../time/clock-window.js";

/**
 * Whether [from, to) meets the daily quiet-hours window (in `zone`). No window (QUIET_HOURS=off): never.
 *
 * @example overlapsQuietHours(parseClockWindow("22:00-08:00")!, tonight2130, tonight2230, "Asia/Shanghai") // true
 */
export function overlapsQuietHours(window: ClockWindow | null, from: Date, to: Date, zone: string): boolean {
  if (!window) return false;
  if (windowEndAfter(window, from, zone)) return true;
  const local = DateTime.fromJSDate(from, { zone });
  let nextStart = local.startOf("day").plus({ minutes: window.startMinute });
  if (nextStart <= local) nextStart = nextStart.plus({ days: 1 });
  return nextStart.toMillis() < to.getTime();
}

/** The warning added to the operator's reply when a sale meets quiet hours. */
export function quietHoursWarning(window: ClockWindow): string {
  const [start, end] = formatClockWindow(window).split("-");
  return (
    `⚠️ 这个时段碰到了免打扰（${start}–${end}）：群里在免打扰期间听不到开抢、已抢光和结果通知，过时的通知不会补发。` +
    `建议改到 ${end}–${start} 之间（「秒杀 改时间」）。/ Overlaps quiet hours: the group will not hear it open; pick another time.`
  );
}
