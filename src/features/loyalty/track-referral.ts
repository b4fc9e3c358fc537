import { DateTime } from "luxon";
import type { AppContext } from "../../kernel/app-context.js";
import type { Order } from "../../kernel/db/generated/client.js";
import { appendEntry, lockMemberPoints, POINTS_TX, readLots } from "./points-ledger.js";
import { expiryOf } from "./rules/lots.js";
import { loyaltyTexts } from "./texts.js";

const DAY = 86_400_000;

/**
 * 老带新 on an order's settlement. The invitee's first paid order opens their referral (one per invitee,
 * so only a member new to Siyu when invited, whose invitedById the room-join recorded, can have one);
 * a refund or cancel of that order voids a pending referral, or takes a rewarded one back (each side
 * loses what is left unspent of its referral points).
 */
export async function trackReferral(app: AppContext, order: Order, at: Date): Promise<"opened" | "voided" | "reversed" | "none"> {
  const { db, config } = app;
  if (order.memberId === null) return "none";
  if (order.status === "paid") {
    const invitee = await db.member.findUnique({ where: { id: order.memberId } });
    if (!invitee?.invitedById || invitee.invitedById === invitee.id) return "none";
    const paidAt = order.paidAt ?? order.placedAt;
    const opened = await db.referral.createMany({
      data: [
        {
          inviteeId: invitee.id,
          inviterId: invitee.invitedById,
          orderId: order.id,
          eligibleAt: new Date(paidAt.getTime() + config.loyalty.referral.stayDays * DAY),
        },
      ],
      skipDuplicates: true,
    });
    return opened.count ? "opened" : "none";
  }
  if (order.status !== "refunded" && order.status !== "cancelled") return "none";
  const referral = await db.referral.findFirst({ where: { orderId: order.id } });
  if (!referral) return "none";
  if (referral.status === "pending") {
    const moved = await db.referral.updateMany({
      where: { inviteeId: referral.inviteeId, status: "pending" },
      data: { status: "void", decidedAt: at },
    });
    return moved.count ? "voided" : "none";
  }
  if (referral.status !== "rewarded") return "none";
  await db.$transaction(async (tx) => {
    const moved = await tx.referral.updateMany({
      where: { inviteeId: referral.inviteeId, status: "rewarded" },
      data: { status: "reversed", decidedAt: at },
    });
    if (moved.count === 0) return;
    const ref = String(referral.inviteeId);
    for (const memberId of [referral.inviterId, referral.inviteeId].sort((a, b) => a - b)) {
      await lockMemberPoints(tx, memberId);
      const earning = await tx.pointEntry.findUnique({ where: { memberId_source_ref: { memberId, source: "referral", ref } } });
      if (!earning) continue;
      const unspent = (await readLots(tx, memberId)).find((l) => l.id === earning.id)?.remaining ?? 0;
      await appendEntry(tx, { memberId, points: -unspent, source: "referral_reversal", ref, lotId: earning.id, at });
    }
  }, POINTS_TX);
  return "reversed";
}

/**
 * The nightly part of 老带新: pending referrals past their stay are rewarded (both sides, told privately)
 * if the invitee is still in a group, voided if not, or recorded as capped once the inviter has
 * REFERRAL_MONTHLY_CAP rewarded referrals this community month.
 */
export async function rewardDueReferrals(
  app: AppContext,
  input: { at: Date },
): Promise<{ rewarded: number; voided: number; capped: number }> {
  const { db, config } = app;
  const { points, monthlyCap } = config.loyalty.referral;
  const due = await db.referral.findMany({
    where: { status: "pending", eligibleAt: { lte: input.at } },
    orderBy: { eligibleAt: "asc" },
    take: 2000,
  });
  const counts = { rewarded: 0, voided: 0, capped: 0 };
  const since = DateTime.fromJSDate(input.at, { zone: config.timeZone }).startOf("month").toJSDate();
  for (const referral of due) {
    const stays = await db.roomMember.count({ where: { memberId: referral.inviteeId, leftAt: null } });
    if (stays === 0) {
      await db.referral.updateMany({
        where: { inviteeId: referral.inviteeId, status: "pending" },
        data: { status: "void", decidedAt: input.at },
      });
      counts.voided++;
      continue;
    }
    const outcome = await db.$transaction(async (tx) => {
      // The cap is per inviter: their lock serialises two nightly runs (or workers) counting at once.
      await lockMemberPoints(tx, referral.inviterId);
      const rewardedThisMonth = await tx.referral.count({
        where: { inviterId: referral.inviterId, status: { in: ["rewarded", "reversed"] }, decidedAt: { gte: since } },
      });
      if (rewardedThisMonth >= monthlyCap || points === 0) {
        await tx.referral.updateMany({
          where: { inviteeId: referral.inviteeId, status: "pending" },
          data: { status: "capped", decidedAt: input.at },
        });
        return "capped" as const;
      }
      const moved = await tx.referral.updateMany({
        where: { inviteeId: referral.inviteeId, status: "pending" },
        data: { status: "rewarded", decidedAt: input.at, points },
      });
      if (moved.count === 0) return "none" as const;
      const expiresAt = expiryOf(input.at, config.loyalty.expiryMonths);
      const ref = String(referral.inviteeId);
      for (const memberId of [referral.inviterId, referral.inviteeId]) {
        await appendEntry(tx, { memberId, points, source: "referral", ref, at: input.at, expiresAt });
      }
      return "rewarded" as const;
    }, POINTS_TX);
    if (outcome === "capped") counts.capped++;
    if (outcome !== "rewarded") continue;
    counts.rewarded++;
    const invitee = await db.member.findUniqueOrThrow({ where: { id: referral.inviteeId } });
    await app.outbox.sendMany([
      {
        kind: "notice",
        to: { memberId: referral.inviterId },
        text: loyaltyTexts.referralRewardedInviter(invitee.name, points),
        dedupeKey: `referral:${referral.inviteeId}:inviter`,
        campaign: "referral",
      },
      {
        kind: "notice",
        to: { memberId: referral.inviteeId },
        text: loyaltyTexts.referralRewardedInvitee(points),
        dedupeKey: `referral:${referral.inviteeId}:invitee`,
        campaign: "referral",
      },
    ]);
  }
  return counts;
}
