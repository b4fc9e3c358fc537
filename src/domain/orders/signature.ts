import { createHmac, timingSafeEqual } from "node:crypto";

/** The shop API's signature: hex HMAC-SHA256 of the raw request body with the shared secret. */
export function signBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** Constant-time check of a hex signature (a header may be absent, short or not hex). */
export function verifySignature(body: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature.trim().toLowerCase().replace(/^sha256=/, ""), "hex");
  const expected = Buffer.from(signBody(body, secret), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
