import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

/**
 * Recomputes every member's RFM layer: nightly (no payload), and on #分层 重算, whose operator is
 * answered when it is done (in the room they asked in, or privately).
 */
export const recomputeRfmJob = jobRef(
  "recompute-rfm",
  z.object({
    replyTo: z
      .object({ memberId: z.number().int().positive(), roomId: z.number().int().positive().optional(), name: z.string() })
      .optional(),
  }),
  { attempts: 2 },
);
