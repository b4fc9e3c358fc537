import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

export const pushFanOutJob = jobRef("push-fan-out", z.object({ pushId: z.number().int() }), { attempts: 10 });
/** A push waiting for #确认 past its window expires. */
export const pushExpireJob = jobRef("push-expire", z.object({ pushId: z.number().int() }));
/** Checks whether a push has settled, and sends its maker the report. */
/** `chain` tells apart the checks started again after a resume or cancel (their job ids must be new). */
export const pushReportJob = jobRef(
  "push-report",
  z.object({ pushId: z.number().int(), check: z.number().int().default(1), chain: z.string().default("") }),
);
