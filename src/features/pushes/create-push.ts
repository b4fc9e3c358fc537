import type { AppContext } from "../../kernel/app-context.js";
import type { Prisma } from "../../kernel/db/client.js";
import { audienceByAccount } from "../../kernel/fleet/audience-by-account.js";
import { Governor } from "../../kernel/outbox/governor.js";
import { localDay } from "../../kernel/time/zone.js";
import { createExperiment } from "../experiments/index.js";
import { countPushAudience, type RoomBindings, resolveSegment, segmentTexts } from "../segments/index.js";
import { pushExpireJob, pushFanOutJob } from "./jobs.js";
import { resolvePushBundle } from "./push-bundle.js";
import { parsePushOptions, usesRecommendation } from "./rules/push-options.js";
import { type PushPace, pushPace } from "./rules/push-pace.js";
import type { PushAudience, PushStatus } from "./rules/push-status.js";
import {
  parseBundleOption,
  parseCouponOption,
  parseRoomSelector,
  parseSchedule,
  splitVariants,
  usesCouponCode,
  usesMemberPlaceholder,
} from "./rules/push-text.js";
import { pushTexts as texts } from "./texts.js";

export type CreatePushOutcome =
  | { kind: "invalid"; message: string }
  | {
      kind: "created";
      pushId: number;
      audience: PushAudience;
      status: Extract<PushStatus, "awaiting_confirm" | "scheduled">;
      scheduledAt: Date;
      confirmBy?: Date;
      variants: string[];
      /** members: matched, opted out, at their caps today/this week, expected to receive. */
      counts: { total: number; optedOut: number; capped: number; expected: number };
      /** Member pushes: what the account's daily push allowance makes of it. */
      pace?: PushPace;
      /** Member pushes on a fleet: how many go through each account and the days its allowance takes; null: no_account. */
      byAccount?: Array<{ account: string | null; members: number; days: number }>;
      rooms: string[];
      /** Made with 实验: its arms (one per variant), holdout and planned sample per arm. */
      experiment?: { arms: string[]; holdoutShare: number; plannedPerArm: number };
    };

/** Queues a push's fan-out at its time (the job id makes it idempotent). */
export async function startPushFanOut(app: AppContext, pushId: number, at: Date, attempt = "") {
  const delayMs = Math.max(0, at.getTime() - app.clock.now().getTime());
  await app.jobs.add(pushFanOutJob, { pushId }, { jobId: `push-${pushId}${attempt}`, delayMs });
}

/**
 * `#推送 <人群> [@ 时间] <内容>`: reads the audience (a segment, or rooms), the time and the variants,
 * counts who would receive it (after opt-outs and caps), and records the push. Small audiences are
 * scheduled at once; above PUSH_CONFIRM_ABOVE the push waits for #确认.
 */
