import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

/**
 * An order became paid, refunded or cancelled: what other features do about it (loyalty's points and
 * levels) runs in jobs/order-settled.ts, so orders imports none of them.
 */
export const orderSettledJob = jobRef("order-settled", z.object({ orderId: z.number().int().positive() }), { attempts: 10 });
