import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

/** LOYALTY_CRON: the nightly loyalty sweep (runLoyaltyNightly). */
export const loyaltyNightlyJob = jobRef("loyalty-nightly", z.object({}));
