import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

export const TICKET_STEPS = ["warn50", "warn80", "breach", "followup", "closeUnrated"] as const;
export type TicketStep = (typeof TICKET_STEPS)[number];

/** A ticket's timed step: the 50 % / 80 % reminders, the breach, the follow-up, closing it unrated. */
export const ticketTimerJob = jobRef(
  "service-ticket-timer",
  z.object({ ticketId: z.number().int(), cycle: z.number().int().min(0), step: z.enum(TICKET_STEPS), at: z.number().int() }),
  { attempts: 5 },
);

/** One job per ticket, cycle, step and instant: added again (the sweep) it is the same job; a moved deadline is a new one. */
export function ticketTimerJobId(ticketId: number, cycle: number, step: TicketStep, at: Date | number): string {
  return `ticket-${ticketId}-c${cycle}-${step}-${typeof at === "number" ? at : at.getTime()}`;
}
