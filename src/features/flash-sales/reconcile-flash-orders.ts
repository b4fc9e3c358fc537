import { flashGate, type SalesApp } from "./flash-sale-support.js";
import { flashOrderWriter } from "./flash-order-writer.js";

/**
 * Writes the orders of wins older than `olderThanMs` still in the gate's pending log (a process died
 * between deciding and writing), through the same idempotent writer the grabs use. Returns how many.
 */
export async function reconcileFlashOrders(app: SalesApp, saleId: number, olderThanMs: number): Promise<number> {
  const cutoff = app.clock.now().getTime() - olderThanMs;
  const due = (await flashGate(app).pending(saleId)).filter((win) => win.decidedAt.getTime() <= cutoff);
  const writer = flashOrderWriter(app);
  await Promise.all(due.map((win) => writer.record({ saleId, ...win })));
  return due.length;
}
