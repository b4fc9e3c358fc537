import type { AppContext } from "../../kernel/app-context.js";
import type { FlashSale } from "../../kernel/db/client.js";
import { announceToRooms } from "../../kernel/outbox/announce-to-rooms.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { syncGate } from "./flash-gate-record.js";
import { endFlashSale } from "./run-flash-sale-step.js";
import { removeFlashSaleTimers, scheduleFlashSaleTimers } from "./schedule-flash-sale-timers.js";
import { flashTexts } from "./texts.js";

export type CancelFlashSaleOutcome =
  | { kind: "cancelled"; sale: FlashSale }
  | NotFound
  | { kind: "alreadyStarted"; sale: FlashSale }
  | { kind: "notScheduled"; sale: FlashSale };

/** Cancels a sale before it starts: its gate closes, its timers go, its rooms are told. */
export async function cancelFlashSale(app: AppContext, saleId: number): Promise<CancelFlashSaleOutcome> {
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId } });
  if (!sale) return notFound;
  if (sale.status !== "scheduled") return { kind: "notScheduled", sale };
  if (sale.startsAt <= app.clock.now()) return { kind: "alreadyStarted", sale };
  const { count } = await app.db.flashSale.updateMany({
    where: { id: saleId, status: "scheduled" },
    data: { status: "cancelled", endedAt: app.clock.now() },
  });
  if (count === 0) return { kind: "notScheduled", sale };
  const cancelled = { ...sale, status: "cancelled" as const };
  await syncGate(app, cancelled);
  await removeFlashSaleTimers(app, sale);
  await announceFlashSaleCancelled(app, sale);
  return { kind: "cancelled", sale: cancelled };
}

export const flashCancelledKey = (saleId: number) => `flash:${saleId}:cancelled`;

/** Tells a cancelled sale's rooms: from the cancel, and from the sweep when a crash lost it in between. */
export async function announceFlashSaleCancelled(app: AppContext, sale: FlashSale): Promise<void> {
  // Once the sale would have started, nobody needs telling that it will not.
  await announceToRooms(app, sale.roomIds, {
    text: flashTexts.cancelled(sale),
    dedupe: flashCancelledKey(sale.id),
    campaign: `flash:${sale.id}`,
    validUntil: sale.startsAt,
  });
}

export type CloseFlashSaleOutcome =
  | { kind: "closed"; sold: number; left: number }
  | NotFound
  | { kind: "notStarted"; sale: FlashSale }
  | { kind: "notScheduled"; sale: FlashSale };

/** Closes a running sale early: it ends now (result announced); the end timer goes. */
export async function closeFlashSale(app: AppContext, saleId: number): Promise<CloseFlashSaleOutcome> {
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId } });
  if (!sale) return notFound;
  if (sale.status !== "scheduled") return { kind: "notScheduled", sale };
  if (sale.startsAt > app.clock.now()) return { kind: "notStarted", sale };
  await removeFlashSaleTimers(app, sale, ["end"]);
  const result = await endFlashSale(app, saleId);
  if (!result) return { kind: "notScheduled", sale };
  await app.db.flashSale.update({ where: { id: saleId }, data: { endsAt: app.clock.now() } });
  return { kind: "closed", ...result };
}

export type MoveFlashSaleOutcome =
  | { kind: "moved"; sale: FlashSale }
  | NotFound
  | { kind: "alreadyStarted"; sale: FlashSale }
  | { kind: "notScheduled"; sale: FlashSale };

/**
 * Moves a sale that has not started: its timers move with it (old jobs removed; any that still run see
 * that their instant no longer matches and do nothing), the gate's window changes, the rooms get a new
 * preview.
 */
export async function moveFlashSale(
  app: AppContext,
  saleId: number,
  input: { startsAt: Date; durationMs?: number },
): Promise<MoveFlashSaleOutcome> {
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId } });
  if (!sale) return notFound;
  if (sale.status !== "scheduled") return { kind: "notScheduled", sale };
  if (sale.startsAt <= app.clock.now()) return { kind: "alreadyStarted", sale };
  const endsAt = new Date(input.startsAt.getTime() + (input.durationMs ?? sale.endsAt.getTime() - sale.startsAt.getTime()));
  const { count } = await app.db.flashSale.updateMany({
    where: { id: saleId, status: "scheduled", startsAt: sale.startsAt },
    data: { startsAt: input.startsAt, endsAt },
  });
  if (count === 0) return { kind: "notScheduled", sale };
  const moved = { ...sale, startsAt: input.startsAt, endsAt };
  await syncGate(app, moved);
  await removeFlashSaleTimers(app, sale);
  await announceToRooms(app, sale.roomIds, {
    text: flashTexts.preview(moved, app.config.timeZone),
    dedupe: `flash:${sale.id}:preview:${input.startsAt.getTime()}`,
    campaign: `flash:${sale.id}`,
    validUntil: endsAt,
  });
  // After the preview, so that a sale moved to `现在` is previewed before 开抢.
  await scheduleFlashSaleTimers(app, moved);
  return { kind: "moved", sale: moved };
}
