import { describe, expect, it } from "vitest";
import { canMoveTo, describeIssue, isStorableText, ZShopOrder } from "../../../../src/features/orders/rules/order-input.js";
import { checkSignature, signBody, signedHeaders, signRequest, verifySignature } from "../../../../src/features/orders/rules/signature.js";

describe("the shop API's signed requests", () => {
  const secret = "test-secret-0123456789";
  const now = new Date(1763856000 * 1000);
  const body = Buffer.from('{"customerId":"c-88"}');
  const settings = { secret, windowSeconds: 300, legacy: false };
  const request = (headers: Record<string, string>, over: { method?: string; path?: string; body?: Buffer } = {}) => ({
    headers,
    method: over.method ?? "POST",
    path: over.path ?? "/api/bind-codes",
    body: over.body ?? body,
  });
  const headersAt = (at: Date, nonce = "8f14e45fceea167a5a36dedd4bea2543") =>
    signedHeaders(secret, { method: "POST", path: "/api/bind-codes", body, at, nonce });

  it("signs timestamp.nonce.METHOD.path.body, as docs/shop-api.md's openssl example computes it", () => {
    // printf '%s' '1763856000.8f14e45fceea167a5a36dedd4bea2543.POST./api/bind-codes.{"customerId":"c-88"}' | openssl dgst -sha256 -hmac test-secret-0123456789
    const expected = "58164b99d3f852870f5b0b9be676f573524b477b07f28d5a2acf7c6d2a3e48ec";
    expect(
      signRequest(
        { timestamp: "1763856000", nonce: "8f14e45fceea167a5a36dedd4bea2543", method: "POST", path: "/api/bind-codes", body },
        secret,
      ),
    ).toBe(expected);
    expect(headersAt(now)).toEqual({
      "x-siyu-timestamp": "1763856000",
      "x-siyu-nonce": "8f14e45fceea167a5a36dedd4bea2543",
      "x-siyu-signature": expected,
    });
  });

  it("accepts a fresh signed request and names the nonce to claim", () => {
    expect(checkSignature(request(headersAt(now)), settings, now)).toEqual({
      kind: "valid",
      nonce: "8f14e45fceea167a5a36dedd4bea2543",
      timestamp: 1763856000,
    });
    expect(checkSignature(request(headersAt(new Date(now.getTime() - 300_000))), settings, now).kind).toBe("valid");
    expect(checkSignature(request(headersAt(new Date(now.getTime() + 300_000))), settings, now).kind).toBe("valid");
  });

  it("refuses, naming why", () => {
    const refusal = (headers: Record<string, string>, over = {}) => {
      const check = checkSignature(request(headers, over), settings, now);
      return check.kind === "refused" ? check.error : check.kind;
    };
    const good = headersAt(now);
    const { "x-siyu-nonce": _n, ...noNonce } = good;
    const { "x-siyu-timestamp": _t, ...noTimestamp } = good;
    expect({
      late: refusal(headersAt(new Date(now.getTime() - 301_000))),
      early: refusal(headersAt(new Date(now.getTime() + 301_000))),
      milliseconds: refusal({ ...good, "x-siyu-timestamp": String(now.getTime()) }),
      noTimestamp: refusal(noTimestamp),
      noNonce: refusal(noNonce),
      shortNonce: refusal(headersAt(now, "abc")),
      dottedNonce: refusal(headersAt(now, "8f14e45fceea.67a5a36dedd4bea2543")),
      otherBody: refusal(good, { body: Buffer.from('{"customerId":"c-89"}') }),
      otherPath: refusal(good, { path: "/api/orders" }),
      otherMethod: refusal(good, { method: "PUT" }),
      otherTimestamp: refusal({ ...good, "x-siyu-timestamp": "1763856001" }),
      otherNonce: refusal({ ...good, "x-siyu-nonce": "8f14e45fceea167a5a36dedd4bea2544" }),
      trailingGarbage: refusal({ ...good, "x-siyu-signature": `${good["x-siyu-signature"]}zz` }),
      trailingHex: refusal({ ...good, "x-siyu-signature": `${good["x-siyu-signature"]}00` }),
      bodyOnly: refusal({ "x-siyu-signature": signBody(body, secret) }),
    }).toEqual({
      late: "stale_timestamp",
      early: "stale_timestamp",
      milliseconds: "bad_timestamp",
      noTimestamp: "missing_timestamp",
      noNonce: "missing_nonce",
      shortNonce: "bad_nonce",
      dottedNonce: "bad_nonce",
      otherBody: "bad_signature",
      otherPath: "bad_signature",
      otherMethod: "bad_signature",
      otherTimestamp: "bad_signature",
      otherNonce: "bad_signature",
      trailingGarbage: "bad_signature",
      trailingHex: "bad_signature",
      bodyOnly: "missing_timestamp",
    });
  });

  it("accepts the body-only signature only in legacy mode, with nothing to claim", () => {
    const legacy = { ...settings, legacy: true };
    expect(checkSignature(request({ "x-siyu-signature": signBody(body, secret) }), legacy, now)).toEqual({ kind: "valid" });
    expect(checkSignature(request(headersAt(now)), legacy, now).kind).toBe("valid");
    expect(checkSignature(request({ "x-siyu-signature": signBody("{}", secret) }), legacy, now).kind).toBe("refused");
  });
});

