import { winbackRunJob } from "./jobs.js";
import { z } from "zod";
import { findLayer } from "../rfm/rules/layers.js";
import { formatPrice } from "../../kernel/text/money.js";
import { fillTemplate } from "../../kernel/text/fill-template.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { skipReasonLabel } from "../../kernel/outbox/skip-reasons.js";
import { previewWinback, startWinbackRun, type WinbackExclusion } from "./select-winback-targets.js";
import { describeMissingTemplates, findWinbackTemplates, processWinbackRun } from "./process-winback-run.js";
import { readWinbackReport } from "./read-winback-report.js";
import { winbackSelection, winbackSettings } from "./run-winback.js";
import type { AppContext } from "../../kernel/app-context.js";
import { defineCommand } from "../../kernel/commands/command.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const layerName = (key: string) => findLayer(key)?.name ?? key;
const STATUS: Record<string, string> = { running: "进行中", done: "已完成", failed: "失败" };

/** Who a selection leaves out, by reason: "已退订 1 人，30天内召回过 2 人", or "无". */
function leftOut(app: AppContext, excluded: Partial<Record<WinbackExclusion, number>>): string {
  // The cooldown names its length; the other reasons read as in every report.
  const label = (reason: WinbackExclusion) => (reason === "cooldown" ? `${app.config.winback.cooldownDays}天内召回过` : skipReasonLabel(reason));
  const reasons: WinbackExclusion[] = ["opt_out", "cooldown", "member_cap"];
  return reasons.flatMap((reason) => (excluded[reason] ? [`${label(reason)} ${excluded[reason]} 人`] : [])).join("，") || "无";
}

/** A misconfigured WINBACK_COUPONS, as the operator's reply (undefined when the templates exist). */
async function templateProblem(app: AppContext): Promise<string | undefined> {
  const found = await findWinbackTemplates(app.db, app.config.winback.coupons);
  if (found.kind === "found") return undefined;
  const names = (list: string[]) => list.map((name) => `「${name}」`).join("、") || "无";
  return `召回券配置有误：没有券模板${names(found.names)}（现有：${names(found.available)}），请管理员修改 WINBACK_COUPONS。/ ${describeMissingTemplates(found)}`;
}

/** A run's key (manual:<ISO time> or daily:<day>) as its kind, in Chinese. */
const runKind = (runKey: string) => (runKey.startsWith("daily:") ? "每日召回" : runKey.startsWith("manual:") ? "手动召回" : runKey);

export const winbackPreview = defineCommand({
  name: "winback.preview",
  aliases: { zh: ["召回 预览"], en: ["winback preview"] },
  usage: "召回 预览",
  help: "预览召回：会选中多少流失风险/流失成员、不选谁和原因、发什么券和文案",
  role: "operator",
  scope: "both",
  args: z.object({}),
  async run({ app, member, reply }) {
    const { winback } = app.config;
    const problem = await templateProblem(app);
    if (problem) {
      await reply(problem);
      return "refused: no template";
    }
    const { selected, excluded } = await previewWinback(app.db, winbackSelection(app, app.clock.now()));
    const total = selected.at_risk + selected.lost;
    await reply(
      [
        `召回预览 / win-back preview：共 ${total} 人`,
        `· 流失风险 ${selected.at_risk} 人 → ${winback.coupons.at_risk}`,
        `· 流失 ${selected.lost} 人 → ${winback.coupons.lost}`,
        `· 不选 / left out：${leftOut(app, excluded)}`,
        `· 对照组约 ${Math.round(total * winback.holdoutShare)} 人（${Math.round(winback.holdoutShare * 100)}%，不发券不发消息）`,
        `文案示例：${fillTemplate(winback.text, { 昵称: member.name, 券码: "ABCDEFGH23", 有效期: "2026-12-31", 券名: winback.coupons.at_risk })}`,
        "发送「召回 开始」执行。",
      ].join("\n"),
    );
    return `preview ${total}`;
  },
});

