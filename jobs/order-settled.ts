// An order became paid, refunded or cancelled (queued by the orders feature): its points and its
// member's level (a level-up is told privately). Idempotent: the ledger's keys make a rerun write nothing.
import { applyOrderToLoyalty } from "../src/features/loyalty/index.js";
import { orderSettledJob } from "../src/features/orders/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const orderSettled = defineJob({
  ...orderSettledJob,
  label: "订单积分",
  async handle({ orderId }, app: AppContext) {
    return applyOrderToLoyalty(app, { orderId, at: app.clock.now() });
  },
});
