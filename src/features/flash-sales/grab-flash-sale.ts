import type { AppContext } from "../../kernel/app-context.js";
import { newOrderNo } from "../../kernel/codes/order-number.js";
import { memberRoomsAmong } from "../../kernel/db/rooms.js";
import { notFound } from "../../kernel/outcomes.js";
import { FLASH_GATE, type GrabOutcome, type GrabWon } from "./flash-gate.js";
import { loadGateFromDb } from "./flash-gate-record.js";
import { FLASH_ORDER_WRITER } from "./flash-order-writer.js";
import { announceSoldOut } from "./run-flash-sale-step.js";

/**
 * A private grab counts from one of the sale's rooms the member is in now; none: not in a target room.
 * (The gate refuses a grab from nowhere, so this is the only way in without a room.)
 */
async function roomOfPrivateGrab(app: AppContext, saleId: number, memberId: number): Promise<number | GrabOutcome> {
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId }, select: { roomIds: true } });
  if (!sale) return notFound;
  const [roomId] = await memberRoomsAmong(app, memberId, sale.roomIds);
  return roomId ?? { kind: "notInRoom" };
}

/**
 * Decides a grab atomically in the Redis gate (rebuilding the gate from the orders if Redis lost it),
 * before anything is written. A win is logged in the gate's pending log until `completeGrab` (or
 * reconciliation) writes it. Without `roomId` (a private chat) the member must be in one of the sale's rooms.
 */
export async function decideGrab(app: AppContext, input: { saleId: number; memberId: number; roomId?: number }): Promise<GrabOutcome> {
  const gate = app.scoped(FLASH_GATE);
  const roomId = input.roomId ?? (await roomOfPrivateGrab(app, input.saleId, input.memberId));
  if (typeof roomId !== "number") return roomId;
  const grab = { memberId: input.memberId, roomId, orderNo: newOrderNo("F") };
  const decision = await gate.grab(input.saleId, { ...grab, now: app.clock.now() });
  if (decision.kind !== "notFound") return decision;
  // No gate in Redis: a sale that exists gets it rebuilt from its orders (a gate still missing then: not found).
  const sale = await app.db.flashSale.findUnique({ where: { id: input.saleId } });
  if (!sale) return notFound;
  await loadGateFromDb(app, sale);
  return gate.grab(input.saleId, { ...grab, now: app.clock.now() });
}

/** Makes a won grab durable and tells the member (and, at sell-out, the rooms). Idempotent. */
export async function completeGrab(app: AppContext, input: { saleId: number; memberId: number }, won: GrabWon): Promise<void> {
  await app
    .scoped(FLASH_ORDER_WRITER)
    .record({ saleId: input.saleId, memberId: input.memberId, seq: won.seq, orderNo: won.orderNo, decidedAt: won.decidedAt });
  if (won.soldOutCount > 0) await announceSoldOut(app, input.saleId, won.soldOutCount);
}

/**
 * A member's grab: the Redis gate decides atomically; a win is then written durably (idempotent on
 * (sale, member, n)), the member is told privately and the order's expiry is scheduled.
 *
 * @example await grabFlashSale(app, { saleId: 12, memberId: 5, roomId: 3 }) // { kind: "won", orderNo, … }
 */
export async function grabFlashSale(app: AppContext, input: { saleId: number; memberId: number; roomId?: number }): Promise<GrabOutcome> {
  const decision = await decideGrab(app, input);
  if (decision.kind === "won") await completeGrab(app, input, decision);
  return decision;
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
  app: AppContext,
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
  const gate = app.scoped(FLASH_GATE);
  const left = await Promise.all(started.map((s) => gate.left(s.id)));
  return {
    open: started.map((s, i) => ({ ...s, soldOut: left[i] === 0 })),
    upcoming: sales
      .filter((s) => s.startsAt > now)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .slice(0, 3),
  };
}
