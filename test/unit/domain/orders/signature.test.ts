import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "../../../../src/domain/orders/signature.js";
import { canMoveTo, ZShopOrder, describeIssue } from "../../../../src/domain/orders/order-input.js";

describe("the shop API's signature", () => {
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
});

describe("order input", () => {
  it("names the bad field", () => {
    const parsed = ZShopOrder.safeParse({ orderId: "1", amountCents: "12" });
    expect(describeIssue(parsed.error!)).toMatchObject({ field: "amountCents" });
  });
  it("allows only forward status moves", () => {
    expect(canMoveTo("pending", "paid")).toBe(true);
    expect(canMoveTo("paid", "refunded")).toBe(true);
    expect(canMoveTo("refunded", "paid")).toBe(false);
    expect(canMoveTo("paid", "pending")).toBe(false);
  });
});
