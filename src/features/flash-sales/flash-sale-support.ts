// What the flash-sale use cases share: the gate over the app's Redis, loading it from the durable
// record, and announcing to a sale's rooms.
import type { AppContext } from "../../kernel/app-context.js";
import type { FlashSale } from "../../kernel/db/client.js";
import { FlashGate, type GateSale, type GateState } from "./flash-gate.js";

export type SalesApp = Pick<AppContext, "db" | "redis" | "key" | "outbox" | "jobs" | "clock" | "config" | "logger">;

const gates = new WeakMap<object, FlashGate>();

export function flashGate(app: Pick<AppContext, "redis" | "key">): FlashGate {
  let gate = gates.get(app.redis);
  if (!gate) {
    gate = new FlashGate(app.redis, app.key);
    gates.set(app.redis, gate);
  }
  return gate;
}

export function gateState(sale: FlashSale, now: Date): GateState {
  if (sale.status === "cancelled") return "cancelled";
  if (sale.status === "ended" || now >= sale.endsAt) return "ended";
  return "on";
}

function gateSale(sale: FlashSale, now: Date): GateSale {
  return { id: sale.id, startsAt: sale.startsAt, endsAt: sale.endsAt, perMemberLimit: sale.perMemberLimit, roomIds: sale.roomIds, state: gateState(sale, now) };
}

/** Brings the sale's gate (if Redis has it) in line with its record: cancelled, ended, moved. */
export async function syncGate(app: SalesApp, sale: FlashSale): Promise<void> {
  await flashGate(app).sync(gateSale(sale, app.clock.now()));
}

/** (Re)builds a sale's gate from its orders, if Redis lost it. Safe to run from several processes at once. */
export async function loadGateFromDb(app: SalesApp, sale: FlashSale): Promise<void> {
  const rows = await app.db.order.groupBy({
    by: ["memberId"],
    where: { flashSaleId: sale.id },
    _max: { grabSeq: true },
  });
  const live = await app.db.order.groupBy({
    by: ["memberId"],
    where: { flashSaleId: sale.id, status: { in: ["pending", "paid"] } },
    _count: { _all: true },
  });
  const liveBy = new Map(live.map((r) => [r.memberId, r._count._all]));
  const sold = [...liveBy.values()].reduce((a, b) => a + b, 0);
  const settled = await app.db.order.findMany({ where: { flashSaleId: sale.id, status: { notIn: ["pending", "paid"] } }, select: { id: true } });
  await flashGate(app).load(
    gateSale(sale, app.clock.now()),
    sale.stock - sold,
    rows.filter((r) => r.memberId !== null).map((r) => ({ memberId: r.memberId!, live: liveBy.get(r.memberId) ?? 0, seq: r._max.grabSeq ?? 0 })),
    sold >= sale.stock ? 1 : 0,
    settled.map((o) => o.id),
  );
}

// How long a sale's result is worth announcing after its end: past this (say, held by quiet hours until
// morning) it is dropped rather than posted stale.
export const RESULT_VALID_MS = 3 * 3_600_000;

// A group-buy's members hear their team's fate privately at the deadline; the room's result is still news
// the next morning, so it outlasts a night of quiet hours (22:00–08:00 is 10 h).
export const GROUP_BUY_RESULT_VALID_MS = 14 * 3_600_000;

const roomKey = (dedupe: string, roomId: number) => `${dedupe}:room:${roomId}`;

/**
 * One marketing announcement per room; the dedupe key makes a retried step send nothing twice.
 * `validUntil`: when it goes stale (the sale's end, mostly): the outbox drops it rather than send it late.
 */
export async function announceToRooms(
  app: SalesApp,
  roomIds: readonly number[],
  message: { text: string; dedupe: string; campaign: string; validUntil: Date },
): Promise<void> {
  if (roomIds.length === 0) return;
  const { text, dedupe, campaign, validUntil } = message;
  await app.outbox.sendMany(
    roomIds.map((roomId) => ({ kind: "announcement" as const, to: { roomId }, text, dedupeKey: roomKey(dedupe, roomId), campaign, validUntil })),
  );
}

/** Whether an announcement under `dedupe` was queued (one insert queues it to all its rooms, or none); no rooms, nothing to queue. */
export async function wasAnnounced(app: SalesApp, dedupe: string, roomIds: readonly number[]): Promise<boolean> {
  // Exact keys, so the unique index answers (a prefix match would scan every delivery).
  return roomIds.length === 0 || (await app.db.delivery.count({ where: { dedupeKey: { in: roomIds.map((roomId) => roomKey(dedupe, roomId)) } } })) > 0;
}

/** The rooms among `roomIds` the member is in now (a private grab counts from those). */
export async function memberRoomsAmong(app: SalesApp, memberId: number, roomIds?: readonly number[]): Promise<number[]> {
  const rows = await app.db.roomMember.findMany({
    where: { memberId, leftAt: null, ...(roomIds ? { roomId: { in: [...roomIds] } } : {}), room: { active: true } },
    select: { roomId: true },
    orderBy: { roomId: "asc" },
  });
  return rows.map((r) => r.roomId);
}

/** Active rooms for `全部`, or the one room the command came from. */
export async function targetRoomIds(app: SalesApp, input: { allRooms: boolean; roomId?: number }): Promise<number[]> {
  if (input.allRooms) return (await app.db.room.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
  return input.roomId === undefined ? [] : [input.roomId];
}
