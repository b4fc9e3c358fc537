import { randomCode } from "./random-code.js";

/** F: flash sale, G: group-buy, S: reported by the shop. */
export type OrderNoPrefix = "F" | "G" | "S";

/**
 * An order number people see and pay with: a prefix and 10 CSPRNG characters (~49 bits).
 *
 * @example newOrderNo("F") // "F7KQ2M9XRT4"
 */
export function newOrderNo(prefix: OrderNoPrefix): string {
  return `${prefix}${randomCode(10)}`;
}
