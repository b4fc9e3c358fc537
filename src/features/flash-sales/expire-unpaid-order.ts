import type { AppContext } from "../../kernel/app-context.js";
import { announceToRooms } from "../../kernel/outbox/announce-to-rooms.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { FLASH_GATE } from "./flash-gate.js";
import { flashTexts } from "./texts.js";

export type ExpireOrderOutcome =
  | { kind: "expired"; restocked: boolean; saleId?: number; wasSoldOut?: boolean }
  | { kind: "notPending" }
  | NotFound;

/**
 * An unpaid order past its time: pending → expired (conditionally, so a payment racing it wins), its
 * unit goes back to the gate, then the row records that (`stockReleasedAt`). The gate returns a unit once
 * per order, so a retry after a crash anywhere in between finishes the release exactly once. If the sale
 * is still running and had sold out, its rooms hear "补货 1件".
 */
export async function expireUnpaidOrder(
  app: AppContext,
  orderId: number,
  options: { announce?: boolean } = {},
): Promise<ExpireOrderOutcome> {
  const now = app.clock.now();
  await app.db.order.updateMany({ where: { id: orderId, status: "pending" }, data: { status: "expired" } });
  const order = await app.db.order.findUnique({ where: { id: orderId } });
  if (!order) return notFound;
  if (order.status !== "expired" || order.stockReleasedAt !== null) return { kind: "notPending" };
  if (order.memberId !== null) {
    await app.outbox.send({
      kind: "notice",
      to: { memberId: order.memberId },
      text: flashTexts.orderExpired(order.orderNo),
      dedupeKey: `order:${order.id}:expired`,
    });
  }
  const released =
    order.flashSaleId !== null && order.memberId !== null
      ? await app.scoped(FLASH_GATE).release(order.flashSaleId, order.memberId, order.id, now)
      : undefined;
  await app.db.order.updateMany({ where: { id: order.id, stockReleasedAt: null }, data: { stockReleasedAt: now } });
  if (!released?.open || order.flashSaleId === null) return { kind: "expired", restocked: false };
  if (released.left === 1 && options.announce !== false) {
    // It was sold out: the room hears about the unit back on sale.
    const sale = await app.db.flashSale.findUniqueOrThrow({ where: { id: order.flashSaleId } });
    await announceToRooms(app, sale.roomIds, {
      text: flashTexts.restock(sale, 1),
      dedupe: `flash:${sale.id}:restock:${order.id}`,
      campaign: `flash:${sale.id}`,
      validUntil: sale.endsAt,
    });
  }
  return { kind: "expired", restocked: true, saleId: order.flashSaleId, wasSoldOut: released.left === 1 };
}

/**
 * Expires a batch of orders (one expiry job): the room hears one "补货 N件" per sale that had sold out,
 * N being every unit this batch returned.
 */
export async function expireUnpaidOrders(app: AppContext, orderIds: readonly number[]): Promise<ExpireOrderOutcome[]> {
  const outcomes: ExpireOrderOutcome[] = [];
  for (const id of orderIds) outcomes.push(await expireUnpaidOrder(app, id, { announce: false }));
  const bySale = new Map<number, { count: number; wasSoldOut: boolean }>();
  for (const o of outcomes) {
    if (o.kind !== "expired" || !o.restocked || o.saleId === undefined) continue;
    const entry = bySale.get(o.saleId) ?? { count: 0, wasSoldOut: false };
    entry.count++;
    entry.wasSoldOut ||= o.wasSoldOut === true;
    bySale.set(o.saleId, entry);
  }
  for (const [saleId, { count, wasSoldOut }] of bySale) {
    if (!wasSoldOut) continue;
    const sale = await app.db.flashSale.findUniqueOrThrow({ where: { id: saleId } });
    await announceToRooms(app, sale.roomIds, {
      text: flashTexts.restock(sale, count),
      dedupe: `flash:${sale.id}:restock:${orderIds[0]}`,
      campaign: `flash:${sale.id}`,
      validUntil: sale.endsAt,
    });
  }
  return outcomes;
}

// Gates live 7 days past a sale's end; an order expired longer ago than any gate can hold is not looked at.
const RELEASE_HORIZON_MS = 30 * 86_400_000;

/**
 * The sweep's share of order expiry: flash-sale orders past their payment time whose expiry job was
 * lost, and expired ones whose unit a crash left unreleased. `graceMs` leaves the expiry jobs in flight alone.
 */
export async function expireOverdueOrders(app: AppContext, graceMs: number): Promise<number> {
  const now = app.clock.now().getTime();
  const due = new Date(now - graceMs);
  const overdue = await app.db.order.findMany({
    where: {
      source: "flash_sale",
      OR: [
        { status: "pending", expiresAt: { lte: due } },
        { status: "expired", stockReleasedAt: null, expiresAt: { gte: new Date(now - RELEASE_HORIZON_MS) }, updatedAt: { lte: due } },
      ],
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 500,
  });
  if (overdue.length > 0)
    await expireUnpaidOrders(
      app,
      overdue.map((o) => o.id),
    );
  return overdue.length;
}
