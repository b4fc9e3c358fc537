import { z } from "zod";
import type { AppContext } from "../../kernel/app-context.js";
import { wholeArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { windowEndAfter } from "../../kernel/time/clock-window.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { type ControlOutcome, cancelPush, confirmPush, pausePush, resumePush } from "./control-push.js";
import { createPush } from "./create-push.js";
import { reportPush } from "./report-push.js";
import { pushTexts as texts } from "./texts.js";

/** More than a minute away: said as a time, not as "now". */
const isLater = (app: AppContext, at: Date) => at.getTime() - app.clock.now().getTime() > 60_000;

export const push = defineCommand({
  name: "push",
  aliases: { zh: ["推送"], en: ["push"] },
  usage:
    "推送 <人群|群:群名,群名> [@ 明天10:00] [实验[:留出10%]] [无推荐:跳过|通用] [券:满200减30] [套餐:家庭套装] <内容>（多个版本：每个以 | 开头；{昵称}、{券码}、{有效期}、{推荐}、{推荐理由}、{套餐}）",
  help: "推送给一个人群（私聊）或指定的群；先预览，人数多时需「确认」",
  role: "operator",
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
    const when = texts.when(
      isLater(app, outcome.scheduledAt) ? formatLocal(outcome.scheduledAt, zone) : undefined,
      awaiting,
      quietEnd ? formatLocal(quietEnd, zone, "HH:mm") : undefined,
    );
    const { counts } = outcome;
    const audience = outcome.audience === "rooms" ? texts.audienceOfRooms(outcome.rooms) : texts.audienceOfMembers(counts);
    const lines = [texts.created(outcome.pushId, audience), texts.variants(outcome.variants)];
    if (outcome.experiment) lines.push(texts.experimentLine(outcome.experiment));
    if (outcome.byAccount) lines.push(texts.byAccount(outcome.byAccount));
    const { pace } = outcome;
    if (pace && pace.deliverable < counts.expected) {
      lines.push(texts.overAllowance(pace, counts.expected, app.config.pushes.validMs / 3_600_000));
    } else if (pace && pace.days > 1) {
      lines.push(texts.spreadOverDays(pace));
    }
    if (awaiting) {
      lines.push(texts.confirmWithin(when, app.config.pushes.confirmAbove, formatLocal(outcome.confirmBy!, zone, "HH:mm"), outcome.pushId));
    } else {
      lines.push(texts.controls(when, outcome.pushId));
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
  args: z.object({ id: wholeArg("推送编号") }),
  positional: ["id"],
  async run({ args, app, reply }) {
    const outcome = await confirmPush(app, args.id);
    switch (outcome.kind) {
      case "confirmed":
        await reply(
          isLater(app, outcome.scheduledAt)
            ? texts.confirmedFor(args.id, formatLocal(outcome.scheduledAt, app.config.timeZone))
            : texts.confirmedNow(args.id),
        );
        return "confirmed";
      case "expired":
        await reply(texts.confirmExpired(args.id));
        return "refused: expired";
      case "notFound":
        await reply(texts.noSuchPush(args.id));
        return "refused: notFound";
      case "notAwaiting":
        await reply(texts.notAwaiting(args.id, outcome.status));
        return "refused: notAwaiting";
    }
  },
});

function controlReply(id: number, zh: string, outcome: Exclude<ControlOutcome, { kind: "done" }>): string {
  if (outcome.kind === "notFound") return texts.noSuchPush(id);
  if (outcome.kind === "finished") return texts.finished(id, zh);
  return texts.notAllowed(id, outcome.status, zh);
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
    args: idArgs,
    positional: ["id"],
    async run({ args, app, reply }) {
      const outcome = await action(app, args.id);
      await reply(outcome.kind === "done" ? done(args.id, outcome) : controlReply(args.id, zh, outcome));
      return outcome.kind;
    },
  });
}

export const pushPause = pushControl("pause", "暂停", "暂停推送（排队中的消息不再发出，继续后恢复）", pausePush, (id, o) =>
  texts.paused(id, o.held ?? 0),
);
export const pushResume = pushControl("resume", "继续", "继续已暂停的推送", resumePush, (id, o) => texts.resumed(id, o.released ?? 0));
export const pushCancel = pushControl("cancel", "取消", "取消推送（已发出的保留在报告里）", cancelPush, (id, o) =>
  texts.cancelled(id, o.held ?? 0),
);

export const pushStatus = defineCommand({
  name: "push.status",
  aliases: { zh: ["推送 状态", "推送 报告"], en: ["push status", "push report"] },
  usage: "推送 状态 <编号>",
  help: "推送进度与报告：目标、已发、跳过（原因）、失败",
  role: "operator",
  args: idArgs,
  positional: ["id"],
  async run({ args, app, reply }) {
    const outcome = await reportPush(app, args.id);
    if (outcome.kind === "notFound") {
      await reply(texts.noSuchPush(args.id));
      return "refused: notFound";
    }
    await reply(texts.report(outcome.report, (d) => formatLocal(d, app.config.timeZone)));
    return "ok";
  },
});
