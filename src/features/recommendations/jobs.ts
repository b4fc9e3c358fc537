import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

/** Recomputes the co-purchase model and every member's top 3: nightly, and on 推荐 重算 (its operator is answered). */
export const recomputeRecommendationsJob = jobRef(
  "recompute-recommendations",
  z.object({
    replyTo: z
      .object({ memberId: z.number().int().positive(), roomId: z.number().int().positive().optional(), name: z.string() })
      .optional(),
  }),
  { attempts: 2 },
);
