// What 帮助 answers. Chinese first, the English alias after " / ". Pure formatting.

import { ROLE_LABELS, type Role } from "../../kernel/commands/roles.js";
import { snippet } from "../../kernel/text/clean-text.js";

export const helpTexts = {
  /** In the room, when the list went to the asker privately. */
  listSent: "命令列表已私聊发给你。/ The list is in your private chat.",
  noSuchCommandListSent: "没有这个命令，命令列表已私聊发给你。/ No such command: the list is in your private chat.",
  /** Privately, before the list: the topic is quoted only as a snippet. */
  noSuchCommand: (topic: string, list: string) => `没有「${snippet(topic)}」这个命令。${list}`,
  needsRole: (zhName: string, role: Role) => `「${zhName}」需要${ROLE_LABELS[role]}权限。/ Needs ${role} rights.`,
};