export const winbackStart = defineCommand({
  name: "winback.start",
  aliases: { zh: ["召回 开始"], en: ["winback start"] },
  usage: "召回 开始",
  help: "立即开始一次召回（选人、发券、私聊发消息）",
  role: "operator",
  scope: "both",
  args: z.object({}),
  async run({ app, reply }) {
    const problem = await templateProblem(app);
    if (problem) {
      await reply(problem);
      return "refused: no template";
    }
    const at = app.clock.now();
    const started = await startWinbackRun(app.db, { ...winbackSelection(app, at), runKey: `manual:${at.toISOString()}`, holdoutShare: app.config.winback.holdoutShare });
    if (started.kind === "exists") {
      await reply("刚刚已经开始过一次了。/ Already started.");
      return "refused: exists";
    }
    if (started.treated + started.holdout === 0) {
      // Finished at once, like a daily run that selects nobody: done, with its report (who was left out) stored.
      await processWinbackRun(app.db, app.outbox, { runId: started.run.id, at, settings: winbackSettings(app) });
      const why = Object.keys(started.excluded).length ? `不选：${leftOut(app, started.excluded)}` : "没有流失风险或流失成员";
      await reply(`现在没有需要召回的成员（${why}）。/ Nobody to win back.`);
      return "nobody";
    }
    await app.jobs.add(winbackRunJob, { runId: started.run.id }, { jobId: `winback-run-${started.run.id}` });
    await reply(`召回 #${started.run.id} 已开始：${started.treated} 人发券，${started.holdout} 人为对照组。发送「召回 报告」查看效果。/ Started.`);
    return `started run ${started.run.id}: ${started.treated} treated, ${started.holdout} holdout`;
  },
});

export const winbackReport = defineCommand({
  name: "winback.report",
  aliases: { zh: ["召回 报告"], en: ["winback report"] },
  usage: "召回 报告 [编号]",
  help: "召回效果：发送、跳过原因、核销、收入、转化率、对照组提升",
  role: "operator",
  scope: "both",
  args: z.object({ run: z.string().regex(/^#?\d+$/, { message: "编号要写数字，如 3 / run number" }).transform((v) => Number(v.replace("#", ""))).optional() }),
  positional: ["run"],
  async run({ args, app, reply }) {
    const r = await readWinbackReport(app.db, { runId: args.run, at: app.clock.now() });
    if (!r) {
      await reply(args.run ? `没有召回 #${args.run}。/ No such run.` : "还没有召回记录。/ No runs yet.");
      return "none";
    }
    const skipped = Object.entries(r.skipped).map(([reason, n]) => `${skipReasonLabel(reason)} ${n}`).join("，") || "无";
    const layers = Object.entries(r.perLayer).map(
      ([layer, f]) => `· ${layerName(layer)}：目标 ${f.targeted}，核销 ${f.redeemed}（${pct(f.conversion)}），收入 ${formatPrice(f.revenueCents)}，复购 ${pct(f.treatedRepurchase)} vs 对照 ${pct(f.holdoutRepurchase)}`,
    );
    await reply(
      [
        `召回 #${r.runId}（${runKind(r.runKey)}，${formatLocal(new Date(r.startedAt), app.config.timeZone)} 开始，${STATUS[r.status] ?? r.status}）${r.failReason ? `：${r.failReason}` : ""}`,
        `目标 ${r.targeted} 人，对照组 ${r.holdout} 人；已发送 ${r.sent}，排队 ${r.queued}，跳过 ${skipped}`,
        `券核销 ${r.redeemed}/${r.couponsIssued}，收入 ${formatPrice(r.revenueCents)}，转化率 ${pct(r.conversion)}`,
        `复购率：发券组 ${pct(r.treatedRepurchase)} vs 对照组 ${pct(r.holdoutRepurchase)}，提升 ${r.liftPoints.toFixed(1)} 个百分点`,
        ...layers,
      ].join("\n"),
    );
    return `report ${r.runId}`;
  },
});

export const winbackCommands = [winbackPreview, winbackStart, winbackReport];
