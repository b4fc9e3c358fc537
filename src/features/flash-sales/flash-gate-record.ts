// The gate and the durable record kept in line: the database is the truth, the Redis gate a fast copy
// that may be lost (rebuilt from the orders) or lag a change (cancelled, moved: re-synced).
import type { AppContext } from "../../kernel/app-context.js";
import type { FlashSale } from "../../kernel/db/client.js";
import { FLASH_GATE, type GateSale, type GateState } from "./flash-gate.js";

export function gateState(sale: FlashSale, now: Date): GateState {
  if (sale.status === "cancelled") return "cancelled";
  if (sale.status === "ended" || now >= sale.endsAt) return "ended";
  return "on";
}

function gateSale(sale: FlashSale, now: Date): GateSale {
  return {
    id: sale.id,
    startsAt: sale.startsAt,
    endsAt: sale.endsAt,
    perMemberLimit: sale.perMemberLimit,
    roomIds: sale.roomIds,
    state: gateState(sale, now),
  };
}

/** Brings the sale's gate (if Redis has it) in line with its record: cancelled, ended, moved. */
export async function syncGate(app: AppContext, sale: FlashSale): Promise<void> {
  await app.scoped(FLASH_GATE).sync(gateSale(sale, app.clock.now()));
}

/** (Re)builds a sale's gate from its orders, if Redis lost it. Safe to run from several processes at once. */
export async function loadGateFromDb(app: AppContext, sale: FlashSale): Promise<void> {
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
  const settled = await app.db.order.findMany({
    where: { flashSaleId: sale.id, status: { notIn: ["pending", "paid"] } },
    select: { id: true },
  });
  await app.scoped(FLASH_GATE).load(
    gateSale(sale, app.clock.now()),
    sale.stock - sold,
    rows
      .filter((r) => r.memberId !== null)
      .map((r) => ({ memberId: r.memberId!, live: liveBy.get(r.memberId) ?? 0, seq: r._max.grabSeq ?? 0 })),
    sold >= sale.stock ? 1 : 0,
    settled.map((o) => o.id),
  );
  if (sale.earlyMinutes > 0) await loadEarlyAccess(app, sale);
}

/** 优先购 from the sale's record into its gate (the set of members, and when the sale opens for them). */
export async function loadEarlyAccess(app: AppContext, sale: FlashSale): Promise<boolean> {
  const earlyStart = sale.earlyMinutes > 0 ? new Date(sale.startsAt.getTime() - sale.earlyMinutes * 60_000) : undefined;
  return app.scoped(FLASH_GATE).setEarly(sale.id, earlyStart, sale.earlyMemberIds);
}
