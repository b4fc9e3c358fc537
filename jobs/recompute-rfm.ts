// Nightly (RFM_CRON, community time): recency, frequency, monetary and every member's layer, in SQL.
import { z } from "zod";
import type { AppContext } from "../src/infra/app-context.js";
import { defineJob } from "../src/infra/jobs/define-job.js";
import { recomputeLayers } from "../src/services/rfm/recompute-layers.js";

export const recomputeRfm = defineJob({
  id: "recompute-rfm",
  payload: z.object({}),
  schedule: (config) => ({ cron: config.rfm.cron }),
  attempts: 2,
  async handle(_payload, app: AppContext) {
    const result = await recomputeLayers(app.db, { at: app.clock.now(), thresholds: app.config.rfm });
    app.logger.info(result, "rfm layers recomputed");
    return result;
  },
});
