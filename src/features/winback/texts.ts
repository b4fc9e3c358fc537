// What operators read about win-back (召回): the preview, the start, the report, and the configuration
// problem. Chinese first, the English alias after " / ". Pure formatting.

import { skipReasonLabel } from "../../kernel/outbox/skip-reasons.js";
import { fillTemplate } from "../../kernel/text/fill-template.js";
import { formatPrice } from "../../kernel/text/money.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { findLayer } from "../rfm/index.js";
import type { WinbackReport } from "./read-winback-report.js";
import type { WinbackRunStatus } from "./rules/winback-run-status.js";
import type { WinbackExclusion, WinbackLayer, WinbackPreview } from "./select-winback-targets.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const layerName = (key: string) => findLayer(key)?.name ?? key;
const STATUS_LABELS: Record<WinbackRunStatus, string> = { running: "进行中", done: "已完成", failed: "失败" };

/** A run's key (manual:<ISO time> or daily:<day>) as its kind, in Chinese. */
const runKind = (runKey: string) => (runKey.startsWith("daily:") ? "每日召回" : runKey.startsWith("manual:") ? "手动召回" : runKey);

/** Missing templates: the names WINBACK_COUPONS gives that match none, and the ones there are. */
interface MissingTemplates {
  names: string[];
  available: string[];
}

/** What the preview shows beside the counts: the configured coupons, the holdout share, the text. */
export interface WinbackPreviewSettings {
  coupons: Record<WinbackLayer, string>;
  holdoutShare: number;
  text: string;
}

export const winbackTexts = {
  /** Who a selection leaves out, by reason: "已退订 1 人，30天内召回过 2 人", or "无". */
  leftOut: (excluded: Partial<Record<WinbackExclusion, number>>, cooldownDays: number) => {
    // The cooldown names its length; the other reasons read as in every report.
    const label = (reason: WinbackExclusion) => (reason === "cooldown" ? `${cooldownDays}天内召回过` : skipReasonLabel(reason));
    const reasons: WinbackExclusion[] = ["opt_out", "cooldown", "member_cap"];
    return reasons.flatMap((reason) => (excluded[reason] ? [`${label(reason)} ${excluded[reason]} 人`] : [])).join("，") || "无";
  },
  /** A plain-language reason for missing templates, naming the variable to fix (stored on a failed run, logged). */
  missingTemplatesReason: (m: MissingTemplates) =>
    `WINBACK_COUPONS names coupon templates that do not exist: ${m.names.join(", ")} (templates: ${m.available.join(", ") || "none"})`,
  /** A misconfigured WINBACK_COUPONS, as the operator's reply. */
  missingTemplates: (m: MissingTemplates) => {
    const names = (list: string[]) => list.map((name) => `「${name}」`).join("、") || "无";
    return `召回券配置有误：没有券模板${names(m.names)}（现有：${names(m.available)}），请管理员修改 WINBACK_COUPONS。/ ${winbackTexts.missingTemplatesReason(m)}`;
  },
  preview: (preview: WinbackPreview, settings: WinbackPreviewSettings, leftOut: string, memberName: string) => {
    const { selected } = preview;
    const total = selected.at_risk + selected.lost;
    return [
      `召回预览 / win-back preview：共 ${total} 人`,
      `· 流失风险 ${selected.at_risk} 人 → ${settings.coupons.at_risk}`,
      `· 流失 ${selected.lost} 人 → ${settings.coupons.lost}`,
      `· 不选 / left out：${leftOut}`,
      `· 对照组约 ${Math.round(total * settings.holdoutShare)} 人（${Math.round(settings.holdoutShare * 100)}%，不发券不发消息）`,
      `文案示例：${fillTemplate(settings.text, { 昵称: memberName, 券码: "ABCDEFGH23", 有效期: "2026-12-31", 券名: settings.coupons.at_risk })}`,
      "发送「召回 开始」执行。",
    ].join("\n");
  },
  alreadyStarted: "刚刚已经开始过一次了。/ Already started.",
  /** `leftOut` is empty when nobody was left out either. */
  nobody: (leftOut: string | undefined) =>
    `现在没有需要召回的成员（${leftOut ? `不选：${leftOut}` : "没有流失风险或流失成员"}）。/ Nobody to win back.`,
  started: (runId: number, treated: number, holdout: number) =>
    `召回 #${runId} 已开始：${treated} 人发券，${holdout} 人为对照组。发送「召回 报告」查看效果。/ Started.`,
  noSuchRun: (runId: number) => `没有召回 #${runId}。/ No such run.`,
  noRuns: "还没有召回记录。/ No runs yet.",
  report: (r: WinbackReport, zone: string) => {
    const skipped =
      Object.entries(r.skipped)
        .map(([reason, n]) => `${skipReasonLabel(reason)} ${n}`)
        .join("，") || "无";
    const layers = Object.entries(r.perLayer).map(
      ([layer, f]) =>
        `· ${layerName(layer)}：目标 ${f.targeted}，核销 ${f.redeemed}（${pct(f.conversion)}），收入 ${formatPrice(f.revenueCents)}，复购 ${pct(f.treatedRepurchase)} vs 对照 ${pct(f.holdoutRepurchase)}`,
    );
    return [
      `召回 #${r.runId}（${runKind(r.runKey)}，${formatLocal(new Date(r.startedAt), zone)} 开始，${STATUS_LABELS[r.status] ?? r.status}）${r.failReason ? `：${r.failReason}` : ""}`,
      `目标 ${r.targeted} 人，对照组 ${r.holdout} 人；已发送 ${r.sent}，排队 ${r.queued}，跳过 ${skipped}`,
      `券核销 ${r.redeemed}/${r.couponsIssued}，收入 ${formatPrice(r.revenueCents)}，转化率 ${pct(r.conversion)}`,
      `复购率：发券组 ${pct(r.treatedRepurchase)} vs 对照组 ${pct(r.holdoutRepurchase)}，提升 ${r.liftPoints.toFixed(1)} 个百分点`,
      ...layers,
    ].join("\n");
  },
};
