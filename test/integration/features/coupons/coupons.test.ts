import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimCoupon } from "../../../../src/features/coupons/claim-coupon.js";
import { dropCoupons } from "../../../../src/features/coupons/drop-coupons.js";
import { expireCoupons } from "../../../../src/features/coupons/expire-coupons.js";
import { issueCoupon } from "../../../../src/features/coupons/issue-coupon.js";
import { redeemCoupon } from "../../../../src/features/coupons/redeem-coupon.js";
import { COUPON_CODE_FORMAT } from "../../../../src/features/coupons/rules/coupon-code.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

describe("coupons", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  const at = new Date("2026-11-23T04:00:00Z");
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(async () => cleanup?.());

  it("starts with the three templates of every installation", async () => {
    const names = (await app.db.couponTemplate.findMany({ orderBy: { id: "asc" } })).map((t) => t.name);
    expect(names).toEqual(["满200减30", "立减100", "首单立减50"]);
  });

  it("50 concurrent claims on a drop of 20 give exactly 20 coupons, at most one per member", async () => {
    const room = await app.db.room.create({ data: { wechatRoomId: "r-drop", topic: "VIP群" } });
    const members = await app.db.member.createManyAndReturn({
      data: Array.from({ length: 40 }, (_, i) => ({ wechatId: `m${i}`, name: `M${i}` })),
    });
    const dropped = await dropCoupons(app, { templateName: "满200减30", roomId: room.id, quantity: 20, createdById: members[0]!.id, at });
    expect(dropped.kind).toBe("dropped");
    // 40 members, 10 of whom claim twice at once.
    const claimers = [...members, ...members.slice(0, 10)];
    const outcomes = await Promise.all(claimers.map((m) => claimCoupon(app, { roomId: room.id, memberId: m.id, at })));
    const coupons = await app.db.coupon.findMany({ where: { campaign: { startsWith: "drop:" } } });
    expect(coupons).toHaveLength(20);
    expect(new Set(coupons.map((c) => c.memberId)).size).toBe(20);
    expect(outcomes.filter((o) => o.kind === "claimed")).toHaveLength(20);
    expect(outcomes.filter((o) => o.kind === "soldOut").length).toBeGreaterThan(0);
    const drop = await app.db.couponDrop.findFirstOrThrow();
    expect(drop.claimed).toBe(20);
    for (const c of coupons) expect(c.code).toMatch(COUPON_CODE_FORMAT);
  });

  it("serves 领券 from the oldest open drop with stock, then the next; an expired drop serves nobody", async () => {
    const room = await app.db.room.create({ data: { wechatRoomId: "r-two-drops", topic: "两批" } });
    const [a, b, c] = await app.db.member.createManyAndReturn({ data: ["da", "db", "dc"].map((w) => ({ wechatId: w, name: w })) });
    const first = await dropCoupons(app, { templateName: "满200减30", roomId: room.id, quantity: 1, createdById: a!.id, at });
    const second = await dropCoupons(app, { templateName: "立减100", roomId: room.id, quantity: 1, createdById: a!.id, at });
    if (first.kind !== "dropped" || second.kind !== "dropped") throw new Error("not dropped");
    expect(await claimCoupon(app, { roomId: room.id, memberId: a!.id, at })).toMatchObject({
      kind: "claimed",
      coupon: { dropId: first.drop.id },
    });
    // The first drop is gone: the next claimer gets the second, not "已领完".
    expect(await claimCoupon(app, { roomId: room.id, memberId: b!.id, at })).toMatchObject({
      kind: "claimed",
      coupon: { dropId: second.drop.id },
    });
    expect(await claimCoupon(app, { roomId: room.id, memberId: c!.id, at })).toMatchObject({ kind: "soldOut" });
    expect(await claimCoupon(app, { roomId: room.id, memberId: a!.id, at })).toMatchObject({
      kind: "alreadyClaimed",
      coupon: { dropId: first.drop.id },
    });

    // A drop is open for its template's validity (30 days), then it is gone.
    const old = await app.db.room.create({ data: { wechatRoomId: "r-old-drop", topic: "旧券" } });
    await dropCoupons(app, {
      templateName: "满200减30",
      roomId: old.id,
      quantity: 5,
      createdById: a!.id,
      at: new Date(at.getTime() - 31 * 86_400_000),
    });
    expect(await claimCoupon(app, { roomId: old.id, memberId: c!.id, at })).toEqual({ kind: "noDrop" });
  });

  it("issues idempotently on a dedupe key and respects the per-member limit", async () => {
    const m = await app.db.member.create({ data: { wechatId: "newbie", name: "Newbie" } });
    const a = await issueCoupon(app, { templateName: "首单立减50", memberId: m.id, dedupeKey: "welcome:member:x", at });
    const b = await issueCoupon(app, { templateName: "首单立减50", memberId: m.id, dedupeKey: "welcome:member:x", at });
    expect(a.kind).toBe("issued");
    expect(b.kind).toBe("existing");
    const c = await issueCoupon(app, { templateName: "首单立减50", memberId: m.id, at });
    expect(c.kind).toBe("memberLimit");
  });

  it("redeems once; expired coupons are marked and near-expiry ones reminded once", async () => {
    const m = await app.db.member.create({ data: { wechatId: "red", name: "Red" } });
    const issued = await issueCoupon(app, { templateName: "立减100", memberId: m.id, at });
    if (issued.kind !== "issued") throw new Error(issued.kind);
    expect((await redeemCoupon(app, { code: issued.coupon.code.toLowerCase(), at })).kind).toBe("redeemed");
    expect((await redeemCoupon(app, { code: issued.coupon.code, at })).kind).toBe("alreadyRedeemed");

    const soon = await issueCoupon(app, { templateName: "满200减30", memberId: m.id, at: new Date(at.getTime() - 29 * 86_400_000) });
    const old = await issueCoupon(app, { templateName: "满200减30", memberId: m.id, at: new Date(at.getTime() - 31 * 86_400_000) });
    const sweep = { at, remindDays: 2, timeZone: "Asia/Shanghai" };
    const first = await expireCoupons(app, sweep);
    const second = await expireCoupons(app, sweep);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(second.reminded).toBe(0);
    if (soon.kind !== "issued" || old.kind !== "issued") throw new Error("not issued");
    expect(await app.db.delivery.count({ where: { dedupeKey: `coupon-reminder:${soon.coupon.id}`, kind: "reminder" } })).toBe(1);
    // Worthless once the coupon has expired: quiet hours must not carry it past that.
    expect((await app.db.delivery.findUniqueOrThrow({ where: { dedupeKey: `coupon-reminder:${soon.coupon.id}` } })).validUntil).toEqual(
      soon.coupon.expiresAt,
    );
    expect((await app.db.coupon.findUniqueOrThrow({ where: { id: old.coupon.id } })).expiredAt).not.toBeNull();
  });
});
