// A sale's announcements are marketing: the outbox holds them during quiet hours and drops them once
// stale, so a sale that runs into quiet hours is mostly unheard. The operator is warned when creating it.
import { DateTime } from "luxon";
import { formatClockWindow, windowEndAfter, type ClockWindow } from "../../../kernel/time/clock-window.js";

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

/** The warning added to the operator's reply when a sale meets quiet hours: a flash sale's run, a group-buy's deadline. */
export function quietHoursWarning(window: ClockWindow, sale: "flash" | "groupBuy" = "flash"): string {
  const [start, end] = formatClockWindow(window).split("-");
  return sale === "flash"
    ? `⚠️ 这个时段碰到了免打扰（${start}–${end}）：群里在免打扰期间听不到开抢、已抢光和结果通知，过时的通知不会补发。` +
        `建议改到 ${end}–${start} 之间（「秒杀 改时间」）。/ Overlaps quiet hours: the group will not hear it open; pick another time.`
    : `ℹ️ 截止时间在免打扰时段（${start}–${end}）：成员会立即私聊收到成团或失败通知，群里的结果 ${end} 后发出。` +
        `/ The deadline is in quiet hours: members are told privately at once, the group hears the result after ${end}.`;
}

/**
 * The line to add to the operator's reply when [from, to] meets quiet hours, or "" (a group-buy passes its
 * deadline as both: what the room must hear is the result then).
 *
 * @example quietHoursNote(quiet, "Asia/Shanghai", g.deadline, g.deadline, "groupBuy") // "\n⚠️ 截止时间碰到了免打扰…"
 */
export function quietHoursNote(window: ClockWindow | null, zone: string, from: Date, to: Date, sale: "flash" | "groupBuy"): string {
  return window && overlapsQuietHours(window, from, to, zone) ? `\n${quietHoursWarning(window, sale)}` : "";
}
