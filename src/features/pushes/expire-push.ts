import type { AppContext } from "../../kernel/app-context.js";
import { pushTexts } from "./texts.js";

/** The push-expire job: a large push nobody confirmed in time expires, and whoever made it is told. */
export async function expirePush(app: AppContext, pushId: number): Promise<{ expired: boolean }> {
  const expired = await app.db.push.updateMany({
    where: { id: pushId, status: "awaiting_confirm", confirmBy: { lte: app.clock.now() } },
    data: { status: "expired" },
  });
  if (expired.count === 0) return { expired: false };
  const push = await app.db.push.findUniqueOrThrow({ where: { id: pushId } });
  if (push.createdById) {
    await app.outbox.send({
      kind: "notice",
      to: { memberId: push.createdById },
      text: pushTexts.expiredUnconfirmed(pushId),
      dedupeKey: `push:${pushId}:expired`,
    });
  }
  return { expired: true };
}
