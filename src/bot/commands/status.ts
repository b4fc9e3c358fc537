import { allJobs } from "../../../jobs/index.js";
import { noArgs } from "../../domain/commands/args.js";
import { formatClockWindow } from "../../domain/time/clock-window.js";
import { formatDuration, localDay } from "../../domain/time/zone.js";
import { countTodaysDeliveries } from "../../services/status/read-status.js";
import { defineCommand } from "./command.js";

export const status = defineCommand({
  name: "status",
  aliases: { zh: ["状态"], en: ["status"] },
  usage: "状态",
  help: "机器人状态：运行时长、队列、今日发送、发送节流",
  role: "operator",
  scope: "both",
  args: noArgs,
  async run({ app, reply }) {
    const now = app.clock.now();
    const { config } = app;
    const [outbox, jobs, today, governor] = await Promise.all([
      app.outboxQueue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed"),
      app.jobs.depths(allJobs.map((job) => job.id)),
      countTodaysDeliveries(app.db, config.account, now, config.timeZone),
      app.governor.state(localDay(now, config.timeZone)),
    ]);
    const waiting = (outbox.waiting ?? 0) + (outbox.prioritized ?? 0);
    const kinds = Object.entries(today.byKind).map(([kind, n]) => `${kind} ${n}`).join("，") || "无";
    // Only the queues with something in them: a phone screen does not need a line per idle queue.
    const jobLines = Object.entries(jobs)
      .filter(([, c]) => Object.values(c).some((n) => n > 0))
      .map(([id, c]) => `  ${id}：等待 ${(c.waiting ?? 0) + (c.prioritized ?? 0)}，执行中 ${c.active ?? 0}，延时 ${c.delayed ?? 0}，失败 ${c.failed ?? 0}`)
      .join("\n");
    const circuit = governor.circuitOpenForMs > 0 ? `已熔断，营销消息暂停 ${formatDuration(governor.circuitOpenForMs)}` : `正常（近期失败 ${governor.recentFailures} 次）`;
    await reply(
      [
        `运行时长：${formatDuration(now.getTime() - app.startedAt.getTime())}`,
        `发送队列：等待 ${waiting}，发送中 ${outbox.active ?? 0}，延时 ${outbox.delayed ?? 0}，失败 ${outbox.failed ?? 0}`,
        jobLines ? `任务队列：\n${jobLines}` : `任务队列：${Object.keys(jobs).length} 个，全部空闲`,
        `今日已发 ${today.sent} 条（${kinds}），跳过 ${today.skipped}，失败 ${today.failed}，排队 ${today.queued}`,
        `节流：每分钟 ${config.outbox.ratePerMinute} 条，可用令牌 ${governor.tokens.toFixed(1)}/${config.outbox.burst}，熔断：${circuit}`,
        `免打扰：${config.outbox.quietHours ? formatClockWindow(config.outbox.quietHours) : "关闭"}（${config.timeZone}）`,
      ].join("\n"),
    );
  },
});
