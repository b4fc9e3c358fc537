import type { AppContext } from "../../kernel/app-context.js";
import { membersAtCap } from "../../kernel/outbox/member-cap.js";
import type { OutgoingMessage } from "../../kernel/outbox/outgoing-message.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { formatPrice } from "../../kernel/text/money.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { issueCouponsInBulk } from "../coupons/index.js";
import { assignArms, findExperiment } from "../experiments/index.js";
import { findBundle, readBundleOffers, readRecommendationsFor } from "../recommendations/index.js";
import { resolveSegment, roomBindingsOf, segmentPage } from "../segments/index.js";
import { holdQueuedDeliveries } from "./hold-deliveries.js";
import { pushReportJob } from "./jobs.js";
import { usesRecommendation } from "./rules/push-options.js";
import type { PushStatus } from "./rules/push-status.js";
import { renderPushText, usesBundle, variantFor } from "./rules/push-text.js";
import { pushTexts } from "./texts.js";

export type FanOutOutcome =
  | { kind: "done"; queued: number }
  | { kind: "stopped"; status: PushStatus }
  | NotFound
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
  if (!push) return notFound;
  if (push.status === "scheduled") {
    await db.push.updateMany({ where: { id: pushId, status: "scheduled" }, data: { status: "sending" } });
    push = await db.push.findUniqueOrThrow({ where: { id: pushId } });
  }
  if (push.status !== "sending" || push.fannedOutAt) return { kind: "stopped", status: push.status };

  const campaign = pushCampaign(pushId);
  // Worth sending until PUSH_VALID_HOURS after its time: quiet hours or a backlog never deliver it stale.
  const validUntil = new Date(push.scheduledAt.getTime() + app.config.pushes.validMs);
  if (push.audience === "rooms") {
    await app.outbox.sendMany(
      push.roomIds.map((roomId, i) => ({
        kind: "content",
        to: { roomId },
        text: variantFor(push!.variants, i),
        dedupeKey: pushRoomKey(pushId, roomId),
        campaign,
        validUntil,
      })),
    );
    await db.push.update({ where: { id: pushId }, data: { status: "done", fannedOutAt: app.clock.now() } });
    await scheduleReport(app, pushId, push.roomIds.length);
    return { kind: "done", queued: push.roomIds.length };
  }

  // Opted-out members are queued too: the outbox skips them as opt_out, so the report accounts for them.
  // Room names as bound when the push was made: a room renamed since still counts.
  const segment = await resolveSegment(app, push.expression, {
    now: app.clock.now(),
    includeOptedOut: true,
    rooms: roomBindingsOf(push.roomBindings),
  });
  if (segment.kind === "invalid") {
    await db.push.update({ where: { id: pushId }, data: { status: "cancelled" } });
    await tellPushMaker(app, pushId, pushTexts.segmentGone(pushId, push.expression, segment.error.message));
    return { kind: "invalidSegment", message: segment.error.message };
  }
  const experiment = await findExperiment(app, campaign);
  const couponTemplate = push.couponTemplateId ? await db.couponTemplate.findUnique({ where: { id: push.couponTemplateId } }) : null;
  const bundle = push.bundleId ? await findBundle(app, { id: push.bundleId }) : undefined;
  let cursor = push.cursor;
  let queued = 0;
  for (;;) {
    const stopped = await stopIfHeld(app, pushId);
    if (stopped) return stopped;
    const page = await segmentPage(app, segment.condition, cursor, app.config.pushes.batchSize);
    if (page.length === 0) break;
    // An experiment: each member's stored arm picks the variant; the holdout gets nothing at all.
    const arms = experiment
      ? await assignArms(
          app,
          experiment,
          page.map((m) => m.id),
          app.clock.now(),
        )
      : undefined;
    const recommendations = push.noRecommendation
      ? await readRecommendationsFor(
          app,
          page.map((m) => m.id),
        )
      : undefined;
    const offers = bundle
      ? await readBundleOffers(
          app,
          bundle,
          page.map((m) => m.id),
        )
      : undefined;
    const batch = page.flatMap((member) => {
      const arm = arms?.get(member.id);
      if (arm === "holdout") return [];
      let template = experiment && arm ? push!.variants[experiment.arms.indexOf(arm)]! : variantFor(push!.variants, member.id);
      const extras: Record<string, string> = {};
      /** Decided here instead of by the sender: member_cap, coupon_unavailable, no_recommendation, owns_bundle. */
      let skip: string | undefined;
      if (recommendations && usesRecommendation(template)) {
        const top = recommendations.get(member.id)?.[0];
        if (top) Object.assign(extras, { 推荐: `${top.name} ${formatPrice(top.priceCents)}`, 推荐理由: top.reason });
        else if (push!.noRecommendation === "plain") template = push!.variants.find((v) => !usesRecommendation(v)) ?? template;
        else if (!member.opted_out) skip = "no_recommendation"; // the opted-out stay opt_out, the sender's skip
      }
      // {套餐} at the member's level price; a member who owns all of it is not offered it.
      const offer = usesBundle(template) ? offers?.get(member.id) : undefined;
      if (offer?.kind === "offer") extras.套餐 = offer.text;
      else if (offer?.kind === "owned" && !member.opted_out) skip ??= "owns_bundle";
      return [
        {
          member,
          template,
          extras,
          skip,
          message: {
            kind: "push",
            to: { memberId: member.id },
            text: renderPushText(template, member, extras),
            dedupeKey: pushMemberKey(pushId, member.id),
            campaign,
            validUntil,
          } satisfies OutgoingMessage,
        },
      ];
    });
    if (couponTemplate) {
      // Members at their caps would be skipped by the sender after their coupon was issued: they are
      // skipped here instead, and get none. So is a member whose coupon cannot be issued (quota, limit):
      // a raw {券码} is never sent. None for the opted-out either, whose delivery is only a skip record.
      const reachable = batch.filter((b) => !b.member.opted_out && !b.skip);
      const capped = await membersAtCap(
        db,
        reachable.map((b) => b.member.id),
        app.config.outbox.memberCaps,
        app.clock.now(),
        app.config.timeZone,
      );
      for (const b of reachable) if (capped.has(b.member.id)) b.skip = "member_cap";
      const wanted = reachable.filter((b) => !b.skip);
      const coupons = await issueCouponsInBulk(
        app,
        couponTemplate,
        wanted.map((b) => ({ memberId: b.member.id, dedupeKey: pushCouponKey(pushId, b.member.id), campaign })),
        app.clock.now(),
      );
      for (const b of wanted) {
        const coupon = coupons.get(pushCouponKey(pushId, b.member.id));
        if (!coupon) b.skip = "coupon_unavailable";
        else
          b.message.text = renderPushText(b.template, b.member, {
            ...b.extras,
            券码: coupon.code,
            有效期: formatLocal(coupon.expiresAt, app.config.timeZone, "MM-dd"),
          });
      }
    }
    // Coupons can take a while to issue: a pause or cancel meanwhile stops the batch before it is queued.
    const held = await stopIfHeld(app, pushId);
    if (held) return held;
    await app.outbox.recordSkipped(batch.flatMap((b) => (b.skip ? [{ message: b.message, reason: b.skip }] : [])));
    await app.outbox.sendMany(batch.filter((b) => !b.skip).map((b) => b.message));
    cursor = page[page.length - 1]!.id;
    queued += batch.length;
    await db.push.update({ where: { id: pushId }, data: { cursor } });
  }
  const finished = await db.push.updateMany({
    where: { id: pushId, status: "sending" },
    data: { status: "done", fannedOutAt: app.clock.now() },
  });
  if (finished.count > 0) await scheduleReport(app, pushId, queued);
  return { kind: "done", queued };
}

