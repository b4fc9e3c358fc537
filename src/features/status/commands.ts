import { MESSAGE_KIND_LABELS, type MessageKind } from "../../kernel/outbox/message-kind.js";
import { allJobs } from "../../../jobs/index.js";
import { noArgs } from "../../kernel/commands/args.js";
import { formatClockWindow } from "../../kernel/time/clock-window.js";
import { formatDuration, localDay } from "../../kernel/time/zone.js";
import { countTodaysDeliveries } from "./read-status.js";
import { defineCommand } from "../../kernel/commands/command.js";

/** What each job queue does, in an operator's words (the ids stay in logs and job ids). */
export const JOB_LABELS: Record<string, string> = {
  "requeue-stranded-deliveries": "补发滞留消息",
  "flash-sale-timer": "秒杀开始/结束",
  "flash-order-expiry": "秒杀订单超时",
  "flash-sale-reconcile": "秒杀库存核对",
  "group-buy-deadline": "拼团截止",
  "sales-sweep": "活动收尾检查",
  "expire-coupons": "券过期",
  "recompute-rfm": "分层重算",
  "apply-rule-tags": "规则标签",
  "winback-daily": "每日召回",
  "winback-run": "召回发送",
  "push-fan-out": "推送分发",
  "push-expire": "推送确认过期",
  "push-report": "推送报告",
  "calendar-publish": "日历发布",
  "calendar-live-reminder": "直播提醒",
  "calendar-poll-close": "投票截止",
  "calendar-rhythm-check": "内容节奏检查",
  "calendar-resync": "日历同步",
};

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
    const kinds = Object.entries(today.byKind).map(([kind, n]) => `${MESSAGE_KIND_LABELS[kind as MessageKind] ?? kind} ${n}`).join("，") || "无";
    // Only the queues with something in them: a phone screen does not need a line per idle queue.
    const jobLines = Object.entries(jobs)
      .filter(([, c]) => Object.values(c).some((n) => n > 0))
      .map(([id, c]) => `  ${JOB_LABELS[id] ?? id}：等待 ${(c.waiting ?? 0) + (c.prioritized ?? 0)}，执行中 ${c.active ?? 0}，延时 ${c.delayed ?? 0}，失败 ${c.failed ?? 0}`)
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
