import { randomCode, UNAMBIGUOUS_ALPHABET } from "../codes/random-code.js";

export const COUPON_ALPHABET = UNAMBIGUOUS_ALPHABET;
export const COUPON_CODE_LENGTH = 10;

/** A fresh coupon code from the CSPRNG: 10 characters of an unambiguous alphabet (~49 bits). */
export function generateCouponCode(length = COUPON_CODE_LENGTH): string {
  return randomCode(length);
}

/** What a person typed, as stored: upper case, no spaces or dashes. */
export function normalizeCouponCode(typed: string): string {
  return typed.replace(/[\s-]/g, "").toUpperCase();
}
