import type { AppContext } from "../../kernel/app-context.js";
import type { GiftOrder } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { loyaltyTexts } from "./texts.js";

/** A gift to hand out for `source` (exchange:<redemption id>, a ladder grant's key): made once, however often asked. */
export async function openGiftOrder(
  app: AppContext,
  input: { memberId: number; giftName: string; source: string; at: Date },
): Promise<GiftOrder> {
  await app.db.giftOrder.createMany({
    data: [{ memberId: input.memberId, giftName: input.giftName, source: input.source, createdAt: input.at }],
    skipDuplicates: true,
  });
  return app.db.giftOrder.findUniqueOrThrow({ where: { source: input.source } });
}

/**
 * Cancels the pending gift orders of `source` and its renewals (`source:…`, a rung regained after a
 * reversal): a ladder rung taken back by a refund. A gift sent already stays sent.
 */
export async function cancelPendingGiftOrders(app: AppContext, input: { source: string }): Promise<number> {
  const moved = await app.db.giftOrder.updateMany({
    where: { status: "pending", OR: [{ source: input.source }, { source: { startsWith: `${input.source}:` } }] },
    data: { status: "cancelled" },
  });
  return moved.count;
}

export interface PendingGift {
  id: number;
  memberName: string;
  giftName: string;
  createdAt: Date;
}

/** 礼品: the gifts still to hand out, oldest first (at most `take`), and how many there are. */
export async function listPendingGifts(app: AppContext, input: { take?: number } = {}): Promise<{ total: number; gifts: PendingGift[] }> {
  const where = { status: "pending" as const };
  const [total, rows] = await Promise.all([
    app.db.giftOrder.count({ where }),
    app.db.giftOrder.findMany({ where, orderBy: { createdAt: "asc" }, take: input.take ?? 20 }),
  ]);
  const members = await app.db.member.findMany({ where: { id: { in: rows.map((r) => r.memberId) } }, select: { id: true, name: true } });
  const names = new Map(members.map((m) => [m.id, m.name]));
  return {
    total,
    gifts: rows.map((r) => ({ id: r.id, memberName: names.get(r.memberId) ?? "?", giftName: r.giftName, createdAt: r.createdAt })),
  };
}

export type MarkGiftSentOutcome =
  | { kind: "sent"; gift: GiftOrder; memberName: string }
  | { kind: "alreadySent"; gift: GiftOrder }
  | { kind: "cancelled"; gift: GiftOrder }
  | NotFound;

/** 礼品 已发 12: the gift is marked sent (once) and its member told privately. */
export async function markGiftSent(
  app: AppContext,
  input: { giftOrderId: number; operatorId: number; at: Date },
): Promise<MarkGiftSentOutcome> {
  const { db } = app;
  const moved = await db.giftOrder.updateMany({
    where: { id: input.giftOrderId, status: "pending" },
    data: { status: "sent", sentAt: input.at, sentById: input.operatorId },
  });
  const gift = await db.giftOrder.findUnique({ where: { id: input.giftOrderId } });
  if (!gift) return notFound;
  if (moved.count === 0) return gift.status === "cancelled" ? { kind: "cancelled", gift } : { kind: "alreadySent", gift };
  await app.outbox.send({
    kind: "notice",
    to: { memberId: gift.memberId },
    text: loyaltyTexts.giftOnItsWay(gift.giftName),
    dedupeKey: `gift-order:${gift.id}:sent`,
    campaign: "gift-order",
  });
  const member = await db.member.findUniqueOrThrow({ where: { id: gift.memberId } });
  return { kind: "sent", gift, memberName: member.name };
}
