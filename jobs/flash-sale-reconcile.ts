// Every minute: wins the gate decided whose order row a crashed process never wrote are written now
// (idempotently), so a grab is never lost.
import { z } from "zod";
import { reconcileRecentFlashSales } from "../src/features/flash-sales/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const flashSaleReconcile = defineJob({
  id: "flash-sale-reconcile",
  label: "秒杀库存核对",
  payload: z.object({}),
  schedule: () => ({ everyMs: 60_000 }),
  async handle(_payload, app: AppContext) {
    // Sales of the last day; wins older than 10 s: a younger one is most likely still being written by
    // the process that decided it.
    const written = await reconcileRecentFlashSales(app, { sinceMs: 24 * 3_600_000, olderThanMs: 10_000 });
    if (written > 0) app.logger.warn({ written }, "reconciled flash-sale orders");
    return { written };
  },
});
