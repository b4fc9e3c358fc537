// Daily: marks expired coupons and reminds holders of coupons about to expire (once per coupon).
import { z } from "zod";
import { expireCoupons as sweep } from "../src/features/coupons/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const expireCoupons = defineJob({
  id: "expire-coupons",
  label: "券过期",
  payload: z.object({}),
  schedule: () => ({ cron: "0 9 * * *" }),
  async handle(_payload, app: AppContext) {
    return sweep(app, {
      at: app.clock.now(),
      remindDays: app.config.coupons.remindDays,
      timeZone: app.config.timeZone,
    });
  },
});
