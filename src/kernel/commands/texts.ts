// What the router itself answers (every feature's own replies live in that feature's texts.ts).
// Chinese first, a short English alias after the slash.
import { MAX_CHAT_TEXT } from "../text/clean-text.js";
import { ROLE_LABELS, type Role } from "./roles.js";

export const routerTexts = {
  apology: "抱歉，出了点问题，请稍后再试。/ Sorry, something went wrong.",
  tooLong: `消息太长了，命令请控制在 ${MAX_CHAT_TEXT} 字以内。/ Message too long.`,
  tooMany: "操作太频繁了，请一分钟后再试。/ Too many commands, try again in a minute.",
  /** `head` and `word` arrive as snippets: the room must not become a billboard for what a member types. */
  afterHead: (head: string, subcommands: readonly string[]) =>
    `「${head}」后面要接：${subcommands.join("、")}。发送「帮助」查看用法。/ Add a subcommand.`,
  misread: (word: string, head: string, subcommands: readonly string[]) => `看不懂「${word}」。${routerTexts.afterHead(head, subcommands)}`,
  unknown: (word: string, suggestion?: string) =>
    suggestion
      ? `没有「#${word}」这个命令，你是不是想输入「#${suggestion}」？发送「帮助」查看全部命令。`
      : `没有「#${word}」这个命令。发送「帮助」查看可用命令。/ Unknown command, send #help.`,
  notAllowed: (command: string, role: Role) => `没有权限：「${command}」需要${ROLE_LABELS[role]}权限。/ Not allowed.`,
  privateOnly: (command: string) => `「${command}」请私聊我使用。/ Send it to me privately.`,
  groupOnly: (command: string) => `「${command}」请在群里使用。/ Use it in a group.`,
};
