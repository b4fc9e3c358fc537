import type { GrabOutcome } from "./texts.js";
import { newOrderNo } from "../../kernel/codes/order-number.js";
import { flashGate, loadGateFromDb, memberRoomsAmong, type SalesApp } from "./flash-sale-support.js";
import { flashOrderWriter } from "./flash-order-writer.js";
import { announceSoldOut } from "./run-flash-sale-step.js";

/** The gate's decision on one grab, before anything is written. A win carries its order number and n. */
export type GrabDecision = Exclude<GrabOutcome, { kind: "won" }> | { kind: "won"; orderNo: string; seq: number; soldOutCount: number; decidedAt: Date };

/**
 * A private grab counts from one of the sale's rooms the member is in now; none: not in a target room.
 * (The gate refuses a grab from nowhere, so this is the only way in without a room.)
 */
async function roomOfPrivateGrab(app: SalesApp, saleId: number, memberId: number): Promise<number | GrabDecision> {
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId }, select: { roomIds: true } });
  if (!sale) return { kind: "noSuchSale" };
  const [roomId] = await memberRoomsAmong(app, memberId, sale.roomIds);
  return roomId ?? { kind: "notInRoom" };
}

/**
 * Decides a grab atomically in the Redis gate (rebuilding the gate from the orders if Redis lost it).
 * A win is logged in the gate's pending log until `completeGrab` (or reconciliation) writes it.
 * Without `roomId` (a private chat) the member must be in one of the sale's rooms.
 */
export async function decideGrab(app: SalesApp, input: { saleId: number; memberId: number; roomId?: number }): Promise<GrabDecision> {
  const gate = flashGate(app);
  const roomId = input.roomId ?? (await roomOfPrivateGrab(app, input.saleId, input.memberId));
  if (typeof roomId !== "number") return roomId;
  const grab = { memberId: input.memberId, roomId, orderNo: newOrderNo("F") };
  let decision = await gate.grab(input.saleId, { ...grab, now: app.clock.now() });
  if (decision.kind === "missing") {
    const sale = await app.db.flashSale.findUnique({ where: { id: input.saleId } });
    if (!sale) return { kind: "noSuchSale" };
    await loadGateFromDb(app, sale);
    decision = await gate.grab(input.saleId, { ...grab, now: app.clock.now() });
  }
  switch (decision.kind) {
    case "won":
      return { kind: "won", orderNo: grab.orderNo, seq: decision.seq, soldOutCount: decision.soldOutCount, decidedAt: app.clock.now() };
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

/** A sale a bare 抢 may mean. */
export interface SaleForGrab {
  id: number;
  product: string;
  startsAt: Date;
}

/**
 * The sales a bare 抢 may mean: in the room it was sent in, or privately, in any room the member is in.
 * `open`: on now, by number, each with whether it is sold out (an expiring order may still return stock);
 * `upcoming`: the next few to start, soonest first.
 */
export async function openSalesFor(
  app: SalesApp,
  input: { roomId?: number; memberId: number },
): Promise<{ open: Array<SaleForGrab & { soldOut: boolean }>; upcoming: SaleForGrab[] }> {
  const rooms = input.roomId !== undefined ? [input.roomId] : await memberRoomsAmong(app, input.memberId);
  if (rooms.length === 0) return { open: [], upcoming: [] };
  const now = app.clock.now();
  const sales = await app.db.flashSale.findMany({
    where: { status: "scheduled", endsAt: { gt: now }, roomIds: { hasSome: rooms } },
    select: { id: true, product: true, startsAt: true },
    orderBy: { id: "asc" },
  });
  const started = sales.filter((s) => s.startsAt <= now);
  const left = await Promise.all(started.map((s) => flashGate(app).left(s.id)));
  return {
    open: started.map((s, i) => ({ ...s, soldOut: left[i] === 0 })),
    upcoming: sales
      .filter((s) => s.startsAt > now)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .slice(0, 3),
  };
}
