// What operators read about roles: 授权/撤销 answers, and the one wording for a member named in a
// command who cannot be told apart (also used by 标签). Chinese first, the English alias after " / ".
import type { MemberLookup } from "../../kernel/commands/command.js";
import { ROLE_LABELS, type Role } from "../../kernel/commands/roles.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";

export const rolesTexts = {
  /** A typed name that fits no member, or several. */
  lookupProblem: (lookup: Exclude<MemberLookup, { kind: "found" }>) =>
    lookup.kind === "notFound"
      ? `找不到「${snippet(lookup.name, MAX_QUOTE)}」。请在群里@对方。/ No such member.`
      : `有 ${lookup.count} 位叫「${snippet(lookup.name, MAX_QUOTE)}」的成员，请在群里@对方。/ Ambiguous name.`,
  granted: (name: string, role: Role) => `已授权：${name} 现在是${ROLE_LABELS[role]}。/ Granted.`,
  alreadyHasRole: (name: string, role: Role) => `${name} 已经是${ROLE_LABELS[role]}了。`,
  ownerCannotChange: "群主的权限不能更改。/ The owner's role cannot change.",
  mayGrantOnly: (grantable: readonly Role[]) =>
    grantable.length ? `你只能授予：${grantable.map((r) => ROLE_LABELS[r]).join("、")}。/ Not allowed.` : "没有权限。/ Not allowed.",
  revoked: (name: string, previous: Role) => `已撤销 ${name} 的${ROLE_LABELS[previous]}权限。/ Revoked.`,
  notAnOperator: (name: string) => `${name} 没有运营或管理员权限。`,
  ownerCannotBeRevoked: "群主的权限不能撤销。/ The owner's role cannot be revoked.",
  mayNotRevoke: "你不能撤销这个人的权限。/ Not allowed.",
};
