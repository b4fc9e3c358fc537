import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { wholeArg } from "../../kernel/commands/args.js";
import { windowEndAfter } from "../../kernel/time/clock-window.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { pushStatusLabel } from "./rules/push-status.js";
import type { AppContext } from "../../kernel/app-context.js";
import { createPush } from "./create-push.js";
import { cancelPush, confirmPush, pausePush, resumePush, type ControlOutcome } from "./control-push.js";
import { formatPushReport, reportPush } from "./report-push.js";

/** More than a minute away: said as a time, not as "now". */
const isLater = (app: AppContext, at: Date) => at.getTime() - app.clock.now().getTime() > 60_000;

export const push = defineCommand({
  name: "push",
  aliases: { zh: ["推送"], en: ["push"] },
  usage: "推送 <人群|群:群名,群名> [@ 明天10:00] [券:满200减30] <内容>（多个版本：每个以 | 开头；{昵称}、{券码}、{有效期}）",
  help: "推送给一个人群（私聊）或指定的群；先预览，人数多时需「确认」",
  role: "operator",
  scope: "both",
  args: z.object({ text: z.string().min(1, { message: "请写人群和内容 / audience and content missing" }) }),
  parseArgs: (raw) => ({ text: raw.text }),
  async run({ args, app, member, reply }) {
    const outcome = await createPush(app, { text: args.text, createdById: member.id });
    if (outcome.kind === "invalid") {
      await reply(outcome.message);
      return "refused: invalid";
    }
    const zone = app.config.timeZone;
    const quietEnd = app.config.outbox.quietHours ? windowEndAfter(app.config.outbox.quietHours, outcome.scheduledAt, zone) : undefined;
    const awaiting = outcome.status === "awaiting_confirm";
    const when =
      (isLater(app, outcome.scheduledAt) ? `${formatLocal(outcome.scheduledAt, zone)} 发送` : awaiting ? "确认后立即发送" : "立即发送") +
      (quietEnd ? `（免打扰时段，${formatLocal(quietEnd, zone, "HH:mm")} 后发出）` : "");
    const { counts } = outcome;
    const audience =
      outcome.audience === "rooms"
        ? `群 ${outcome.rooms.length} 个：${outcome.rooms.join("、")}`
        : `人群 ${counts.total} 人，已退订 ${counts.optedOut}，已达频次上限 ${counts.capped} → 预计送达 ${counts.expected} 人`;
    const lines = [
      `推送 #${outcome.pushId}：${audience}`,
      `文案 ${outcome.variants.length} 个版本，轮换发送。例：${outcome.variants[0]!.slice(0, 40)}`,
    ];
    const { pace } = outcome;
    if (pace && pace.deliverable < counts.expected) {
      lines.push(
        `⚠️ 账号每天最多发 ${pace.dailyCap} 条推送（当天还剩 ${pace.leftOnFirstDay}），有效期 ${app.config.pushes.validMs / 3_600_000} 小时内约能发出 ${pace.deliverable} 条，其余约 ${counts.expected - pace.deliverable} 条会过期不发。建议缩小人群或分批推送。/ Over the account's daily allowance: about ${counts.expected - pace.deliverable} will expire unsent.`,
      );
    } else if (pace && pace.days > 1) {
      lines.push(`账号每天最多发 ${pace.dailyCap} 条推送，约分 ${pace.days} 天发完。/ Spread over ${pace.days} days by the daily allowance.`);
    }
    if (awaiting) {
      lines.push(
        `${when}。人数超过 ${app.config.pushes.confirmAbove}，请在 ${formatLocal(outcome.confirmBy!, zone, "HH:mm")} 前发送「确认 ${outcome.pushId}」，否则作废。/ Confirm with #confirm ${outcome.pushId}.`,
      );
    } else {
      lines.push(`${when}。暂停/取消：推送 暂停 ${outcome.pushId} / 推送 取消 ${outcome.pushId}；进度：推送 状态 ${outcome.pushId}`);
    }
    await reply(lines.join("\n"));
    return `push ${outcome.pushId} ${outcome.status}`;
  },
});

