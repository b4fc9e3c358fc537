import { z } from "zod";
import { mentionArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { rolesTexts } from "../roles/index.js";
import { editMemberTags, listMembersByTag, readMemberTags } from "./edit-member-tags.js";
import { tagsTexts } from "./texts.js";

const tagWord = z.string().regex(/^[+＋\-－][^\s+＋]{1,20}$/, { message: tagsTexts.tagWordShape });

export const tagEdit = defineCommand({
  name: "tag",
  aliases: { zh: ["标签"], en: ["tag"] },
  usage: "标签 @某人 +VIP -潜水",
  help: "给成员加/去手动标签",
  role: "operator",
  args: z.object({ target: mentionArg("要打标签的人"), tags: z.array(tagWord).min(1, { message: tagsTexts.noTagWord }) }),
  parseArgs: (raw) => ({ target: raw.words[0], tags: raw.words.slice(1) }),
  async run({ args, app, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(rolesTexts.lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const add = args.tags.filter((t) => /^[+＋]/.test(t)).map((t) => t.slice(1));
    const remove = args.tags.filter((t) => /^[-－]/.test(t)).map((t) => t.slice(1));
    const outcome = await editMemberTags(app, { memberId: found.member.id, add, remove, at: app.clock.now() });
    if (outcome.kind === "layerName") {
      await reply(tagsTexts.layerName(outcome.names));
      return "refused: layer name";
    }
    await reply(tagsTexts.edited(found.member.name, outcome));
    return `tags ${found.member.wechatId} +${outcome.added.join(",")} -${outcome.removed.join(",")}`;
  },
});

export const tagShow = defineCommand({
  name: "tag.show",
  aliases: { zh: ["标签 查看"], en: ["tag show"] },
  usage: "标签 查看 @某人",
  help: "查看成员的全部标签（手动、规则、分层）",
  role: "operator",
  args: z.object({ target: mentionArg("要查看的人") }),
  positional: ["target"],
  async run({ args, app, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(rolesTexts.lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const tags = await readMemberTags(app, found.member.id);
    await reply(tagsTexts.memberTags(found.member.name, tags));
    return "ok";
  },
});

export const tagMembers = defineCommand({
  name: "tag.members",
  aliases: { zh: ["标签 成员"], en: ["tag members"] },
  usage: "标签 成员 标签名",
  help: "列出带某个标签的成员（人数和前20位）",
  role: "operator",
  args: z.object({ name: z.string({ message: tagsTexts.tagNameMissing }).min(1) }),
  positional: ["name"],
  async run({ args, app, reply }) {
    const { count, names } = await listMembersByTag(app, { name: args.name.replace(/^[+＋]/, "") });
    await reply(tagsTexts.membersWithTag(args.name, count, names));
    return "ok";
  },
});

export const tagCommands = [tagEdit, tagShow, tagMembers];
