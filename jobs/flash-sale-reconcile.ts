// Every minute: wins the gate decided whose order row a crashed process never wrote are written now
// (idempotently), so a grab is never lost.
import { z } from "zod";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { reconcileFlashOrders } from "../src/features/flash-sales/reconcile-flash-orders.js";

export const flashSaleReconcile = defineJob({
  id: "flash-sale-reconcile",
  payload: z.object({}),
  schedule: () => ({ everyMs: 60_000 }),
  async handle(_payload, app: AppContext) {
    const since = new Date(app.clock.now().getTime() - 24 * 3_600_000);
    const sales = await app.db.flashSale.findMany({ where: { endsAt: { gte: since } }, select: { id: true } });
    let written = 0;
    // Older than 10 s: a younger win is most likely still being written by the process that decided it.
    for (const sale of sales) written += await reconcileFlashOrders(app, sale.id, 10_000);
    if (written > 0) app.logger.warn({ written }, "reconciled flash-sale orders");
    return { written };
  },
});
