import { z } from "zod";
import { mentionArg } from "../../kernel/commands/args.js";
import { findLayer, LAYERS } from "../rfm/rules/layers.js";
import { TAG_CATEGORIES } from "./rules/tag-categories.js";
import { editMemberTags, listMembersByTag, readMemberTags } from "./edit-member-tags.js";
import { readLayerSummary } from "../rfm/read-layer-summary.js";
import { recomputeRfmJob } from "../rfm/jobs.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { lookupProblem } from "../roles/commands.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";

const CATEGORY_LABELS: Record<string, string> = {
  [TAG_CATEGORIES.custom]: "自定义",
  [TAG_CATEGORIES.layer]: "分层",
  [TAG_CATEGORIES.interaction]: "互动",
  [TAG_CATEGORIES.preference]: "偏好",
  [TAG_CATEGORIES.channel]: "渠道",
  [TAG_CATEGORIES.city]: "城市",
};
const SOURCE_LABELS = { manual: "手动", rule: "规则", rfm: "RFM", event: "参与" } as const;


const tagWord = z.string().regex(/^[+＋\-－][^\s+＋]{1,20}$/, { message: "标签写成 +VIP 或 -潜水 / +tag or -tag" });

export const tagEdit = defineCommand({
  name: "tag",
  aliases: { zh: ["标签"], en: ["tag"] },
  usage: "标签 @某人 +VIP -潜水",
  help: "给成员加/去手动标签",
  role: "operator",
  scope: "both",
  args: z.object({ target: mentionArg("要打标签的人"), tags: z.array(tagWord).min(1, { message: "请写 +标签 或 -标签 / +tag or -tag" }) }),
  parseArgs: (raw) => ({ target: raw.words[0], tags: raw.words.slice(1) }),
  async run({ args, app, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const add = args.tags.filter((t) => /^[+＋]/.test(t)).map((t) => t.slice(1));
    const remove = args.tags.filter((t) => /^[-－]/.test(t)).map((t) => t.slice(1));
    const outcome = await editMemberTags(app.db, { memberId: found.member.id, add, remove, at: app.clock.now() });
    if (outcome.kind === "layerName") {
      await reply(`「${outcome.names.join("、")}」是分层名：分层由 RFM 自动计算，不能手动打。查看请用「分层」，筛选请用 分层:${outcome.names[0]}。/ Layers are computed, not tags.`);
      return "refused: layer name";
    }
    const parts = [
      outcome.added.length ? `加上 ${outcome.added.join("、")}` : "",
      outcome.removed.length ? `去掉 ${outcome.removed.join("、")}` : "",
      outcome.absent.length ? `（没有手动标签 ${outcome.absent.join("、")}）` : "",
    ].filter(Boolean);
    await reply(`${found.member.name}：${parts.join("，") || "标签没有变化"}。/ Tags updated.`);
    return `tags ${found.member.wechatId} +${outcome.added.join(",")} -${outcome.removed.join(",")}`;
  },
});

export const tagShow = defineCommand({
  name: "tag.show",
  aliases: { zh: ["标签 查看"], en: ["tag show"] },
  usage: "标签 查看 @某人",
  help: "查看成员的全部标签（手动、规则、分层）",
  role: "operator",
  scope: "both",
  args: z.object({ target: mentionArg("要查看的人") }),
  positional: ["target"],
  async run({ args, app, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const tags = await readMemberTags(app.db, found.member.id);
    await reply(
      tags.length
        ? `${found.member.name} 的标签：\n${tags.map((t) => `· [${CATEGORY_LABELS[t.tag.category] ?? t.tag.category}] ${t.tag.name}（${SOURCE_LABELS[t.source]}）`).join("\n")}`
        : `${found.member.name} 还没有标签。`,
    );
    return "ok";
  },
});

export const tagMembers = defineCommand({
  name: "tag.members",
  aliases: { zh: ["标签 成员"], en: ["tag members"] },
  usage: "标签 成员 标签名",
  help: "列出带某个标签的成员（人数和前20位）",
  role: "operator",
  scope: "both",
  args: z.object({ name: z.string({ message: "请写标签名 / tag name" }).min(1) }),
  positional: ["name"],
  async run({ args, app, reply }) {
    const { count, names } = await listMembersByTag(app.db, { name: args.name.replace(/^[+＋]/, "") });
    await reply(count ? `「${args.name}」共 ${count} 人${count > names.length ? `，前${names.length}位` : ""}：${names.join("、")}` : `没有成员带「${snippet(args.name, MAX_QUOTE)}」标签。`);
    return "ok";
  },
});

export const layers = defineCommand({
  name: "layers",
  aliases: { zh: ["分层"], en: ["layers"] },
  usage: "分层",
  help: "RFM 分层人数和本周变化",
  role: "operator",
  scope: "both",
  args: z.object({}),
  async run({ app, reply }) {
    const now = app.clock.now();
    const summary = await readLayerSummary(app.db, { since: new Date(now.getTime() - 7 * 86_400_000) });
    const name = (key: string) => findLayer(key)?.name ?? key;
    const lines = LAYERS.map((l) => `· ${l.name}：${summary.counts[l.key]}`);
    const changes = [
      ...summary.moves.slice(0, 8).map((m) => `· ${name(m.from)} → ${name(m.to)}：${m.members}`),
      ...(summary.newlyLayered ? [`· 新进入分层：${summary.newlyLayered}`] : []),
    ];
    await reply(
      [
        `分层 / layers${summary.computedAt ? `（最近变化 ${formatLocal(summary.computedAt, app.config.timeZone)}）` : "（尚未计算，发送「分层 重算」）"}：`,
        ...lines,
        `本周变化 / this week：${changes.length ? "" : "无"}`,
        ...changes,
      ].join("\n"),
    );
    return "ok";
  },
});

export const layersRecompute = defineCommand({
  name: "layers.recompute",
  aliases: { zh: ["分层 重算"], en: ["layers recompute"] },
  usage: "分层 重算",
  help: "立即重算 RFM 分层",
  role: "operator",
  scope: "both",
  args: z.object({}),
  async run({ app, member, room, reply }) {
    // A worker does it (the recompute reads every order): the chat handler only queues it.
    const at = app.clock.now();
    await app.jobs.add(recomputeRfmJob, { replyTo: { memberId: member.id, roomId: room?.id, name: member.name } }, { jobId: `rfm-now-${at.getTime()}` });
    await reply("正在重算分层，完成后告诉你。/ Recomputing, you will hear when it is done.");
    return "queued";
  },
});

export const tagCommands = [tagEdit, tagShow, tagMembers, layers, layersRecompute];
