import { startOfNextLocalDay } from "../../../kernel/time/zone.js";

export interface PushPace {
  /** The account's daily allowance for pushes, and what is left of it on the push's first day. */
  dailyCap: number;
  leftOnFirstDay: number;
  /** Community days the sends spread over (1 = all on the first day). */
  days: number;
  /** How many the allowance can send before the push's validity ends (≤ expected). */
  deliverable: number;
}

/**
 * What the account's daily push allowance makes of a push: an account may send only so many pushes a
 * day (risk control), and a push is worth sending only until it expires, so a large audience may be
 * spread over days or partly never sent. Told in the preview, before anything goes out.
 *
 * @example pushPace({ expected: 700, dailyCap: 300, usedOnFirstDay: 100, sendAt, validUntil: sendAt + 24 h, timeZone })
 *   // { leftOnFirstDay: 200, days: 3, deliverable: 500, … } when the 24 h span two community days
 */
export function pushPace(input: {
  expected: number;
  dailyCap: number;
  usedOnFirstDay: number;
  sendAt: Date;
  validUntil: Date;
  timeZone: string;
}): PushPace {
  const { expected, dailyCap, sendAt, validUntil, timeZone } = input;
  const leftOnFirstDay = Math.max(0, dailyCap - input.usedOnFirstDay);
  const days = expected <= leftOnFirstDay ? 1 : 1 + Math.ceil((expected - leftOnFirstDay) / Math.max(1, dailyCap));
  let allowance = leftOnFirstDay;
  for (let day = startOfNextLocalDay(sendAt, timeZone); day < validUntil; day = startOfNextLocalDay(day, timeZone)) allowance += dailyCap;
  return { dailyCap, leftOnFirstDay, days, deliverable: Math.min(expected, allowance) };
}
