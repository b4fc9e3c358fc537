import { defineCommand } from "../../kernel/commands/command.js";
import { recomputeRfmJob } from "./jobs.js";
import { readLayerSummary } from "./read-layer-summary.js";
import { rfmTexts } from "./texts.js";

export const layers = defineCommand({
  name: "layers",
  aliases: { zh: ["分层"], en: ["layers"] },
  usage: "分层",
  help: "RFM 分层人数和本周变化",
  role: "operator",
  async run({ app, reply }) {
    const now = app.clock.now();
    const summary = await readLayerSummary(app, { since: new Date(now.getTime() - 7 * 86_400_000) });
    await reply(rfmTexts.summary(summary, app.config.timeZone));
    return "ok";
  },
});

export const layersRecompute = defineCommand({
  name: "layers.recompute",
  aliases: { zh: ["分层 重算"], en: ["layers recompute"] },
  usage: "分层 重算",
  help: "立即重算 RFM 分层",
  role: "operator",
  async run({ app, member, room, reply }) {
    // A worker does it (the recompute reads every order): the chat handler only queues it.
    const at = app.clock.now();
    await app.jobs.add(
      recomputeRfmJob,
      { replyTo: { memberId: member.id, roomId: room?.id, name: member.name } },
      { jobId: `rfm-now-${at.getTime()}` },
    );
    await reply(rfmTexts.recomputing);
    return "queued";
  },
});

export const rfmCommands = [layers, layersRecompute];
