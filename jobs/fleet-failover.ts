// Every FLEET_CHECK_SECONDS: accounts that logged out, whose process died (lease lapsed) or whose
// breaker opened hand their rooms and queued deliveries to online accounts, and the owner is told.
import { z } from "zod";
import type { AppContext } from "../src/kernel/app-context.js";
import { failOverAccounts } from "../src/kernel/fleet/fail-over-accounts.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const fleetFailover = defineJob({
  id: "fleet-failover",
  label: "账号掉线转移",
  payload: z.object({}),
  schedule: (config) => ({ everyMs: config.fleet.checkMs }),
  async handle(_payload, app: AppContext) {
    const moved = await failOverAccounts(app);
    return { accounts: moved.map((m) => m.account) };
  },
});
