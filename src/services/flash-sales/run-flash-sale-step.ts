import { flashTexts } from "../../domain/sales/texts.js";
import { announceToRooms, flashGate, type SalesApp } from "./flash-sale-support.js";
import { reconcileFlashOrders } from "./reconcile-flash-orders.js";

export type FlashStepOutcome = { kind: "announced" | "ended" } | { kind: "skipped"; reason: "noSuchSale" | "cancelled" | "moved" | "alreadyEnded" };

/**
 * One timed step of a sale. A step whose instant no longer matches the sale (moved or closed early) is
 * skipped; announcements carry dedupe keys, so a step that runs twice sends once.
 */
export async function runFlashSaleStep(app: SalesApp, input: { saleId: number; step: "reminder" | "open" | "end"; at: number }): Promise<FlashStepOutcome> {
  const sale = await app.db.flashSale.findUnique({ where: { id: input.saleId } });
  if (!sale) return { kind: "skipped", reason: "noSuchSale" };
  if (sale.status === "cancelled") return { kind: "skipped", reason: "cancelled" };
  const zone = app.config.timeZone;
  const campaign = `flash:${sale.id}`;
  if (input.step === "end") {
    if (sale.endsAt.getTime() !== input.at) return { kind: "skipped", reason: "moved" };
    await endFlashSale(app, sale.id);
    return { kind: "ended" };
  }
  if (sale.status === "ended") return { kind: "skipped", reason: "alreadyEnded" };
  const expected = input.step === "open" ? sale.startsAt.getTime() : sale.startsAt.getTime() - app.config.sales.reminderMs;
  if (expected !== input.at) return { kind: "skipped", reason: "moved" };
  const text = input.step === "open" ? flashTexts.open(sale, zone) : flashTexts.reminder(sale, zone);
  await announceToRooms(app, sale.roomIds, text, `flash:${sale.id}:${input.step}`, campaign);
  return { kind: "announced" };
}

/**
 * Ends a sale (at its end, or closed early): the gate stops, every decided win is written, the result
 * (sold, left) goes to its rooms once.
 */
export async function endFlashSale(app: SalesApp, saleId: number): Promise<{ sold: number; left: number } | undefined> {
  const now = app.clock.now();
  await app.db.flashSale.updateMany({ where: { id: saleId, status: "scheduled" }, data: { status: "ended", endedAt: now } });
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId } });
  if (!sale || sale.status !== "ended") return undefined;
  const gate = flashGate(app);
  await gate.setState(sale.id, "ended");
  await reconcileFlashOrders(app, sale.id, 0);
  const sold = await app.db.order.count({ where: { flashSaleId: sale.id, status: { in: ["pending", "paid"] } } });
  await announceToRooms(app, sale.roomIds, flashTexts.result(sale, sold), `flash:${sale.id}:result`, `flash:${sale.id}`);
  await gate.expireAfter(sale.id, 7 * 86_400_000);
  return { sold, left: Math.max(sale.stock - sold, 0) };
}

/** 已抢光: once per time the stock reaches 0 (after a restock it may sell out again). */
export async function announceSoldOut(app: SalesApp, saleId: number, soldOutCount: number): Promise<void> {
  const sale = await app.db.flashSale.findUnique({ where: { id: saleId } });
  if (!sale) return;
  await announceToRooms(app, sale.roomIds, flashTexts.soldOut(sale), `flash:${sale.id}:soldout:${soldOutCount}`, `flash:${sale.id}`);
}
