// The keys that tie a win-back run's coupons and messages to it: the report reads by the campaign, and
// the per-(run, member) key is what makes a retried, restarted or killed run issue and send only once.

/** The campaign of a run's coupons and deliveries: winback:3. */
export const winbackCampaign = (runId: number) => `winback:${runId}`;

/** One coupon and one message per (run, member), whatever the retries. */
export const winbackKey = (runId: number, memberId: number) => `winback:${runId}:member:${memberId}`;
