import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

/** Issues a win-back run's coupons and messages, batch by batch (resumable). */
export const winbackRunJob = jobRef("winback-run", z.object({ runId: z.number().int().positive() }), { attempts: 5 });