/** Paused or cancelled meanwhile: holds whatever of it is still queued, and says so. */
async function stopIfHeld(app: AppContext, pushId: number): Promise<FanOutOutcome | undefined> {
  const current = await app.db.push.findUniqueOrThrow({ where: { id: pushId }, select: { status: true } });
  if (current.status === "sending") return undefined;
  if (current.status === "paused" || current.status === "cancelled") await holdQueuedDeliveries(app, pushId, current.status);
  return { kind: "stopped", status: current.status };
}

/** Whatever becomes of a push that its maker did not ask for (a failed fan-out) is told to them privately. */
export async function tellPushMaker(app: AppContext, pushId: number, text: string) {
  const push = await app.db.push.findUnique({ where: { id: pushId }, select: { createdById: true } });
  if (!push?.createdById) return;
  await app.outbox.send({
    kind: "notice",
    to: { memberId: push.createdById },
    text,
    dedupeKey: `push:${pushId}:problem:${app.clock.now().getTime()}`,
  });
}

/**
 * The first report check: when the governor's rate should have sent everything (1 s – 1 h from now).
 * `chain` names a new chain of checks (after a resume or cancel), whose job ids must not be used yet.
 */
export async function scheduleReport(app: AppContext, pushId: number, deliveries: number, chain = "") {
  const estimateMs = (deliveries / app.config.outbox.ratePerMinute) * 60_000;
  const delayMs = Math.min(3_600_000, Math.max(1_000, estimateMs * 1.2));
  await app.jobs.add(pushReportJob, { pushId, check: 1, chain }, { jobId: `push-${pushId}-report${chain}-1`, delayMs });
}
