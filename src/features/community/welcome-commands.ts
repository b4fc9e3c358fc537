import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { setWelcomeText, WELCOME_PLACEHOLDERS } from "./set-welcome-text.js";
import { communityTexts } from "./texts.js";

const RESET = new Set(["默认", "default"]);

export const welcomeText = defineCommand({
  name: "welcome",
  aliases: { zh: ["欢迎语"], en: ["welcome"] },
  usage: "欢迎语 <文字，可用 {昵称} {群名}> | 欢迎语 默认",
  help: "设置本群的新人欢迎语（「欢迎语 默认」恢复默认）",
  role: "operator",
  scope: "group",
  args: z.object({
    text: z.string({ message: communityTexts.welcomeMissing }).max(500, { message: communityTexts.welcomeTooLong }),
  }),
  positional: ["text..."],
  async run({ args, app, room, reply }) {
    const reset = RESET.has(args.text.toLowerCase());
    const outcome = await setWelcomeText(app, room!.id, reset ? null : args.text);
    if (outcome.kind === "unknownPlaceholders") {
      await reply(communityTexts.welcomeUnknownPlaceholders(outcome.names, WELCOME_PLACEHOLDERS));
      return "refused: unknown placeholder";
    }
    await reply(reset ? communityTexts.welcomeReset : communityTexts.welcomeSet(args.text, room!.topic));
    return reset ? "reset" : "set";
  },
});
