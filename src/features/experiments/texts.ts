// What operators read about experiments (实验 报告). Chinese first, the English after " / ". Pure formatting.
import type { ExperimentRef } from "./rules/experiment-ref.js";
import type { ArmResult, Verdict } from "./rules/judge.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${Math.round(x * 100)}%`;
const pValue = (p: number) => (p < 0.001 ? "p<0.001" : `p=${p.toFixed(3)}`);
const refName = (ref: ExperimentRef) => (ref.kind === "push" ? `推送 #${ref.id}` : `召回 #${ref.id}`);
const armName = (arm: string) => (arm === "holdout" ? "留出组（不发）" : arm);

export const experimentTexts = {
  usage: "用法：实验 报告 推送12 或 实验 报告 召回3 / usage: 实验 报告 推送12",
  notFound: (ref: ExperimentRef) => `没有${refName(ref)}。/ No such ${ref.kind}.`,
  notExperiment: (ref: ExperimentRef) =>
    `${refName(ref)} 不是实验：建推送时在内容前写「实验」或「实验:留出10%」。/ Not an experiment: create the push with 实验.`,
  report: (r: {
    ref: ExperimentRef;
    arms: readonly ArmResult[];
    verdict: Verdict;
    sampleRatio: { p: number; mismatch: boolean };
    metricDays: number;
    plannedPerArm: number;
    daysRunning: number;
  }) => {
    const lines = [
      `实验 ${refName(r.ref)}（指标：${r.metricDays} 天内付款下单；已进行 ${r.daysRunning} 天；计划每组 ${r.plannedPerArm} 人）/ Experiment report`,
      ...r.arms.map((a) => {
        const parts = [
          `· ${armName(a.arm)}：触达 ${a.reached}，转化 ${a.converted}，转化率 ${pct(a.rate)}（95% 区间 ${pct(a.low)}–${pct(a.high)}）`,
        ];
        if (a.vsControl) parts.push(`对照 ${signed(a.vsControl.lift)}（${pValue(a.vsControl.p)}）`);
        if (a.vsHoldout) parts.push(`比留出组 ${signed(a.vsHoldout.lift)}（${pValue(a.vsHoldout.p)}）`);
        return parts.join("，");
      }),
    ];
    if (r.sampleRatio.mismatch) {
      lines.push(
        `⚠ 各组人数比例与分配不符（卡方检验 ${pValue(r.sampleRatio.p)}）：分组或发送可能有问题，结果不可信。/ Sample-ratio mismatch: do not trust the result.`,
      );
    }
    const v = r.verdict;
    if (v.kind === "insufficient") {
      lines.push(
        `结论：样本不足，继续观察（最少的一组 ${v.smallestArm}/${v.needPerArm} 人，${v.daysRunning}/${v.minDays} 天）。/ Not enough sample yet: keep watching.`,
      );
    } else if (v.kind === "untrusted") {
      lines.push("结论：分组比例异常，不下结论；请先检查分组和发送。/ No verdict: the arms' sizes are off.");
    } else if (v.kind === "winner") {
      lines.push(`结论：${armName(v.arm)} 胜过 ${armName(v.against)}（${pValue(v.p)}）。/ ${v.arm} beats ${v.against}.`);
    } else {
      lines.push(`结论：各组没有显著差异（${pValue(v.p)}），不能说哪个更好。/ No significant difference.`);
    }
    return lines.join("\n");
  },
};
