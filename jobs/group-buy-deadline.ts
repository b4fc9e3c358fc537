// A group-buy's deadline: a delayed job (survives restarts; its id names the group-buy and instant, so it
// runs once; a moved deadline's old job is ignored because `at` no longer matches).

import { endGroupBuy, groupBuyDeadlineJob } from "../src/features/group-buys/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const groupBuyDeadline = defineJob({
  ...groupBuyDeadlineJob,
  label: "拼团截止",
  async handle(payload, app: AppContext) {
    return endGroupBuy(app, payload);
  },
});
