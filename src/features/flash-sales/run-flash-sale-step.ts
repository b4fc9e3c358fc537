import type { AppContext } from "../../kernel/app-context.js";
import { announceToRooms } from "../../kernel/outbox/announce-to-rooms.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { FLASH_GATE } from "./flash-gate.js";
import { syncGate } from "./flash-gate-record.js";
import { reconcileFlashOrders } from "./reconcile-flash-orders.js";
import { RESULT_VALID_MS } from "./rules/result-validity.js";
import { flashTexts } from "./texts.js";

export type FlashStepOutcome =
  | { kind: "announced" | "ended" }
  | { kind: "skipped"; reason: "cancelled" | "moved" | "alreadyEnded" }
  | NotFound;

/**
 * One timed step of a sale. A step whose instant no longer matches the sale (moved or closed early) is
 * skipped; announcements carry dedupe keys naming the step's instant, so a step that runs twice sends
 * once, and a moved sale's new reminder is still sent after the old one went out.
 */
export async function runFlashSaleStep(
  app: AppContext,
  input: { saleId: number; step: "reminder" | "open" | "end"; at: number },
): Promise<FlashStepOutcome> {
  const sale = await app.db.flashSale.findUnique({ where: { id: input.saleId } });
  if (!sale) return notFound;
  if (sale.status === "cancelled") return { kind: "skipped", reason: "cancelled" };
  const zone = app.config.timeZone;
  if (input.step === "end") {
    if (sale.endsAt.getTime() !== input.at) return { kind: "skipped", reason: "moved" };
    await endFlashSale(app, sale.id);
    return { kind: "ended" };
  }
  if (sale.status === "ended") return { kind: "skipped", reason: "alreadyEnded" };
  const expected = input.step === "open" ? sale.startsAt.getTime() : sale.startsAt.getTime() - app.config.sales.reminderMs;
  if (expected !== input.at) return { kind: "skipped", reason: "moved" };
  const text = input.step === "open" ? flashTexts.open(sale, zone) : flashTexts.reminder(sale, zone);
  await announceToRooms(app, sale.roomIds, {
    text,
    dedupe: `flash:${sale.id}:${input.step}:${input.at}`,
    campaign: `flash:${sale.id}`,
    validUntil: sale.endsAt,
  });
  return { kind: "announced" };
}

/**
 * Ends a sale (at its end, or closed early): the gate stops, every decided win is written, the result
 * (sold, left) goes to its rooms once. Safe to run again after a crash: it finishes what is missing.
 */
export async function endFlashSale(app: AppContext, saleId: number): Promise<{ sold: number; left: number } | undefined> {
  const now = app.clock.now();
  await app.db.flashSale.updateMany({ where: { id: saleId, status: "scheduled" }, data: { status: "ended", endedAt: now } });
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId } });
  if (sale?.status !== "ended") return undefined;
  await syncGate(app, sale);
  await reconcileFlashOrders(app, sale.id, 0);
  const sold = await app.db.order.count({ where: { flashSaleId: sale.id, status: { in: ["pending", "paid"] } } });
  await announceToRooms(app, sale.roomIds, {
    text: flashTexts.result(sale, sold),
    dedupe: `flash:${sale.id}:result`,
    campaign: `flash:${sale.id}`,
    validUntil: new Date((sale.endedAt ?? now).getTime() + RESULT_VALID_MS),
  });
  await app.scoped(FLASH_GATE).expireAfter(sale.id, 7 * 86_400_000);
  return { sold, left: Math.max(sale.stock - sold, 0) };
}

/** 已抢光: once per time the stock reaches 0 (after a restock it may sell out again). */
export async function announceSoldOut(app: AppContext, saleId: number, soldOutCount: number): Promise<void> {
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId } });
  if (!sale) return;
  await announceToRooms(app, sale.roomIds, {
    text: flashTexts.soldOut(sale),
    dedupe: `flash:${sale.id}:soldout:${soldOutCount}`,
    campaign: `flash:${sale.id}`,
    validUntil: sale.endsAt,
  });
}
