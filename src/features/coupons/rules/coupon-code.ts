import { randomCode, UNAMBIGUOUS_ALPHABET } from "../../../kernel/codes/random-code.js";

export const COUPON_ALPHABET = UNAMBIGUOUS_ALPHABET;
/** 11 × log2(31) = 54.5 bits (10 gave 49.5, below the ≥ 50 we promise the shop). */
export const COUPON_CODE_LENGTH = 11;
/** A code as issued and stored (after normalizeCouponCode). */
export const COUPON_CODE_FORMAT = new RegExp(`^[${COUPON_ALPHABET}]{${COUPON_CODE_LENGTH}}$`);

/** A fresh coupon code from the CSPRNG: 11 characters of an unambiguous alphabet (54.5 bits). */
export function generateCouponCode(length = COUPON_CODE_LENGTH): string {
  return randomCode(length);
}

/** What a person typed, as stored: upper case, no spaces or dashes. */
export function normalizeCouponCode(typed: string): string {
  return typed.replace(/[\s-]/g, "").toUpperCase();
}