describe("the legacy body-only signature", () => {
  const body = Buffer.from('{"orderId":"1","amountCents":100}');
  it("accepts the right HMAC and refuses anything else", () => {
    const sig = signBody(body, "secret-secret-secret");
    expect(verifySignature(body, sig, "secret-secret-secret")).toBe(true);
    expect(verifySignature(body, sig.toUpperCase(), "secret-secret-secret")).toBe(true);
    expect(verifySignature(body, sig, "another-secret-here")).toBe(false);
    expect(verifySignature(Buffer.from(`${body} `), sig, "secret-secret-secret")).toBe(false);
    expect(verifySignature(body, undefined, "secret-secret-secret")).toBe(false);
    expect(verifySignature(body, "zz", "secret-secret-secret")).toBe(false);
  });
  it("refuses anything after the 64 hex digits (Buffer.from(hex) would stop quietly at it)", () => {
    const sig = signBody(body, "secret-secret-secret");
    for (const suffix of ["zz", "g", " x", "0", "00", "\u0000"])
      expect([suffix, verifySignature(body, sig + suffix, "secret-secret-secret")]).toEqual([suffix, false]);
    expect(verifySignature(body, `sha256=${sig}`, "secret-secret-secret")).toBe(true);
  });
});

describe("order input", () => {
  it("names the bad field", () => {
    const parsed = ZShopOrder.safeParse({ orderId: "1", amountCents: "12" });
    expect(describeIssue(parsed.error!)).toMatchObject({ field: "amountCents" });
  });
  it("refuses text PostgreSQL cannot store (NUL, unpaired surrogates), naming the field; emoji are fine", () => {
    expect([
      isStorableText("护肤🧴"),
      isStorableText("a\u0000"),
      isStorableText("\ud800"),
      isStorableText("x\udc00"),
      isStorableText("\ud83d\ude00"),
    ]).toEqual([true, false, false, false, true]);
    const parsed = ZShopOrder.safeParse({ orderId: "1", amountCents: 1, categories: ["ok", "\ud83d"] });
    expect(describeIssue(parsed.error!)).toEqual({
      field: "categories.1",
      message: "categories.1: must not contain NUL bytes or unpaired surrogates",
    });
    // Linear: a long run of high surrogates is judged at once.
    const started = performance.now();
    expect(isStorableText("\ud800".repeat(200_000))).toBe(false);
    expect(isStorableText("\ud83d\ude00".repeat(200_000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
  });
  it("refuses times whose year PostgreSQL or toISOString would write oddly", () => {
    expect(ZShopOrder.safeParse({ orderId: "1", amountCents: 1, placedAt: "9999-12-31T23:59:59-23:59" }).success).toBe(false);
    expect(ZShopOrder.safeParse({ orderId: "1", amountCents: 1, placedAt: "2026-11-23T10:00:00+08:00" }).success).toBe(true);
  });
  it("allows only forward status moves", () => {
    expect(canMoveTo("pending", "paid")).toBe(true);
    expect(canMoveTo("paid", "refunded")).toBe(true);
    expect(canMoveTo("refunded", "paid")).toBe(false);
    expect(canMoveTo("paid", "pending")).toBe(false);
  });
});
