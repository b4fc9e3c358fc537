// Unpaid orders expire ORDER_PAY_MINUTES after they were placed: their stock goes back on sale. One job
// per batch of orders written together; a paid order is left alone (the expiry is conditional).

import { expireUnpaidOrders, flashOrderExpiryJob } from "../src/features/flash-sales/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const flashOrderExpiry = defineJob({
  ...flashOrderExpiryJob,
  label: "秒杀订单超时",
  async handle(payload, app: AppContext) {
    return (await expireUnpaidOrders(app, payload.orderIds)).map((o) => o.kind);
  },
});
