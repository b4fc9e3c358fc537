// A worker process for the kill test: processes one win-back run in batches of 5, printing each point it
// passes inside a batch ("coupons 10", "messages 10", "cursor 10") and pausing at PAUSE_STEP once PAUSE_AT
// targets are reached, so the test can SIGKILL it exactly there. Env: the test's DATABASE_URL and
// REDIS_PREFIX, RUN_ID, PAUSE_STEP, PAUSE_AT, PAUSE_MS.

import { processWinbackRun } from "../../src/features/winback/process-winback-run.js";
import { winbackSettings } from "../../src/features/winback/run-winback.js";
import { createAppContext } from "../../src/kernel/app-context.js";
import { loadConfig } from "../../src/kernel/config.js";

const app = createAppContext(loadConfig());
const pause = Number(process.env.PAUSE_MS ?? 0);
const outcome = await processWinbackRun(app, {
  runId: Number(process.env.RUN_ID),
  at: app.clock.now(),
  settings: winbackSettings(app),
  batchSize: 5,
  afterStep: async (step, processed) => {
    process.stdout.write(`${step} ${processed}\n`);
    if (pause && step === process.env.PAUSE_STEP && processed >= Number(process.env.PAUSE_AT))
      await new Promise((resolve) => setTimeout(resolve, pause));
  },
});
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await app.close();
