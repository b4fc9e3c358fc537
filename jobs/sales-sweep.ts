// Every minute: whatever the database says is due for flash sales and group-buys but whose delayed job
// was lost is done now (timers re-added, sales and group-buys ended, orders expired, teams told, gates
// re-synced). Everything it calls is idempotent, so racing the timers sends nothing twice.
import { z } from "zod";
import { sweepFlashSales } from "../src/features/flash-sales/index.js";
import { sweepGroupBuys } from "../src/features/group-buys/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const salesSweep = defineJob({
  id: "sales-sweep",
  label: "活动收尾检查",
  payload: z.object({}),
  schedule: () => ({ everyMs: 60_000 }),
  async handle(_payload, app: AppContext) {
    // 30 s of grace: a timer due just now is most likely running.
    const flash = await sweepFlashSales(app, { graceMs: 30_000 });
    const groupBuys = await sweepGroupBuys(app, { graceMs: 30_000 });
    const result = {
      salesEnded: flash.salesEnded,
      groupBuysEnded: groupBuys.groupBuysEnded,
      teamsTold: groupBuys.teamsTold,
      ordersExpired: flash.ordersExpired,
      cancelsAnnounced: flash.cancelsAnnounced + groupBuys.cancelsAnnounced,
    };
    if (Object.values(result).some((n) => n > 0)) app.logger.warn(result, "sales sweep caught up");
    return result;
  },
});
