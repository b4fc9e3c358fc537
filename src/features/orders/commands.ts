import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { applyShopInvite } from "../loyalty/index.js";
import { bindCustomer } from "./bind-customer.js";
import { ordersTexts } from "./texts.js";

export const bind = defineCommand({
  name: "bind",
  aliases: { zh: ["绑定"], en: ["bind"] },
  usage: "绑定 六位绑定码",
  help: "把商城账号绑定到微信（绑定码在商城里获取，私聊发我）",
  role: "member",
  scope: "private",
  args: z.object({ code: z.string({ message: ordersTexts.codeMissing }).regex(/^\d{6}$/, { message: ordersTexts.codeShape }) }),
  positional: ["code"],
  async run({ args, app, member, reply }) {
    const outcome = await bindCustomer(app, {
      memberId: member.id,
      code: args.code,
      at: app.clock.now(),
      guessesPerHour: app.config.bind.guessesPerHour,
      limitKey: app.key("bind-guesses", member.id),
    });
    switch (outcome.kind) {
      case "bound": {
        // A 邀请码 the customer entered at the shop before binding counts from now.
        const invite = await applyShopInvite(app, { shopCustomerId: outcome.shopCustomerId, memberId: member.id, at: app.clock.now() });
        await reply(ordersTexts.bound(outcome.attachedOrders, invite.kind === "applied" ? invite.inviterName : undefined));
        return invite.kind === "none" ? "bound" : `bound, shop invite ${invite.kind === "applied" ? "applied" : invite.reason}`;
      }
      case "rateLimited":
        await reply(ordersTexts.tooManyGuesses);
        return "rate limited";
      case "expired":
        await reply(ordersTexts.codeExpired);
        return "expired";
      case "invalid":
        await reply(ordersTexts.codeInvalid);
        return "invalid";
    }
  },
});
