// The shop API's request signature (docs/shop-api.md). Pure: the nonce's "seen before" check, which
// needs Redis, is the transport's (src/http/server.ts).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-siyu-signature";
export const TIMESTAMP_HEADER = "x-siyu-timestamp";
export const NONCE_HEADER = "x-siyu-nonce";

/** Unix seconds, as `date +%s` prints them. */
const TIMESTAMP = /^\d{1,12}$/;
/** Dot-free, so the signed string splits one way only; 16+ characters so a shop cannot reuse "1", "2", …. */
const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
/** Exactly 64 hex digits: Buffer.from(hex) would stop quietly at the first other character. */
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export interface SignedRequest {
  /** Unix seconds (X-Siyu-Timestamp). */
  timestamp: string;
  /** X-Siyu-Nonce: fresh for every request, a retry included. */
  nonce: string;
  method: string;
  /** The request path without the query, e.g. /api/orders. */
  path: string;
  body: string | Buffer;
}

/**
 * The string the shop signs: `${timestamp}.${nonce}.${METHOD}.${path}.${body}`. The timestamp and nonce
 * make a captured request worthless after the window or a second time; method and path bind the
 * signature to one endpoint. Every part before the body is dot-free, so two requests never sign the same.
 */
export function signingPayload(request: SignedRequest): Buffer {
  const head = `${request.timestamp}.${request.nonce}.${request.method.toUpperCase()}.${request.path}.`;
  return Buffer.concat([Buffer.from(head, "utf8"), Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, "utf8")]);
}

/** X-Siyu-Signature: hex HMAC-SHA256 of the signing payload with SHOP_API_SECRET. */
export function signRequest(request: SignedRequest, secret: string): string {
  return createHmac("sha256", secret).update(signingPayload(request)).digest("hex");
}

/**
 * The three headers of a signed request, for a Node client of the shop API (and our tests).
 *
 * @example
 * const body = JSON.stringify({ customerId: "c-88" });
 * fetch(`${base}/api/bind-codes`, { method: "POST", body, headers: signedHeaders(secret, { method: "POST", path: "/api/bind-codes", body }) });
 */
export function signedHeaders(
  secret: string,
  request: { method: string; path: string; body: string | Buffer; at?: Date; nonce?: string },
): Record<string, string> {
  const timestamp = String(Math.floor((request.at ?? new Date()).getTime() / 1000));
  const nonce = request.nonce ?? randomBytes(16).toString("hex");
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signRequest({ timestamp, nonce, method: request.method, path: request.path, body: request.body }, secret),
  };
}

/** The old scheme (SHOP_API_LEGACY_SIGNATURE=true only): hex HMAC-SHA256 of the body alone, replayable. */
export function signBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** Constant-time comparison of a hex signature header with the expected one; anything but 64 hex digits fails. */
export function sameSignature(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const normal = given
    .trim()
    .toLowerCase()
    .replace(/^sha256=/, "");
  if (!HEX_SHA256.test(normal)) return false;
  return timingSafeEqual(Buffer.from(normal, "hex"), Buffer.from(expected, "hex"));
}

/** The old body-only check, kept for SHOP_API_LEGACY_SIGNATURE. */
export function verifySignature(body: Buffer, signature: string | undefined, secret: string): boolean {
  return sameSignature(signature, signBody(body, secret));
}

export type SignatureRefusal = "missing_timestamp" | "bad_timestamp" | "stale_timestamp" | "missing_nonce" | "bad_nonce" | "bad_signature";

export type SignatureCheck =
  /** `nonce` is what the transport must claim once; absent for a legacy (body-only) request. */
  { kind: "valid"; nonce?: string; timestamp?: number } | { kind: "refused"; error: SignatureRefusal; field: string; message: string };

export interface SignatureSettings {
  secret: string;
  /** How far X-Siyu-Timestamp may be from our clock, either way. */
  windowSeconds: number;
  /** Accept a request without timestamp and nonce whose signature covers the body alone. */
  legacy: boolean;
}

/**
 * Checks a request's timestamp, nonce format and signature (not whether the nonce was seen: that is
 * the transport's atomic claim, made only for a valid signature so junk cannot fill Redis).
 */
export function checkSignature(
  request: { headers: Record<string, string | string[] | undefined>; method: string; path: string; body: Buffer },
  settings: SignatureSettings,
  now: Date,
): SignatureCheck {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const signature = header(SIGNATURE_HEADER);
  const timestamp = header(TIMESTAMP_HEADER);
  const nonce = header(NONCE_HEADER);
  const refuse = (error: SignatureRefusal, field: string, message: string): SignatureCheck => ({ kind: "refused", error, field, message });

  if (settings.legacy && timestamp === undefined && nonce === undefined) {
    return verifySignature(request.body, signature, settings.secret)
      ? { kind: "valid" }
      : refuse(
          "bad_signature",
          "X-Siyu-Signature",
          "X-Siyu-Signature must be the hex HMAC-SHA256 of the body (legacy scheme), or sign with X-Siyu-Timestamp and X-Siyu-Nonce",
        );
  }
  if (timestamp === undefined)
    return refuse("missing_timestamp", "X-Siyu-Timestamp", "X-Siyu-Timestamp (unix seconds) is required and signed");
  if (!TIMESTAMP.test(timestamp.trim()))
    return refuse("bad_timestamp", "X-Siyu-Timestamp", "X-Siyu-Timestamp must be unix seconds, e.g. 1763856000");
  const seconds = Number(timestamp.trim());
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (Math.abs(nowSeconds - seconds) > settings.windowSeconds) {
    return refuse(
      "stale_timestamp",
      "X-Siyu-Timestamp",
      `X-Siyu-Timestamp ${seconds} is ${nowSeconds - seconds} s from our clock (${nowSeconds}); allowed ±${settings.windowSeconds} s: sign each attempt afresh and check the shop server's clock`,
    );
  }
  if (nonce === undefined)
    return refuse(
      "missing_nonce",
      "X-Siyu-Nonce",
      "X-Siyu-Nonce (16–128 of A-Z a-z 0-9 _ -, new for every request) is required and signed",
    );
  if (!NONCE.test(nonce))
    return refuse("bad_nonce", "X-Siyu-Nonce", "X-Siyu-Nonce must be 16–128 of A-Z a-z 0-9 _ -, new for every request");
  const expected = signRequest(
    { timestamp: timestamp.trim(), nonce, method: request.method, path: request.path, body: request.body },
    settings.secret,
  );
  if (!sameSignature(signature, expected)) {
    return refuse(
      "bad_signature",
      "X-Siyu-Signature",
      "X-Siyu-Signature must be the hex HMAC-SHA256 of `timestamp.nonce.METHOD.path.body` (docs/shop-api.md)",
    );
  }
  return { kind: "valid", nonce, timestamp: seconds };
}
