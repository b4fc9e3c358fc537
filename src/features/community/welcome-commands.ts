import { z } from "zod";
import { fillTemplate } from "../../kernel/text/fill-template.js";
import { setWelcomeText, WELCOME_PLACEHOLDERS } from "./set-welcome-text.js";
import { defineCommand } from "../../kernel/commands/command.js";

const RESET = new Set(["默认", "default"]);

export const welcomeText = defineCommand({
  name: "welcome",
  aliases: { zh: ["欢迎语"], en: ["welcome"] },
  usage: "欢迎语 <文字，可用 {昵称} {群名}> | 欢迎语 默认",
  help: "设置本群的新人欢迎语（「欢迎语 默认」恢复默认）",
  role: "operator",
  scope: "group",
  args: z.object({
    text: z.string({ message: "请写欢迎语，可用 {昵称}、{群名} / write the welcome text" }).max(500, { message: "欢迎语最多 500 字 / at most 500 characters" }),
  }),
  positional: ["text..."],
  async run({ args, app, room, reply }) {
    const reset = RESET.has(args.text.toLowerCase());
    const outcome = await setWelcomeText(app.db, room!.id, reset ? null : args.text);
    if (outcome.kind === "unknownPlaceholders") {
      const allowed = WELCOME_PLACEHOLDERS.map((name) => `{${name}}`).join(" ");
      await reply(
        `欢迎语里的 ${outcome.names.map((name) => `{${name}}`).join(" ")} 无法填写，只能用 ${allowed}。没有保存。/ Unknown placeholder: use ${allowed}.`,
      );
      return "refused: unknown placeholder";
    }
    await reply(
      reset
        ? "已恢复默认欢迎语。/ Default welcome restored."
        : `已设置本群欢迎语，新人进群时会看到：${fillTemplate(args.text, { 昵称: "新朋友", 群名: room!.topic })}`,
    );
    return reset ? "reset" : "set";
  },
});
