import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { previewSegment } from "./preview-segment.js";
import { listSegments, saveSegment } from "./save-segment.js";
import { segmentTexts as texts } from "./texts.js";

const expressionArg = z.string({ message: "请写人群表达式，例如 分层:高价值 且 标签:母婴 / expression missing" }).min(1);

export const segmentPreview = defineCommand({
  name: "segment.preview",
  aliases: { zh: ["人群 预览"], en: ["segment preview"] },
  usage: "人群 预览 <表达式>",
  help: "预览人群：人数和 5 个名字（例：分层:高价值 且 标签:母婴 且 非 标签:潜水）",
  role: "operator",
  args: z.object({ expression: expressionArg }),
  positional: ["expression..."],
  async run({ args, app, reply }) {
    const preview = await previewSegment(app, args.expression, app.clock.now());
    if (preview.kind === "invalid") {
      await reply(texts.invalidExpression(args.expression, preview.error));
      return "refused: invalid segment";
    }
    await reply(texts.preview(args.expression, preview));
    return `preview ${preview.count}`;
  },
});

export const segmentSave = defineCommand({
  name: "segment.save",
  aliases: { zh: ["人群 保存"], en: ["segment save"] },
  usage: "人群 保存 名称 <表达式>",
  help: "保存人群，之后推送时直接写名称",
  role: "operator",
  args: z.object({ name: z.string({ message: "请写人群名称 / name missing" }), expression: expressionArg }),
  positional: ["name", "expression..."],
  async run({ args, app, member, reply }) {
    const outcome = await saveSegment(app, { name: args.name, expression: args.expression, createdById: member.id, now: app.clock.now() });
    if (outcome.kind !== "saved") {
      await reply(outcome.message);
      return `refused: ${outcome.kind}`;
    }
    const preview = await previewSegment(app, args.name, app.clock.now());
    await reply(texts.saved(args.name, outcome.created, preview.kind === "preview" ? preview.count : undefined));
    return outcome.created ? "saved" : "updated";
  },
});

export const segmentList = defineCommand({
  name: "segment.list",
  aliases: { zh: ["人群 列表", "人群"], en: ["segment list", "segments"] },
  usage: "人群 列表",
  help: "已保存的人群",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.list(await listSegments(app)));
    return "ok";
  },
});
