import { z } from "zod";
import { mentionArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { rolesTexts } from "../roles/index.js";
import { createBundle } from "./create-bundle.js";
import { recomputeRecommendationsJob } from "./jobs.js";
import { listBundles } from "./read-bundles.js";
import { readModelReport } from "./read-model-report.js";
import { readMemberRecommendations } from "./read-recommendations.js";
import { parseBundle } from "./rules/bundle-command.js";
import { suggestBundles } from "./suggest-bundles.js";
import { recommendationTexts as texts } from "./texts.js";

export const recommendFor = defineCommand({
  name: "recommend",
  aliases: { zh: ["推荐"], en: ["recommend"] },
  usage: "推荐 @某人",
  help: "看一位成员的前三个推荐和理由",
  role: "operator",
  args: z.object({ target: mentionArg("要看推荐的人") }),
  positional: ["target"],
  async run({ args, app, reply, findMember }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(rolesTexts.lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const items = await readMemberRecommendations(app, found.member.id);
    if (items.length === 0) {
      await reply(texts.noneFor(found.member.name));
      return "none";
    }
    await reply(texts.memberTop(found.member.name, items));
    return `shown ${items.length}`;
  },
});

export const recommendRecompute = defineCommand({
  name: "recommend.recompute",
  aliases: { zh: ["推荐 重算"], en: ["recommend recompute"] },
  usage: "推荐 重算",
  help: "立即重算推荐模型（商品组合和每人前三）",
  role: "operator",
  async run({ app, member, room, reply }) {
    // A worker does it (it reads every order line): the chat handler only queues it.
    const at = app.clock.now();
    await app.jobs.add(
      recomputeRecommendationsJob,
      { replyTo: { memberId: member.id, roomId: room?.id, name: member.name } },
      { jobId: `reco-now-${at.getTime()}` },
    );
    await reply(texts.recomputing);
    return "queued";
  },
});

export const recommendReport = defineCommand({
  name: "recommend.report",
  aliases: { zh: ["推荐 报告"], en: ["recommend report"] },
  usage: "推荐 报告",
  help: "推荐模型的覆盖（按分层）和最强商品组合",
  role: "operator",
  async run({ app, reply }) {
    const report = await readModelReport(app);
    await reply(texts.report({ ...report, at: report.computedAt ? formatLocal(report.computedAt, app.config.timeZone) : null }));
    return "ok";
  },
});

export const bundleAdd = defineCommand({
  name: "bundle.add",
  aliases: { zh: ["套餐 新增"], en: ["bundle add"] },
  usage: "套餐 新增 <名称> <商品>+<商品> 价 <元> [<等级> <元> …]",
  help: "新建一个商品 + 服务套餐，可按会员等级定价（例：套餐 新增 家庭套装 电动牙刷+延保 价 399 金卡 359）",
  role: "operator",
  args: z.object({ text: z.string().max(500, { message: "太长了 / too long" }) }),
  parseArgs: (raw) => ({ text: raw.text }),
  async run({ args, app, member, reply }) {
    const parsed = parseBundle(args.text);
    if (parsed.kind === "invalid") {
      await reply(texts.usageBundleAdd);
      return "refused: usage";
    }
    const outcome = await createBundle(app, { ...parsed, createdById: member.id });
    switch (outcome.kind) {
      case "created":
        await reply(texts.bundleCreated(outcome));
        return `created ${outcome.name}`;
      case "exists":
        await reply(texts.bundleExists(parsed.name));
        return "refused: exists";
      case "unknownProducts":
        await reply(texts.unknownProducts(outcome.names));
        return "refused: unknown products";
      case "ambiguousProduct":
        await reply(texts.ambiguousProduct(outcome.name, outcome.matches));
        return "refused: ambiguous";
      case "badLevelPrices":
        await reply(texts.badLevelPrices(outcome.problem));
        return `refused: ${outcome.problem.kind}`;
    }
  },
});

export const bundleSuggest = defineCommand({
  name: "bundle.suggest",
  aliases: { zh: ["套餐 建议"], en: ["bundle suggest"] },
  usage: "套餐 建议",
  help: "从购买记录找最强的商品 → 服务组合，作为套餐候选",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.suggestions(await suggestBundles(app)));
    return "ok";
  },
});

export const bundleList = defineCommand({
  name: "bundle.list",
  aliases: { zh: ["套餐", "套餐 列表"], en: ["bundle", "bundle list"] },
  usage: "套餐 列表",
  help: "列出已建的套餐",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.bundleList(await listBundles(app)));
    return "ok";
  },
});

export const recommendationCommands = [recommendFor, recommendRecompute, recommendReport, bundleAdd, bundleSuggest, bundleList];
