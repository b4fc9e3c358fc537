import { z } from "zod";
import { choiceArg, mentionArg } from "../../kernel/commands/args.js";
import { ROLE_LABELS } from "../../kernel/commands/roles.js";
import { grantRole } from "./grant-role.js";
import { revokeRole } from "./revoke-role.js";
import { defineCommand, type MemberLookup } from "../../kernel/commands/command.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";

export function lookupProblem(lookup: Exclude<MemberLookup, { kind: "found" }>): string {
  return lookup.kind === "notFound"
    ? `找不到「${snippet(lookup.name, MAX_QUOTE)}」。请在群里@对方。/ No such member.`
    : `有 ${lookup.count} 位叫「${snippet(lookup.name, MAX_QUOTE)}」的成员，请在群里@对方。/ Ambiguous name.`;
}

export const grant = defineCommand({
  name: "grant",
  aliases: { zh: ["授权"], en: ["grant"] },
  usage: "授权 @某人 运营|管理员",
  help: "授予运营或管理员权限（群主可授管理员，管理员可授运营）",
  role: "admin",
  scope: "both",
  args: z.object({
    target: mentionArg("要授权的人"),
    role: choiceArg("角色", { 运营: "operator", operator: "operator", 管理员: "admin", admin: "admin" } as const),
  }),
  positional: ["target", "role"],
  async run({ args, app, member, role, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const outcome = await grantRole(app.db, {
      granter: { id: member.id, role },
      target: { id: found.member.id, role: found.role },
      role: args.role,
      at: app.clock.now(),
    });
    const name = found.member.name;
    switch (outcome.kind) {
      case "granted":
        await reply(`已授权：${name} 现在是${ROLE_LABELS[args.role]}。/ Granted.`);
        return `granted ${args.role} to ${found.member.wechatId}`;
      case "unchanged":
        await reply(`${name} 已经是${ROLE_LABELS[args.role]}了。`);
        return "unchanged";
      case "targetIsOwner":
        await reply("群主的权限不能更改。/ The owner's role cannot change.");
        return "refused: owner";
      case "notAllowed":
        await reply(
          outcome.grantable.length
            ? `你只能授予：${outcome.grantable.map((r) => ROLE_LABELS[r]).join("、")}。/ Not allowed.`
            : "没有权限。/ Not allowed.",
        );
        return "refused: role";
    }
  },
});

export const revoke = defineCommand({
  name: "revoke",
  aliases: { zh: ["撤销", "撤销授权"], en: ["revoke"] },
  usage: "撤销 @某人",
  help: "收回某人的运营或管理员权限",
  role: "admin",
  scope: "both",
  args: z.object({ target: mentionArg("要撤销权限的人") }),
  positional: ["target"],
  async run({ args, app, role, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const outcome = await revokeRole(app.db, { revoker: { role }, target: { id: found.member.id, role: found.role } });
    const name = found.member.name;
    switch (outcome.kind) {
      case "revoked":
        await reply(`已撤销 ${name} 的${ROLE_LABELS[outcome.previous]}权限。/ Revoked.`);
        return `revoked ${outcome.previous} from ${found.member.wechatId}`;
      case "notAnOperator":
        await reply(`${name} 没有运营或管理员权限。`);
        return "unchanged";
      case "targetIsOwner":
        await reply("群主的权限不能撤销。/ The owner's role cannot be revoked.");
        return "refused: owner";
      case "notAllowed":
        await reply("你不能撤销这个人的权限。/ Not allowed.");
        return "refused: role";
    }
  },
});
