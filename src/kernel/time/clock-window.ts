import { DateTime } from "luxon";

/** A daily window of wall-clock time, e.g. quiet hours 22:00–08:00 (it may wrap past midnight). */
export interface ClockWindow {
  startMinute: number;
  endMinute: number;
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function minuteOfDay(text: string): number | undefined {
  const match = HHMM.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/**
 * Parses "HH:MM-HH:MM". Returns undefined for anything else or an empty window.
 *
 * @example parseClockWindow("22:00-08:00") // { startMinute: 1320, endMinute: 480 }
 */
export function parseClockWindow(text: string): ClockWindow | undefined {
  const [from, to, ...rest] = text.split("-");
  if (from === undefined || to === undefined || rest.length > 0) return undefined;
  const startMinute = minuteOfDay(from);
  const endMinute = minuteOfDay(to);
  if (startMinute === undefined || endMinute === undefined || startMinute === endMinute) return undefined;
  return { startMinute, endMinute };
}

function contains(window: ClockWindow, minute: number): boolean {
  return window.startMinute < window.endMinute
    ? minute >= window.startMinute && minute < window.endMinute
    : minute >= window.startMinute || minute < window.endMinute;
}

/**
 * When `at` falls inside the window (in `zone`), the instant the window ends; otherwise undefined.
 *
 * @example windowEndAfter(quiet, new Date("2026-11-23T15:00:00Z"), "Asia/Shanghai") // 2026-11-24T00:00Z (08:00 CST)
 */
export function windowEndAfter(window: ClockWindow, at: Date, zone: string): Date | undefined {
  const local = DateTime.fromJSDate(at, { zone });
  const minute = local.hour * 60 + local.minute;
  if (!contains(window, minute)) return undefined;
  let end = local.startOf("day").plus({ minutes: window.endMinute });
  if (end <= local) end = end.plus({ days: 1 });
  return end.toJSDate();
}

export function formatClockWindow(window: ClockWindow): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return `${hhmm(window.startMinute)}-${hhmm(window.endMinute)}`;
}
