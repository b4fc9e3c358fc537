import { z } from "zod";
import { choiceArg, mentionArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { grantRole } from "./grant-role.js";
import { revokeRole } from "./revoke-role.js";
import { rolesTexts } from "./texts.js";

export const grant = defineCommand({
  name: "grant",
  aliases: { zh: ["授权"], en: ["grant"] },
  usage: "授权 @某人 运营|管理员",
  help: "授予运营或管理员权限（群主可授管理员，管理员可授运营）",
  role: "admin",
  args: z.object({
    target: mentionArg("要授权的人"),
    role: choiceArg("角色", { 运营: "operator", operator: "operator", 管理员: "admin", admin: "admin" } as const),
  }),
  positional: ["target", "role"],
  async run({ args, app, member, role, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(rolesTexts.lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const outcome = await grantRole(app, {
      granter: { id: member.id, role },
      target: { id: found.member.id, role: found.role },
      role: args.role,
      at: app.clock.now(),
    });
    const name = found.member.name;
    switch (outcome.kind) {
      case "granted":
        await reply(rolesTexts.granted(name, args.role));
        return `granted ${args.role} to ${found.member.wechatId}`;
      case "unchanged":
        await reply(rolesTexts.alreadyHasRole(name, args.role));
        return "unchanged";
      case "targetIsOwner":
        await reply(rolesTexts.ownerCannotChange);
        return "refused: owner";
      case "notAllowed":
        await reply(rolesTexts.mayGrantOnly(outcome.grantable));
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
  args: z.object({ target: mentionArg("要撤销权限的人") }),
  positional: ["target"],
  async run({ args, app, role, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(rolesTexts.lookupProblem(found));
      return `refused: ${found.kind}`;
    }
    const outcome = await revokeRole(app, { revoker: { role }, target: { id: found.member.id, role: found.role } });
    const name = found.member.name;
    switch (outcome.kind) {
      case "revoked":
        await reply(rolesTexts.revoked(name, outcome.previous));
        return `revoked ${outcome.previous} from ${found.member.wechatId}`;
      case "notAnOperator":
        await reply(rolesTexts.notAnOperator(name));
        return "unchanged";
      case "targetIsOwner":
        await reply(rolesTexts.ownerCannotBeRevoked);
        return "refused: owner";
      case "notAllowed":
        await reply(rolesTexts.mayNotRevoke);
        return "refused: role";
    }
  },
});
