import type { MetricKey } from "./metrics.js";
import { metricByKey } from "./metrics.js";
import type { Overview } from "./read-overview.js";
import { formatChange, formatFigure } from "./rules/format-figure.js";

/** The metrics 看板 tells and 总览 shows first, in this order. */
export const KEY_METRICS: readonly MetricKey[] = [
  "gmvCents",
  "paidOrders",
  "buyers",
  "averageOrderCents",
  "conversion",
  "couponClaims",
  "couponRedemptions",
];

/** One line per key metric: 「成交额 GMV：¥1,234（昨日 ¥1,000，+23.4%）」. */
export function dashboardLines(overview: Overview): string[] {
  const lines = KEY_METRICS.map((key) => {
    const metric = metricByKey(key);
    const today = overview.today[key];
    const yesterday = overview.yesterday[key];
    return `${metric.name}：${formatFigure(metric.format, today)}（昨日 ${formatFigure(metric.format, yesterday)}，${formatChange(today, yesterday)}）`;
  });
  for (const sale of overview.flashSales)
    lines.push(`秒杀 #${sale.id} ${sale.product}：剩 ${sale.left}/${sale.stock}，每分钟 ${sale.grabsLastMinute} 抢`);
  for (const gb of overview.groupBuys) lines.push(`拼团 #${gb.id} ${gb.product}：成团 ${gb.teamsFormed}，进行中 ${gb.teamsOpen}`);
  return lines;
}
