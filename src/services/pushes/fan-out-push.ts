import { pushReportJob } from "../../domain/jobs/pushes.js";
import type { AppContext } from "../../infra/app-context.js";
import { renderPushText, variantFor } from "../../domain/pushes/push-text.js";
import type { OutgoingMessage } from "../../domain/outbox/outgoing-message.js";
import { resolveSegment } from "../segments/resolve-segment.js";
import { segmentPage } from "../segments/preview-segment.js";
import { holdQueuedDeliveries } from "./hold-deliveries.js";
import { issueCouponsInBulk } from "../coupons/issue-coupon.js";
import { formatLocal } from "../../domain/time/zone.js";

export type FanOutOutcome =
  | { kind: "done"; queued: number }
  | { kind: "stopped"; status: string }
  | { kind: "notFound" }
  | { kind: "invalidSegment"; message: string };

export const pushCampaign = (pushId: number) => `push:${pushId}`;
export const pushMemberKey = (pushId: number, memberId: number) => `push:${pushId}:m:${memberId}`;
export const pushRoomKey = (pushId: number, roomId: number) => `push:${pushId}:r:${roomId}`;
export const pushCouponKey = (pushId: number, memberId: number) => `push:${pushId}:coupon:${memberId}`;

/**
 * Walks a push's audience in keyset pages and queues one delivery per (push, member), batch by batch.
 * Resumable: the cursor is saved after each batch, and a batch done twice (a crash before the cursor
 * moved) adds nothing, because each delivery's dedupe key is push:<id>:m:<member>.
 */
export async function fanOutPush(app: AppContext, pushId: number): Promise<FanOutOutcome> {
  const { db } = app;
  let push = await db.push.findUnique({ where: { id: pushId } });
  if (!push) return { kind: "notFound" };
  if (push.status === "scheduled") {
    await db.push.updateMany({ where: { id: pushId, status: "scheduled" }, data: { status: "sending" } });
    push = await db.push.findUniqueOrThrow({ where: { id: pushId } });
  }
  if (push.status !== "sending" || push.fannedOutAt) return { kind: "stopped", status: push.status };

  const campaign = pushCampaign(pushId);
  if (push.audience === "rooms") {
    await app.outbox.sendMany(
      push.roomIds.map((roomId, i) => ({
        kind: "content",
        to: { roomId },
        text: variantFor(push!.variants, i),
        dedupeKey: pushRoomKey(pushId, roomId),
        campaign,
      })),
    );
    await db.push.update({ where: { id: pushId }, data: { status: "done", fannedOutAt: app.clock.now() } });
    await scheduleReport(app, pushId, push.roomIds.length);
    return { kind: "done", queued: push.roomIds.length };
  }

  // Opted-out members are queued too: the outbox skips them as opt_out, so the report accounts for them.
  const segment = await resolveSegment(db, push.expression, { now: app.clock.now(), includeOptedOut: true });
  if (segment.kind === "invalid") {
    await db.push.update({ where: { id: pushId }, data: { status: "cancelled" } });
    return { kind: "invalidSegment", message: segment.error.message };
  }
  const couponTemplate = push.couponTemplateId ? await db.couponTemplate.findUnique({ where: { id: push.couponTemplateId } }) : null;
  let cursor = push.cursor;
  let queued = 0;
  for (;;) {
    const current = await db.push.findUniqueOrThrow({ where: { id: pushId }, select: { status: true } });
    if (current.status !== "sending") {
      // Paused or cancelled while a batch was being queued: hold what that batch queued.
      if (current.status === "paused" || current.status === "cancelled") await holdQueuedDeliveries(db, pushId, current.status);
      return { kind: "stopped", status: current.status };
    }
    const page = await segmentPage(db, segment.condition, cursor, app.config.pushes.batchSize);
    if (page.length === 0) break;
    // One coupon per recipient, idempotent per (push, member) like the delivery; none for the opted-out,
    // whose delivery is only a skip record.
    const coupons = couponTemplate
      ? await issueCouponsInBulk(
          db,
          couponTemplate,
          page.filter((m) => !m.opted_out).map((m) => ({ memberId: m.id, dedupeKey: pushCouponKey(pushId, m.id), campaign })),
          app.clock.now(),
        )
      : undefined;
    const messages: OutgoingMessage[] = page.map((member) => {
      const coupon = coupons?.get(pushCouponKey(pushId, member.id));
      const extras: Record<string, string> = coupon ? { 券码: coupon.code, 有效期: formatLocal(coupon.expiresAt, app.config.timeZone, "MM-dd") } : {};
      return {
        kind: "push",
        to: { memberId: member.id },
        text: renderPushText(variantFor(push!.variants, member.id), member, extras),
        dedupeKey: pushMemberKey(pushId, member.id),
        campaign,
      };
    });
    await app.outbox.sendMany(messages);
    cursor = page[page.length - 1]!.id;
    queued += page.length;
    await db.push.update({ where: { id: pushId }, data: { cursor } });
  }
  const finished = await db.push.updateMany({ where: { id: pushId, status: "sending" }, data: { status: "done", fannedOutAt: app.clock.now() } });
  if (finished.count > 0) await scheduleReport(app, pushId, queued);
  return { kind: "done", queued };
}

/** The first report check: when the governor's rate should have sent everything (1 s – 1 h from now). */
async function scheduleReport(app: AppContext, pushId: number, deliveries: number) {
  const estimateMs = (deliveries / app.config.outbox.ratePerMinute) * 60_000;
  const delayMs = Math.min(3_600_000, Math.max(1_000, estimateMs * 1.2));
  await app.jobs.add(pushReportJob, { pushId, check: 1 }, { jobId: `push-${pushId}-report-1`, delayMs });
}
