// Nightly (TAG_CRON): interaction, purchase-preference and channel tags (source rule; manual tags untouched).
import { z } from "zod";
import { applyRuleTags as apply } from "../src/features/tags/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const applyRuleTags = defineJob({
  id: "apply-rule-tags",
  label: "规则标签",
  payload: z.object({}),
  schedule: (config) => ({ cron: config.tags.cron }),
  attempts: 2,
  async handle(_payload, app: AppContext) {
    return apply(app, {
      at: app.clock.now(),
      timeZone: app.config.timeZone,
      activeMessages7d: app.config.tags.activeMessages7d,
      silentDays: app.config.tags.silentDays,
    });
  },
});
