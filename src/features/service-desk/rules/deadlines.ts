// When a ticket's response is due and when its warnings fire. Pure: instants are inputs.
import { addWorkingTime, type WorkingHours } from "./working-hours.js";

/** The marks of the first-response window: reminders to the assignee at 50 % and 80 %, the breach at 100 %. */
export const MARKS = ["warn50", "warn80", "breach"] as const;
export type Mark = (typeof MARKS)[number];

const SHARE: Record<Mark, number> = { warn50: 0.5, warn80: 0.8, breach: 1 };

export interface Window {
  /** When the current cycle's window started (the ticket opened, or was reopened). */
  startAt: Date;
  /** Time spent paused (等待) so far. */
  pausedMs: number;
  /** The colour's promise. */
  windowMs: number;
  /** When set, the clock runs only in these hours (never set for red). */
  workingHours?: WorkingHours;
}

/**
 * The instant a mark fires: the paused time pushes every mark later.
 *
 * @example markAt({ startAt: new Date(0), pausedMs: 0, windowMs: 3_600_000 }, "warn50").getTime() // 1_800_000
 */
export function markAt(window: Window, mark: Mark): Date {
  const from = new Date(window.startAt.getTime() + window.pausedMs);
  const share = Math.round(window.windowMs * SHARE[mark]);
  return window.workingHours ? addWorkingTime(from, share, window.workingHours) : new Date(from.getTime() + share);
}

/** The first response is due at the breach mark. */
export function responseDue(window: Window): Date {
  return markAt(window, "breach");
}

/**
 * Where a ticket stands against its promise, with one precedence (Frappe Helpdesk settled on it after
 * bugs): breached > paused > due > met.
 */
export type SlaStatus = "breached" | "paused" | "due" | "met";

export function slaStatus(ticket: { breachedAt: Date | null; pausedAt: Date | null; respondedAt: Date | null }): SlaStatus {
  if (ticket.breachedAt) return "breached";
  if (ticket.pausedAt) return "paused";
  if (!ticket.respondedAt) return "due";
  return "met";
}

export const SLA_LABELS: Record<SlaStatus, string> = { breached: "已超时", paused: "暂停", due: "待回复", met: "已响应" };
