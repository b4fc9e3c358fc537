import type { AppContext } from "../../kernel/app-context.js";

/**
 * The bot's own account is never a member: room syncs leave it out, so segments, RFM layers and
 * win-back never need to exclude it. At login this also removes a row an older version recorded.
 */
export async function forgetBotMember(app: AppContext, botWechatId: string): Promise<void> {
  await app.db.member.deleteMany({ where: { wechatId: botWechatId } });
}
