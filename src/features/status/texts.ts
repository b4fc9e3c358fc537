// What an operator reads in 状态: uptime, the send queue, the job queues, today's deliveries, the
// throttle and quiet hours. Pure formatting.

import { MESSAGE_KIND_LABELS, type MessageKind } from "../../kernel/outbox/message-kind.js";
import { type ClockWindow, formatClockWindow } from "../../kernel/time/clock-window.js";
import { formatDuration } from "../../kernel/time/zone.js";
import type { DeliveryCounts } from "./read-status.js";

type QueueCounts = Record<string, number>;

export interface StatusView {
  uptimeMs: number;
  outbox: QueueCounts;
  /** Job counts per queue id, and the operator's name of each id. */
  jobs: Record<string, QueueCounts>;
  labels: Record<string, string>;
  today: DeliveryCounts;
  governor: { tokens: number; circuitOpenForMs: number; recentFailures: number };
  throttle: { ratePerMinute: number; burst: number; quietHours: ClockWindow | null; timeZone: string };
}

const waitingOf = (c: QueueCounts) => (c.waiting ?? 0) + (c.prioritized ?? 0);

export const statusTexts = {
  report: (s: StatusView) => {
    const kinds =
      Object.entries(s.today.byKind)
        .map(([kind, n]) => `${MESSAGE_KIND_LABELS[kind as MessageKind] ?? kind} ${n}`)
        .join("，") || "无";
    // Only the queues with something in them: a phone screen does not need a line per idle queue.
    const jobLines = Object.entries(s.jobs)
      .filter(([, c]) => Object.values(c).some((n) => n > 0))
      .map(
        ([id, c]) =>
          `  ${s.labels[id] ?? id}：等待 ${waitingOf(c)}，执行中 ${c.active ?? 0}，延时 ${c.delayed ?? 0}，失败 ${c.failed ?? 0}`,
      )
      .join("\n");
    const { governor, throttle, outbox, today } = s;
    const circuit =
      governor.circuitOpenForMs > 0
        ? `已熔断，营销消息暂停 ${formatDuration(governor.circuitOpenForMs)}`
        : `正常（近期失败 ${governor.recentFailures} 次）`;
    return [
      `运行时长：${formatDuration(s.uptimeMs)}`,
      `发送队列：等待 ${waitingOf(outbox)}，发送中 ${outbox.active ?? 0}，延时 ${outbox.delayed ?? 0}，失败 ${outbox.failed ?? 0}`,
      jobLines ? `任务队列：\n${jobLines}` : `任务队列：${Object.keys(s.jobs).length} 个，全部空闲`,
      `今日已发 ${today.sent} 条（${kinds}），跳过 ${today.skipped}，失败 ${today.failed}，排队 ${today.queued}`,
      `节流：每分钟 ${throttle.ratePerMinute} 条，可用令牌 ${governor.tokens.toFixed(1)}/${throttle.burst}，熔断：${circuit}`,
      `免打扰：${throttle.quietHours ? formatClockWindow(throttle.quietHours) : "关闭"}（${throttle.timeZone}）`,
    ].join("\n");
  },
};