export const confirm = defineCommand({
  name: "confirm",
  aliases: { zh: ["确认"], en: ["confirm"] },
  usage: "确认 <推送编号>",
  help: "确认一个等待确认的大推送",
  role: "operator",
  scope: "both",
  args: z.object({ id: wholeArg("推送编号") }),
  positional: ["id"],
  async run({ args, app, reply }) {
    const outcome = await confirmPush(app, args.id);
    switch (outcome.kind) {
      case "confirmed":
        await reply(
          isLater(app, outcome.scheduledAt)
            ? `推送 #${args.id} 已确认，将于 ${formatLocal(outcome.scheduledAt, app.config.timeZone)} 发送。取消：推送 取消 ${args.id} / Confirmed, scheduled.`
            : `推送 #${args.id} 已确认，开始发送。进度：推送 状态 ${args.id} / Confirmed.`,
        );
        return "confirmed";
      case "expired":
        await reply(`推送 #${args.id} 已过期（超过确认时限），没有发送。请重新创建。/ Expired.`);
        return "refused: expired";
      case "notFound":
        await reply(`没有推送 #${args.id}。/ No such push.`);
        return "refused: notFound";
      case "notAwaiting":
        await reply(`推送 #${args.id} 不需要确认（${pushStatusLabel(outcome.status)}）。/ Not awaiting confirmation.`);
        return "refused: notAwaiting";
    }
  },
});

function controlReply(id: number, zh: string, outcome: Exclude<ControlOutcome, { kind: "done" }>): string {
  if (outcome.kind === "notFound") return `没有推送 #${id}。/ No such push.`;
  if (outcome.kind === "finished") return `推送 #${id} 已全部发完，不能${zh}。/ Already finished.`;
  return `推送 #${id} ${pushStatusLabel(outcome.status)}，不能${zh}。/ Not possible now.`;
}

const idArgs = z.object({ id: wholeArg("推送编号") });

/** 暂停 / 继续 / 取消: the same shape, one declaration each. */
function pushControl(
  verb: "pause" | "resume" | "cancel",
  zh: string,
  help: string,
  action: (app: AppContext, id: number) => Promise<ControlOutcome>,
  done: (id: number, outcome: Extract<ControlOutcome, { kind: "done" }>) => string,
) {
  return defineCommand({
    name: `push.${verb}`,
    aliases: { zh: [`推送 ${zh}`], en: [`push ${verb}`] },
    usage: `推送 ${zh} <编号>`,
    help,
    role: "operator",
    scope: "both",
    args: idArgs,
    positional: ["id"],
    async run({ args, app, reply }) {
      const outcome = await action(app, args.id);
      await reply(outcome.kind === "done" ? done(args.id, outcome) : controlReply(args.id, zh, outcome));
      return outcome.kind;
    },
  });
}

export const pushPause = pushControl("pause", "暂停", "暂停推送（排队中的消息不再发出，继续后恢复）", pausePush, (id, o) => `推送 #${id} 已暂停，${o.held ?? 0} 条暂不发送。/ Paused.`);
export const pushResume = pushControl("resume", "继续", "继续已暂停的推送", resumePush, (id, o) => `推送 #${id} 已继续，${o.released ?? 0} 条重新排队。/ Resumed.`);
export const pushCancel = pushControl("cancel", "取消", "取消推送（已发出的保留在报告里）", cancelPush, (id, o) => `推送 #${id} 已取消，${o.held ?? 0} 条不再发送。/ Cancelled.`);

export const pushStatus = defineCommand({
  name: "push.status",
  aliases: { zh: ["推送 状态", "推送 报告"], en: ["push status", "push report"] },
  usage: "推送 状态 <编号>",
  help: "推送进度与报告：目标、已发、跳过（原因）、失败",
  role: "operator",
  scope: "both",
  args: idArgs,
  positional: ["id"],
  async run({ args, app, reply }) {
    const report = await reportPush(app.db, args.id);
    if (!report) {
      await reply(`没有推送 #${args.id}。/ No such push.`);
      return "refused: notFound";
    }
    await reply(formatPushReport(report, (d) => formatLocal(d, app.config.timeZone)));
    return "ok";
  },
});