export async function createPush(app: AppContext, input: { text: string; createdById: number }): Promise<CreatePushOutcome> {
  const { db, config } = app;
  const now = app.clock.now();
  let expression: string;
  let rest: string;
  let roomIds: number[] = [];
  let roomTopics: string[] = [];
  let counts = { total: 0, optedOut: 0, capped: 0, expected: 0 };
  let roomBindings: RoomBindings = {};
  /** Member pushes: the segment's condition, counted once the push's time is known. */
  let audience: Prisma.Sql | undefined;

  const rooms = parseRoomSelector(input.text);
  if (rooms) {
    const { selector } = rooms;
    const found =
      selector.kind === "topics"
        ? await db.room.findMany({ where: { topic: { in: selector.topics }, active: true }, orderBy: { id: "asc" } })
        : await db.room.findMany({
            where: { active: true, id: { in: (await db.roomTag.findMany({ where: { name: selector.tag } })).map((t) => t.roomId) } },
            orderBy: { id: "asc" },
          });
    if (selector.kind === "topics") {
      const missing = selector.topics.filter((t) => !found.some((r) => r.topic === t));
      if (missing.length) return { kind: "invalid", message: texts.unknownRooms(missing) };
    }
    if (found.length === 0) return { kind: "invalid", message: texts.noRoomsWithTag(selector.kind === "tag" ? selector.tag : "") };
    roomIds = found.map((r) => r.id);
    roomTopics = found.map((r) => r.topic);
    expression = input.text
      .trim()
      .slice(0, input.text.trim().length - rooms.rest.length)
      .trim();
    rest = rooms.rest;
    counts = { total: found.length, optedOut: 0, capped: 0, expected: found.length };
  } else {
    const segment = await resolveSegment(app, input.text, { now, includeOptedOut: true, prefix: true });
    if (segment.kind === "invalid") return { kind: "invalid", message: segmentTexts.invalidExpression(input.text, segment.error) };
    expression = input.text.slice(0, segment.end).trim();
    rest = input.text.slice(segment.end);
    roomBindings = segment.rooms;
    audience = segment.condition;
  }

  const schedule = parseSchedule(rest, now, config.timeZone);
  if (schedule.kind === "invalid") return { kind: "invalid", message: schedule.message };
  const scheduledAt = schedule.kind === "at" ? schedule.at : now;
  if (audience) {
    // Caps as they will stand on the day it goes: today's pushes do not cap a push for next week.
    counts = await countPushAudience(app, audience, config.outbox.memberCaps, scheduledAt, config.timeZone);
    if (counts.total === 0) return { kind: "invalid", message: texts.emptySegment(expression) };
    if (counts.expected === 0) return { kind: "invalid", message: texts.nobodyReachable(expression, counts) };
  }
  const options = parsePushOptions(schedule.rest);
  if ("invalid" in options) return { kind: "invalid", message: options.invalid };
  const coupon = parseCouponOption(options.rest);
  const bundleOption = parseBundleOption(coupon.rest);
  const variants = splitVariants(bundleOption.rest);
  if (variants.length === 0) return { kind: "invalid", message: texts.noContent };
  // {推荐}: a member without a recommendation gets a variant without it, or is skipped (no_recommendation).
  const recommending = variants.some((v) => usesRecommendation(v));
  const hasPlain = variants.some((v) => !usesRecommendation(v));
  const noRecommendation = recommending ? (options.noRecommendation ?? (hasPlain ? "plain" : "skip")) : null;
  if (noRecommendation === "plain" && !hasPlain) return { kind: "invalid", message: texts.noPlainVariant };
  if (options.experiment && (rooms || (variants.length < 2 && options.experiment.holdoutShare === 0))) {
    return { kind: "invalid", message: rooms ? texts.roomExperiment : texts.experimentNeedsArms };
  }
  // A group post is one text to everyone in the room: there is nobody's name or coupon to fill in.
  if (rooms && variants.some((v) => usesMemberPlaceholder(v))) {
    return { kind: "invalid", message: texts.roomPlaceholders };
  }
  let couponTemplateId: number | null = null;
  if (coupon.template) {
    if (rooms) return { kind: "invalid", message: texts.roomCoupon };
    const template = await db.couponTemplate.findUnique({ where: { name: coupon.template } });
    if (!template) {
      const names = (await db.couponTemplate.findMany({ select: { name: true }, orderBy: { id: "asc" } })).map((t) => t.name);
      return { kind: "invalid", message: texts.unknownCoupon(coupon.template, names) };
    }
    if (!usesCouponCode(variants)) return { kind: "invalid", message: texts.couponWithoutCode };
    // Every expected recipient gets one coupon: a template that would run out part-way is refused now,
    // rather than leaving the last members without one.
    const left = template.totalQuota === null ? Infinity : template.totalQuota - template.issuedCount;
    if (left < counts.expected) {
      return { kind: "invalid", message: texts.couponsShort(template.name, left, counts.expected) };
    }
    couponTemplateId = template.id;
  } else if (usesCouponCode(variants)) {
    return { kind: "invalid", message: texts.codeWithoutCoupon };
  }
  const bundle = await resolvePushBundle(app, { bundle: bundleOption.bundle, variants, rooms: Boolean(rooms) });
  if ("invalid" in bundle) return { kind: "invalid", message: bundle.invalid };
  // The threshold is about how many people it reaches: the count after opt-outs and caps, as previewed.
  const needsConfirm = !rooms && counts.expected > config.pushes.confirmAbove;
  const confirmBy = needsConfirm ? new Date(now.getTime() + config.pushes.confirmWindowMs) : undefined;

  const push = await db.push.create({
    data: {
      audience: rooms ? "rooms" : "members",
      expression,
      roomIds,
      roomBindings,
      variants,
      status: needsConfirm ? "awaiting_confirm" : "scheduled",
      audienceCount: counts.total,
      scheduledAt,
      confirmBy,
      createdById: input.createdById,
      couponTemplateId,
      noRecommendation,
      bundleId: bundle.bundleId,
    },
  });
  const experiment = options.experiment
    ? await createExperiment(app, {
        campaign: `push:${push.id}`,
        arms: variants.map((_, i) => texts.armName(i)),
        holdoutShare: options.experiment.holdoutShare,
        at: now,
      })
    : undefined;
  const pace = rooms
    ? undefined
    : pushPace({
        expected: counts.expected,
        dailyCap: config.outbox.dailyCaps.push,
        usedOnFirstDay: (await app.governor.state(localDay(scheduledAt, config.timeZone))).sentToday.push ?? 0,
        sendAt: scheduledAt,
        validUntil: new Date(scheduledAt.getTime() + config.pushes.validMs),
        timeZone: config.timeZone,
      });
  // A fleet fans a member push out over its accounts, each at its own daily allowance (docs/fleet.md).
  const shares = audience && !rooms ? await audienceByAccount(db, audience) : undefined;
  const byAccount = shares
    ? await Promise.all(
        shares.map(async ({ account, members }) => {
          if (account === null) return { account, members, days: 0 };
          const used =
            (await new Governor(app.redis, app.key, account, config.outbox).state(localDay(scheduledAt, config.timeZone))).sentToday.push ??
            0;
          const accountPace = pushPace({
            expected: members,
            dailyCap: config.outbox.dailyCaps.push,
            usedOnFirstDay: used,
            sendAt: scheduledAt,
            validUntil: new Date(scheduledAt.getTime() + config.pushes.validMs),
            timeZone: config.timeZone,
          });
          return { account, members, days: accountPace.days };
        }),
      )
    : undefined;
  if (needsConfirm) {
    await app.jobs.add(pushExpireJob, { pushId: push.id }, { jobId: `push-${push.id}-expire`, delayMs: config.pushes.confirmWindowMs });
  } else {
    await startPushFanOut(app, push.id, scheduledAt);
  }
  return {
    kind: "created",
    pushId: push.id,
    audience: rooms ? "rooms" : "members",
    status: needsConfirm ? "awaiting_confirm" : "scheduled",
    scheduledAt,
    confirmBy,
    variants,
    counts,
    pace,
    byAccount,
    rooms: roomTopics,
    experiment: experiment && { arms: experiment.arms, holdoutShare: experiment.holdoutShare, plannedPerArm: experiment.plannedPerArm },
  };
}
