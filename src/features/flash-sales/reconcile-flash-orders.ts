import type { AppContext } from "../../kernel/app-context.js";
import { FLASH_GATE } from "./flash-gate.js";
import { FLASH_ORDER_WRITER } from "./flash-order-writer.js";

/**
 * Writes the orders of wins older than `olderThanMs` still in the gate's pending log (a process died
 * between deciding and writing), through the same idempotent writer the grabs use. Returns how many.
 */
export async function reconcileFlashOrders(app: AppContext, saleId: number, olderThanMs: number): Promise<number> {
  const cutoff = app.clock.now().getTime() - olderThanMs;
  const due = (await app.scoped(FLASH_GATE).pending(saleId)).filter((win) => win.decidedAt.getTime() <= cutoff);
  const writer = app.scoped(FLASH_ORDER_WRITER);
  await Promise.all(due.map((win) => writer.record({ saleId, ...win })));
  return due.length;
}

/**
 * Reconciles every sale that ended within `sinceMs` (or has not ended): the wins older than
 * `olderThanMs` a crashed process never wrote are written now. Returns how many.
 *
 * @example await reconcileRecentFlashSales(app, { sinceMs: 86_400_000, olderThanMs: 10_000 }) // 0
 */
export async function reconcileRecentFlashSales(app: AppContext, window: { sinceMs: number; olderThanMs: number }): Promise<number> {
  const since = new Date(app.clock.now().getTime() - window.sinceMs);
  const sales = await app.db.flashSale.findMany({ where: { endsAt: { gte: since } }, select: { id: true } });
  let written = 0;
  for (const sale of sales) written += await reconcileFlashOrders(app, sale.id, window.olderThanMs);
  return written;
}
