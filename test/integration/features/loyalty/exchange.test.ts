// 兑换 against the real database: 50 concurrent redeems by one member with points for one succeed once
// (five app contexts, so five connection pools race, as five bot processes would); sold out, withdrawn,
// not enough points and a coupon that cannot be issued each leave no half-written entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addExchangeItem,
  finishReservedRedemptions,
  listPendingGifts,
  markGiftSent,
  readPoints,
  redeemExchangeItem,
  withdrawExchangeItem,
} from "../../../../src/features/loyalty/index.js";
import { type AppContext, createAppContext } from "../../../../src/kernel/app-context.js";
import { createTestEnv, type TestEnv } from "../../../support/test-app.js";

describe("exchange (兑换)", () => {
  let env: TestEnv;
  let apps: AppContext[] = [];
  let app: AppContext;
  const at = new Date("2026-12-02T04:00:00Z");
  beforeAll(async () => {
    env = await createTestEnv();
    apps = Array.from({ length: 5 }, () => createAppContext(env.config));
    app = apps[0]!;
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await env?.cleanup();
  });

  const memberWith = async (wechatId: string, points: number) => {
    const m = await app.db.member.create({ data: { wechatId, name: wechatId } });
    await app.db.pointEntry.create({
      data: { memberId: m.id, points, source: "adjust", ref: "seed", at, expiresAt: new Date(at.getTime() + 300 * 86_400_000) },
    });
    return m;
  };
  const item = async (name: string, points: number, stock?: number) => {
    const added = await addExchangeItem(app, { name, points, stock });
    if (added.kind !== "added") throw new Error(`not added: ${name}`);
    return added.item;
  };

  it("50 concurrent redeems by one member with points for one: exactly one succeeds", async () => {
    const m = await memberWith("racer", 150);
    const cup = await item("满200减30", 100);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => redeemExchangeItem(apps[i % apps.length]!, { memberId: m.id, itemId: cup.id, at })),
    );
    const kinds = outcomes.map((o) => o.kind);
    expect(kinds.filter((k) => k === "redeemed")).toHaveLength(1);
    expect(kinds.filter((k) => k === "notEnoughPoints")).toHaveLength(49);
    expect(await app.db.redemption.count({ where: { memberId: m.id } })).toBe(1);
    expect(await app.db.coupon.count({ where: { memberId: m.id, campaign: `exchange:${cup.id}` } })).toBe(1);
    const spends = await app.db.pointEntry.findMany({ where: { memberId: m.id, source: "redeem" } });
    expect(spends.map((e) => e.points)).toEqual([-100]);
    expect((await readPoints(app, { memberId: m.id, at })).balance).toBe(50);
    expect((await app.db.exchangeItem.findUniqueOrThrow({ where: { id: cup.id } })).redeemedCount).toBe(1);
  });

  it("refuses without enough points, sold out and withdrawn; writes nothing for them", async () => {
    const poor = await memberWith("poor", 10);
    const rich = await memberWith("rich", 10_000);
    const one = await item("立减100", 500, 1);
    expect(await redeemExchangeItem(app, { memberId: poor.id, itemId: one.id, at })).toMatchObject({
      kind: "notEnoughPoints",
      balance: 10,
    });
    expect(await redeemExchangeItem(app, { memberId: rich.id, itemId: one.id, at })).toMatchObject({ kind: "redeemed" });
    expect(await redeemExchangeItem(app, { memberId: rich.id, itemId: one.id, at })).toMatchObject({ kind: "soldOut" });
    const gift = await addExchangeItem(app, { name: "保温杯", points: 800, gift: true });
    if (gift.kind !== "added") throw new Error("no gift");
    expect(await withdrawExchangeItem(app, { itemId: gift.item.id })).toMatchObject({ kind: "withdrawn" });
    expect(await redeemExchangeItem(app, { memberId: rich.id, itemId: gift.item.id, at })).toMatchObject({ kind: "withdrawn" });
    expect(await redeemExchangeItem(app, { memberId: rich.id, itemId: 99_999, at })).toEqual({ kind: "notFound" });
    expect(await app.db.pointEntry.count({ where: { memberId: poor.id, source: "redeem" } })).toBe(0);
    expect(await app.db.pointEntry.count({ where: { memberId: rich.id, source: "redeem" } })).toBe(1);
    expect(await addExchangeItem(app, { name: "不存在的券", points: 5 })).toMatchObject({ kind: "noSuchTemplate" });
  });

  it("a gift exchange opens one gift order; 礼品 已发 marks it sent once and tells the member", async () => {
    const fan = await memberWith("gift-fan", 1000);
    const boss = await app.db.member.create({ data: { wechatId: "gift-boss", name: "店长" } });
    const added = await addExchangeItem(app, { name: "保温杯", points: 300, gift: true });
    if (added.kind !== "added") throw new Error("no gift");
    const redeemed = await redeemExchangeItem(app, { memberId: fan.id, itemId: added.item.id, at });
    if (redeemed.kind !== "redeemed") throw new Error(redeemed.kind);
    expect(redeemed.giftOrder).toMatchObject({
      memberId: fan.id,
      giftName: "保温杯",
      status: "pending",
      source: `exchange:${redeemed.redemption.id}`,
    });
    // A crash before the commit: the nightly sweep finishes the redemption again, without a second gift.
    await app.db.redemption.update({ where: { id: redeemed.redemption.id }, data: { status: "reserved" } });
    expect(await finishReservedRedemptions(app, { at: new Date(at.getTime() + 120_000) })).toBe(1);
    expect(await app.db.giftOrder.count({ where: { memberId: fan.id } })).toBe(1);

    const pending = await listPendingGifts(app);
    expect(pending.gifts.find((g) => g.id === redeemed.giftOrder!.id)).toMatchObject({ memberName: "gift-fan", giftName: "保温杯" });
    const sent = await markGiftSent(app, { giftOrderId: redeemed.giftOrder!.id, operatorId: boss.id, at });
    expect(sent).toMatchObject({ kind: "sent", memberName: "gift-fan", gift: { status: "sent" } });
    expect(await markGiftSent(app, { giftOrderId: redeemed.giftOrder!.id, operatorId: boss.id, at })).toMatchObject({
      kind: "alreadySent",
    });
    expect(await markGiftSent(app, { giftOrderId: 999_999, operatorId: boss.id, at })).toEqual({ kind: "notFound" });
    expect(await app.db.giftOrder.findUniqueOrThrow({ where: { id: redeemed.giftOrder!.id } })).toMatchObject({
      status: "sent",
      sentById: boss.id,
    });
    const told = await app.db.delivery.findMany({ where: { memberId: fan.id, campaign: "gift-order" } });
    expect(told.map((d) => d.text)).toEqual([expect.stringContaining("你的「保温杯」已安排发出")]);
    expect((await listPendingGifts(app)).gifts.some((g) => g.id === redeemed.giftOrder!.id)).toBe(false);
  });

  it("gives the points and the stock back when the coupon cannot be issued (template quota spent)", async () => {
    const m = await memberWith("unlucky", 1000);
    const template = await app.db.couponTemplate.create({
      data: { name: "限量券", kind: "flat", valueCents: 1000, validDays: 7, totalQuota: 1, issuedCount: 1 },
    });
    const limited = await item(template.name, 200, 10);
    expect(await redeemExchangeItem(app, { memberId: m.id, itemId: limited.id, at })).toMatchObject({ kind: "couponUnavailable" });
    expect((await readPoints(app, { memberId: m.id, at })).balance).toBe(1000);
    expect((await app.db.redemption.findFirstOrThrow({ where: { memberId: m.id } })).status).toBe("released");
    expect((await app.db.exchangeItem.findUniqueOrThrow({ where: { id: limited.id } })).redeemedCount).toBe(0);
  });
});
