import { randomInt } from "node:crypto";

// No 0/O, 1/I/L: people read codes off a phone, say them aloud and type them back.
export const UNAMBIGUOUS_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * Characters from the CSPRNG, never a sequence: for every identifier an outsider could guess. Each is
 * uniform over the alphabet (crypto.randomInt rejects out-of-range draws: no modulo bias), so a code
 * carries length × log2(alphabet.length) bits.
 *
 * @example randomCode(11) // "7KQ2M9XRT4H"
 */
export function randomCode(length: number, alphabet = UNAMBIGUOUS_ALPHABET): string {
  let code = "";
  for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}
