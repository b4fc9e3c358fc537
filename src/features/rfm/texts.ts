// What operators read about RFM layers: 分层 (counts and this week's moves), 分层 重算 and its answer.
// Chinese first, the English alias after " / ". Pure formatting.
import { formatLocal } from "../../kernel/time/zone.js";
import type { LayerSummary } from "./read-layer-summary.js";
import { findLayer, LAYERS } from "./rules/layers.js";

export const rfmTexts = {
  summary: (summary: LayerSummary, zone: string) => {
    const name = (key: string) => findLayer(key)?.name ?? key;
    const lines = LAYERS.map((l) => `· ${l.name}：${summary.counts[l.key]}`);
    const changes = [
      ...summary.moves.slice(0, 8).map((m) => `· ${name(m.from)} → ${name(m.to)}：${m.members}`),
      ...(summary.newlyLayered ? [`· 新进入分层：${summary.newlyLayered}`] : []),
    ];
    return [
      `分层 / layers${summary.computedAt ? `（最近变化 ${formatLocal(summary.computedAt, zone)}）` : "（尚未计算，发送「分层 重算」）"}：`,
      ...lines,
      `本周变化 / this week：${changes.length ? "" : "无"}`,
      ...changes,
    ].join("\n");
  },
  recomputing: "正在重算分层，完成后告诉你。/ Recomputing, you will hear when it is done.",
  recomputed: (result: { members: number; changes: number }) =>
    `已重算：${result.members} 位成员，${result.changes} 人分层有变化。发送「分层」查看。/ Recomputed.`,
};
