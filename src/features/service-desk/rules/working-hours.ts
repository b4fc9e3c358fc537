// Optional working hours for the response windows (SERVICE_WORKING_HOURS, e.g. 09:00-21:00): a yellow or
// green ticket's clock runs only inside them, in the community's time zone; red always runs. Pure.
import { DateTime } from "luxon";
import type { ClockWindow } from "../../../kernel/time/clock-window.js";

/** Working hours are one daytime span: start before end (no wrap past midnight). */
export interface WorkingHours {
  window: ClockWindow;
  zone: string;
}

/** Enough days for the longest window at the shortest working day (1 minute a day for a year). */
const MAX_DAYS = 400;

/**
 * The instant `ms` of working time after `from`: time outside the hours does not count.
 *
 * @example addWorkingTime(new Date("2026-12-02T12:30:00Z"), 3_600_000, { window: { startMinute: 540, endMinute: 1260 }, zone: "Asia/Shanghai" })
 *   // 20:30 CST + 1 h of working time = 21:00 (30 min) + next day 09:30 → 2026-12-03T01:30:00Z
 */
export function addWorkingTime(from: Date, ms: number, hours: WorkingHours): Date {
  let t = from.getTime();
  let left = ms;
  let day = DateTime.fromMillis(t, { zone: hours.zone }).startOf("day");
  for (let i = 0; i < MAX_DAYS; i++) {
    const open = day.plus({ minutes: hours.window.startMinute }).toMillis();
    const close = day.plus({ minutes: hours.window.endMinute }).toMillis();
    if (t < open) t = open;
    if (t < close) {
      if (left <= close - t) return new Date(t + left);
      left -= close - t;
    }
    day = day.plus({ days: 1 });
    t = Math.max(t, day.toMillis());
  }
  return new Date(t + left);
}
