import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

/** A group-buy's deadline: incomplete teams fail. */
export const groupBuyDeadlineJob = jobRef("group-buy-deadline", z.object({ groupBuyId: z.number().int(), at: z.number().int() }), {
  attempts: 5,
});

export function groupBuyDeadlineJobId(groupBuyId: number, at: Date): string {
  return `groupbuy-${groupBuyId}-deadline-${at.getTime()}`;
}
