import { defineCommand } from "../../kernel/commands/command.js";
import { localDay } from "../../kernel/time/zone.js";
import { countTodaysDeliveries } from "./read-status.js";
import { statusTexts } from "./texts.js";

export const status = defineCommand({
  name: "status",
  aliases: { zh: ["状态"], en: ["status"] },
  usage: "状态",
  help: "机器人状态：运行时长、队列、今日发送、发送节流",
  role: "operator",
  async run({ app, reply }) {
    const now = app.clock.now();
    const { config } = app;
    // Every kind of job the entry point told the context about (jobs/index.ts), with its label.
    const labels = app.jobs.labels();
    const [outbox, jobs, today, governor] = await Promise.all([
      app.outboxQueue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed"),
      app.jobs.depths(Object.keys(labels)),
      countTodaysDeliveries(app, config.account, now, config.timeZone),
      app.governor.state(localDay(now, config.timeZone)),
    ]);
    await reply(
      statusTexts.report({
        uptimeMs: now.getTime() - app.startedAt.getTime(),
        outbox,
        jobs,
        labels,
        today,
        governor,
        throttle: {
          ratePerMinute: config.outbox.ratePerMinute,
          burst: config.outbox.burst,
          quietHours: config.outbox.quietHours,
          timeZone: config.timeZone,
        },
      }),
    );
  },
});
