import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { readExperimentReport } from "./read-experiment-report.js";
import { parseExperimentRef } from "./rules/experiment-ref.js";
import { experimentTexts as texts } from "./texts.js";

export const experimentReport = defineCommand({
  name: "experiment.report",
  aliases: { zh: ["实验 报告"], en: ["experiment report"] },
  usage: "实验 报告 推送<编号>|召回<编号>",
  help: "实验结果：每组触达、转化、95% 区间、提升和 p 值；样本不足时不下结论",
  role: "operator",
  args: z.object({ text: z.string().max(40, { message: texts.usage }) }),
  parseArgs: (raw) => ({ text: raw.text }),
  async run({ args, app, reply }) {
    const ref = parseExperimentRef(args.text);
    if (!ref) {
      await reply(texts.usage);
      return "refused: usage";
    }
    const outcome = await readExperimentReport(app, ref);
    if (outcome.kind === "notFound") {
      await reply(texts.notFound(ref));
      return "refused: notFound";
    }
    if (outcome.kind === "notExperiment") {
      await reply(texts.notExperiment(ref));
      return "refused: notExperiment";
    }
    await reply(texts.report(outcome));
    return `report ${outcome.verdict.kind}`;
  },
});

export const experimentCommands = [experimentReport];
