import { z } from "zod";
import { bindCustomer } from "./bind-customer.js";
import { defineCommand } from "../../kernel/commands/command.js";

export const bind = defineCommand({
  name: "bind",
  aliases: { zh: ["绑定"], en: ["bind"] },
  usage: "绑定 六位绑定码",
  help: "把商城账号绑定到微信（绑定码在商城里获取，私聊发我）",
  role: "member",
  scope: "private",
  args: z.object({ code: z.string({ message: "请写6位绑定码 / 6-digit code" }).regex(/^\d{6}$/, { message: "绑定码是6位数字 / 6 digits" }) }),
  positional: ["code"],
  async run({ args, app, member, reply }) {
    const outcome = await bindCustomer(app.db, app.redis, {
      memberId: member.id,
      code: args.code,
      at: app.clock.now(),
      guessesPerHour: app.config.bind.guessesPerHour,
      limitKey: app.key("bind-guesses", member.id),
    });
    switch (outcome.kind) {
      case "bound":
        await reply(`绑定成功！之后商城的订单会记在你名下${outcome.attachedOrders ? `（已关联 ${outcome.attachedOrders} 笔历史订单）` : ""}。/ Linked.`);
        return "bound";
      case "rateLimited":
        await reply("尝试太多次了，请一小时后再试。/ Too many attempts, try again in an hour.");
        return "rate limited";
      case "expired":
        await reply("绑定码已过期，请在商城重新获取。/ Code expired.");
        return "expired";
      case "invalid":
        await reply("绑定码不对或已用过，请核对后再试。/ Invalid code.");
        return "invalid";
    }
  },
});
