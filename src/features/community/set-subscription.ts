import type { AppContext } from "../../kernel/app-context.js";

export type SubscriptionOutcome = { kind: "changed" } | { kind: "unchanged" };

/**
 * 退订 / 订阅: takes effect at once. The outbox reads the flag at send time, so even pushes already
 * queued for this member are skipped.
 */
export async function setSubscription(app: AppContext, memberId: number, subscribed: boolean, at: Date): Promise<SubscriptionOutcome> {
  const { count } = await app.db.member.updateMany({
    where: { id: memberId, optedOutAt: subscribed ? { not: null } : null },
    data: { optedOutAt: subscribed ? null : at },
  });
  return count > 0 ? { kind: "changed" } : { kind: "unchanged" };
}
