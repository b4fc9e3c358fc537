import { DateTime } from "luxon";

/** The community-local calendar day of an instant, as YYYY-MM-DD (counters and caps reset on it). */
export function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** The instant the community-local day of `at` began. */
export function startOfLocalDay(at: Date, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).startOf("day").toJSDate();
}

/** The instant the community-local day after the one of `at` begins (daily caps reset then). */
export function startOfNextLocalDay(at: Date, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).startOf("day").plus({ days: 1 }).toJSDate();
}

/** How a time is shown to people: community time zone, e.g. "11-23 20:00". */
export function formatLocal(at: Date, zone: string, format = "MM-dd HH:mm"): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(format);
}

/** A duration for people, e.g. "2小时5分钟", "3天4小时". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${rest}分钟`;
  return `${Math.max(rest, 0)}分钟`;
}
