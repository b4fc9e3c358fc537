import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { readWinbackReport } from "./read-winback-report.js";
import { previewManualWinback, startManualWinback } from "./start-manual-winback.js";
import { winbackTexts as texts } from "./texts.js";

export const winbackPreview = defineCommand({
  name: "winback.preview",
  aliases: { zh: ["召回 预览"], en: ["winback preview"] },
  usage: "召回 预览",
  help: "预览召回：会选中多少流失风险/流失成员、不选谁和原因、发什么券和文案",
  role: "operator",
  async run({ app, member, reply }) {
    const { winback } = app.config;
    const outcome = await previewManualWinback(app);
    if (outcome.kind === "notFound") {
      await reply(texts.missingTemplates(outcome));
      return "refused: no template";
    }
    const { preview } = outcome;
    await reply(texts.preview(preview, winback, texts.leftOut(preview.excluded, winback.cooldownDays), member.name));
    return `preview ${preview.selected.at_risk + preview.selected.lost}`;
  },
});

export const winbackStart = defineCommand({
  name: "winback.start",
  aliases: { zh: ["召回 开始"], en: ["winback start"] },
  usage: "召回 开始",
  help: "立即开始一次召回（选人、发券、私聊发消息）",
  role: "operator",
  async run({ app, reply }) {
    const outcome = await startManualWinback(app);
    switch (outcome.kind) {
      case "notFound":
        await reply(texts.missingTemplates(outcome));
        return "refused: no template";
      case "exists":
        await reply(texts.alreadyStarted);
        return "refused: exists";
      case "nobody": {
        const leftOut = Object.keys(outcome.excluded).length ? texts.leftOut(outcome.excluded, app.config.winback.cooldownDays) : undefined;
        await reply(texts.nobody(leftOut));
        return "nobody";
      }
      case "started":
        await reply(texts.started(outcome.runId, outcome.treated, outcome.holdout));
        return `started run ${outcome.runId}: ${outcome.treated} treated, ${outcome.holdout} holdout`;
    }
  },
});

export const winbackReport = defineCommand({
  name: "winback.report",
  aliases: { zh: ["召回 报告"], en: ["winback report"] },
  usage: "召回 报告 [编号]",
  help: "召回效果：发送、跳过原因、核销、收入、转化率、对照组提升",
  role: "operator",
  args: z.object({
    run: z
      .string()
      .regex(/^#?\d+$/, { message: "编号要写数字，如 3 / run number" })
      .transform((v) => Number(v.replace("#", "")))
      .optional(),
  }),
  positional: ["run"],
  async run({ args, app, reply }) {
    const outcome = await readWinbackReport(app, { runId: args.run, at: app.clock.now() });
    if (outcome.kind === "notFound") {
      await reply(args.run ? texts.noSuchRun(args.run) : texts.noRuns);
      return "none";
    }
    await reply(texts.report(outcome.report, app.config.timeZone));
    return `report ${outcome.report.runId}`;
  },
});

export const winbackCommands = [winbackPreview, winbackStart, winbackReport];
