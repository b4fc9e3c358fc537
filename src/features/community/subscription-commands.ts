import { defineCommand } from "../../kernel/commands/command.js";
import { setSubscription } from "./set-subscription.js";
import { communityTexts } from "./texts.js";

// 退订 and 订阅 are one switch: the flag takes effect at once, and the answer goes privately.
function subscriptionCommand(
  subscribed: boolean,
  declaration: { name: string; aliases: { zh: string[]; en: string[] }; help: string },
  answers: { changed: string; unchanged: string },
) {
  return defineCommand({
    ...declaration,
    usage: declaration.aliases.zh[0]!,
    role: "member",
    async run({ app, member, replyPrivately }) {
      const outcome = await setSubscription(app, member.id, subscribed, app.clock.now());
      await replyPrivately(outcome.kind === "changed" ? answers.changed : answers.unchanged);
    },
  });
}

export const unsubscribe = subscriptionCommand(
  false,
  {
    name: "unsubscribe",
    aliases: { zh: ["退订", "取消订阅", "取消推送", "TD", "td"], en: ["unsubscribe", "stop"] },
    help: "不再接收推送和活动消息（立即生效）",
  },
  { changed: communityTexts.unsubscribed, unchanged: communityTexts.alreadyUnsubscribed },
);

export const subscribe = subscriptionCommand(
  true,
  { name: "subscribe", aliases: { zh: ["订阅", "恢复订阅"], en: ["subscribe"] }, help: "重新接收推送和活动消息" },
  { changed: communityTexts.subscribed, unchanged: communityTexts.alreadySubscribed },
);
