// Whether a span of time meets the daily quiet-hours window: the outbox holds marketing during it, so a
// feature warns the operator who schedules something there.
import { DateTime } from "luxon";
import { type ClockWindow, windowEndAfter } from "./clock-window.js";

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
