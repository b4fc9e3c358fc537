import { setTimeout as sleep } from "node:timers/promises";

/**
 * `work`'s value, or `late` when it has not settled within `ms`. The work goes on; only the waiting
 * stops. The timer does not keep the process alive.
 *
 * @example await within(redis.set(key, "1", "NX"), 2000, "unavailable") // "OK" | null | "unavailable"
 */
export function within<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  return Promise.race([work, sleep(ms, late, { ref: false })]);
}
