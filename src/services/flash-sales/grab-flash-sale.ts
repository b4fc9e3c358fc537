import type { GrabOutcome } from "../../domain/sales/texts.js";
import { newOrderNo } from "../../domain/codes/order-number.js";
import { flashGate, loadGateFromDb, type SalesApp } from "./flash-sale-support.js";
import { flashOrderWriter } from "./flash-order-writer.js";
import { announceSoldOut } from "./run-flash-sale-step.js";

/** The gate's decision on one grab, before anything is written. A win carries its order number and n. */
export type GrabDecision = Exclude<GrabOutcome, { kind: "won" }> | { kind: "won"; orderNo: string; seq: number; soldOutCount: number; decidedAt: Date };

/**
 * Decides a grab atomically in the Redis gate (rebuilding the gate from the orders if Redis lost it).
 * A win is logged in the gate's pending log until `completeGrab` (or reconciliation) writes it.
 */
export async function decideGrab(app: SalesApp, input: { saleId: number; memberId: number; roomId?: number }): Promise<GrabDecision> {
  const gate = flashGate(app);
  const orderNo = newOrderNo("F");
  let decision = await gate.grab(input.saleId, { ...input, orderNo, now: app.clock.now() });
  if (decision.kind === "missing") {
    const sale = await app.db.flashSale.findUnique({ where: { id: input.saleId } });
    if (!sale) return { kind: "noSuchSale" };
    await loadGateFromDb(app, sale);
    decision = await gate.grab(input.saleId, { ...input, orderNo, now: app.clock.now() });
  }
  switch (decision.kind) {
    case "won":
      return { kind: "won", orderNo, seq: decision.seq, soldOutCount: decision.soldOutCount, decidedAt: app.clock.now() };
    case "notOpen":
    case "limitReached":
      return decision;
    case "missing":
      return { kind: "noSuchSale" };
    default:
      return { kind: decision.kind };
  }
}

/** Makes a won grab durable and tells the member (and, at sell-out, the rooms). Idempotent. */
export async function completeGrab(app: SalesApp, input: { saleId: number; memberId: number }, won: Extract<GrabDecision, { kind: "won" }>): Promise<void> {
  await flashOrderWriter(app).record({ saleId: input.saleId, memberId: input.memberId, seq: won.seq, orderNo: won.orderNo, decidedAt: won.decidedAt });
  if (won.soldOutCount > 0) await announceSoldOut(app, input.saleId, won.soldOutCount);
}

/**
 * A member's grab: the Redis gate decides atomically; a win is then written durably (idempotent on
 * (sale, member, n)), the member is told privately and the order's expiry is scheduled.
 *
 * @example await grabFlashSale(app, { saleId: 12, memberId: 5, roomId: 3 }) // { kind: "won", orderNo, … }
 */
export async function grabFlashSale(app: SalesApp, input: { saleId: number; memberId: number; roomId?: number }): Promise<GrabOutcome> {
  const decision = await decideGrab(app, input);
  if (decision.kind !== "won") return decision;
  await completeGrab(app, input, decision);
  return { kind: "won", orderNo: decision.orderNo, seq: decision.seq, soldOut: decision.soldOutCount > 0 };
}

/** The sales open now in a room (for a bare 抢). */
export async function openSalesInRoom(app: SalesApp, roomId: number): Promise<number[]> {
  const now = app.clock.now();
  const sales = await app.db.flashSale.findMany({
    where: { status: "scheduled", startsAt: { lte: now }, endsAt: { gt: now }, roomIds: { has: roomId } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return sales.map((s) => s.id);
}
