import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

export type FlashStep = "reminder" | "open" | "end";

/** A sale's timed step: the reminder before it, the opening, the end. */
export const flashSaleTimerJob = jobRef(
  "flash-sale-timer",
  z.object({ saleId: z.number().int(), step: z.enum(["reminder", "open", "end"]), at: z.number().int() }),
  { attempts: 5 },
);

/** The job id of one step: the same step at the same instant is one job, however often it is added. */
export function flashTimerJobId(saleId: number, step: FlashStep, at: Date): string {
  return `flash-${saleId}-${step}-${at.getTime()}`;
}

/** Unpaid flash-sale orders reaching their payment deadline. */
export const flashOrderExpiryJob = jobRef("flash-order-expiry", z.object({ orderIds: z.array(z.number().int()).min(1) }), {
  attempts: 5,
});
