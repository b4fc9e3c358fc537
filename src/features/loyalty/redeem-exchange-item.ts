import type { AppContext } from "../../kernel/app-context.js";
import type { Coupon, ExchangeItem, GiftOrder, Redemption } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { issueCoupon } from "../coupons/index.js";
import { openGiftOrder } from "./gift-orders.js";
import { appendEntry, lockMemberPoints, POINTS_TX, readLots } from "./points-ledger.js";
import { availablePoints } from "./rules/lots.js";

export type RedeemExchangeOutcome =
  | { kind: "redeemed"; item: ExchangeItem; redemption: Redemption; coupon?: Coupon; giftOrder?: GiftOrder; balance: number }
  | { kind: "notEnoughPoints"; item: ExchangeItem; balance: number }
  | { kind: "soldOut"; item: ExchangeItem }
  | { kind: "withdrawn"; item: ExchangeItem }
  /** The coupon could not be issued (its template's quota ran out): the points were given back. */
  | { kind: "couponUnavailable"; item: ExchangeItem }
  | NotFound;

type Reserved = Exclude<RedeemExchangeOutcome, { kind: "redeemed" | "couponUnavailable" }> | { kind: "reserved"; redemption: Redemption };

/**
 * 兑换 <编号>, in three steps. Reserve: under the member's points lock, check the balance, take one of
 * the item's stock and write the spend entry with a reserved redemption (one transaction: nothing is
 * half-written). Issue: the coupon, or the gift order operators hand out, each idempotent on the
 * redemption (exchange:<id>). Commit: the redemption
 * records its coupon; a coupon that cannot be issued releases the points and the stock instead. A crash
 * between the steps leaves a reserved redemption that the nightly sweep finishes (finishReservedRedemptions).
 *
 * @example await redeemExchangeItem(app, { memberId, itemId: 3, at: app.clock.now() })
 */
export async function redeemExchangeItem(
  app: AppContext,
  input: { memberId: number; itemId: number; at: Date },
): Promise<RedeemExchangeOutcome> {
  const { db } = app;
  const reserved = await db.$transaction(async (tx): Promise<Reserved> => {
    const item = await tx.exchangeItem.findUnique({ where: { id: input.itemId } });
    if (!item) return notFound;
    if (!item.active) return { kind: "withdrawn", item };
    await lockMemberPoints(tx, input.memberId);
    const balance = availablePoints(await readLots(tx, input.memberId), input.at);
    if (balance < item.points) return { kind: "notEnoughPoints", item, balance };
    const taken = await tx.$executeRaw`
      UPDATE exchange_items SET redeemed_count = redeemed_count + 1
      WHERE id = ${item.id} AND active AND (stock IS NULL OR redeemed_count < stock)`;
    if (taken === 0) return { kind: "soldOut", item };
    const redemption = await tx.redemption.create({
      data: { memberId: input.memberId, itemId: item.id, points: item.points, at: input.at },
    });
    await appendEntry(tx, { memberId: input.memberId, points: -item.points, source: "redeem", ref: String(redemption.id), at: input.at });
    return { kind: "reserved", redemption };
  }, POINTS_TX);
  if (reserved.kind !== "reserved") return reserved;
  return finishRedemption(app, reserved.redemption, input.at);
}

/** Issue and commit (or release) a reserved redemption; safe to run again on the same one. */
export async function finishRedemption(
  app: AppContext,
  redemption: Redemption,
  at: Date,
): Promise<Extract<RedeemExchangeOutcome, { kind: "redeemed" | "couponUnavailable" }>> {
  const { db } = app;
  const item = await db.exchangeItem.findUniqueOrThrow({ where: { id: redemption.itemId } });
  let coupon: Coupon | undefined;
  if (item.couponTemplateId !== null) {
    const issued = await issueCoupon(app, {
      templateId: item.couponTemplateId,
      memberId: redemption.memberId,
      campaign: `exchange:${item.id}`,
      dedupeKey: `exchange:${redemption.id}`,
      at,
    });
    if (issued.kind !== "issued" && issued.kind !== "existing") {
      await db.$transaction(async (tx) => {
        const moved = await tx.redemption.updateMany({ where: { id: redemption.id, status: "reserved" }, data: { status: "released" } });
        if (moved.count === 0) return;
        await appendEntry(tx, {
          memberId: redemption.memberId,
          points: redemption.points,
          source: "redeem_release",
          ref: String(redemption.id),
          at,
        });
        await tx.exchangeItem.update({ where: { id: item.id }, data: { redeemedCount: { decrement: 1 } } });
      }, POINTS_TX);
      return { kind: "couponUnavailable", item };
    }
    coupon = issued.coupon;
  }
  const giftOrder =
    item.couponTemplateId === null && item.giftName
      ? await openGiftOrder(app, { memberId: redemption.memberId, giftName: item.giftName, source: `exchange:${redemption.id}`, at })
      : undefined;
  const committed = await db.redemption.update({
    where: { id: redemption.id },
    data: { status: "committed", couponId: coupon?.id ?? null },
  });
  const balance = availablePoints(await readLots(db, redemption.memberId), at);
  return { kind: "redeemed", item, redemption: committed, coupon, giftOrder, balance };
}

/** The nightly sweep's part: redemptions left reserved by a crash (older than a minute) are finished. */
export async function finishReservedRedemptions(app: AppContext, input: { at: Date }): Promise<number> {
  const stuck = await app.db.redemption.findMany({
    where: { status: "reserved", at: { lt: new Date(input.at.getTime() - 60_000) } },
    take: 1000,
  });
  for (const redemption of stuck) await finishRedemption(app, redemption, input.at);
  return stuck.length;
}
