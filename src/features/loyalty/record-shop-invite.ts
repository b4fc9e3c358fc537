import type { AppContext } from "../../kernel/app-context.js";
import { isUniqueViolation } from "../../kernel/db/unique-violation.js";
import { trackReferral } from "./track-referral.js";

/** Why a shop invite makes no referral: the inviter's own code, an invitee already invited, a customer who bought before. */
export type ShopInviteRefusal = "self" | "alreadyInvited" | "existingCustomer";
const REFUSALS: readonly string[] = ["self", "alreadyInvited", "existingCustomer"] satisfies ShopInviteRefusal[];

/** What shop_invites.outcome holds: waiting for 绑定, applied, or why it was not. */
type ShopInviteStatus = "waiting" | "applied" | ShopInviteRefusal;
const isRefusal = (status: string): status is ShopInviteRefusal => REFUSALS.includes(status);

export type ShopInviteOutcome =
  /** Applied: the customer's member is the inviter's invitee (their first paid order opens the referral). */
  | { kind: "applied"; inviterName: string; referralOpened: boolean }
  /** Kept until the customer binds (绑定): the shop customer is not linked to a member yet. */
  | { kind: "waiting"; inviterName: string }
  /** The same code again for this customer: nothing changes (a refusal is answered as a refusal again). */
  | { kind: "duplicate"; status: "waiting" | "applied" }
  /** This customer's invite was recorded with another code: the first one counts. */
  | { kind: "conflict" }
  | { kind: "refused"; reason: ShopInviteRefusal }
  | { kind: "unknownCode" };

/** Orders that show a customer bought before (paid, or paid and refunded), but the one the code was entered on. */
function boughtOtherThan(orderExternalId: string | null | undefined) {
  const status = { in: ["paid" as const, "refunded" as const] };
  if (!orderExternalId) return { status };
  return { status, OR: [{ externalId: null }, { externalId: { not: orderExternalId } }] };
}

/**
 * The shop's 邀请码 (POST /api/invites): a customer entered a member's invite code, at sign-up or on an
 * order (`orderId`). One per customer, the first wins. Only a customer new to buying counts: none of
 * their paid orders but the one the code was entered on. Applied to the linked member now, or kept
 * for 绑定; the reward itself stays the referral's (first paid order, still in a group N days later).
 */
export async function recordShopInvite(
  app: AppContext,
  input: { customerId: string; inviteCode: string; orderId?: string; at: Date },
): Promise<ShopInviteOutcome> {
  const { db } = app;
  const code = await db.referralCode.findUnique({ where: { code: input.inviteCode } });
  if (!code) return { kind: "unknownCode" };
  const existing = await db.shopInvite.findUnique({ where: { shopCustomerId: input.customerId } });
  if (existing) {
    if (existing.inviterId !== code.memberId) return { kind: "conflict" };
    return isRefusal(existing.outcome)
      ? { kind: "refused", reason: existing.outcome }
      : { kind: "duplicate", status: existing.outcome === "applied" ? "applied" : "waiting" };
  }
  const boughtBefore = await db.order.count({
    where: { shopCustomerId: input.customerId, ...boughtOtherThan(input.orderId) },
  });
  const outcome: ShopInviteStatus = boughtBefore > 0 ? "existingCustomer" : "waiting";
  try {
    await db.shopInvite.create({
      data: {
        shopCustomerId: input.customerId,
        inviterId: code.memberId,
        orderExternalId: input.orderId ?? null,
        recordedAt: input.at,
        outcome,
        decidedAt: outcome === "waiting" ? null : input.at,
      },
    });
  } catch (error) {
    // The same customer's invite, sent twice at once: the other request recorded it.
    if (!isUniqueViolation(error)) throw error;
    return recordShopInvite(app, input);
  }
  if (outcome === "existingCustomer") return { kind: "refused", reason: "existingCustomer" };
  const link = await db.customerLink.findUnique({ where: { shopCustomerId: input.customerId } });
  const inviter = await db.member.findUniqueOrThrow({ where: { id: code.memberId } });
  if (!link) return { kind: "waiting", inviterName: inviter.name };
  const applied = await applyShopInvite(app, { shopCustomerId: input.customerId, memberId: link.memberId, at: input.at });
  // "none": a 绑定 at the same moment decided it first; answer with what it decided.
  return applied.kind === "none" ? recordShopInvite(app, input) : applied;
}

/**
 * Makes the member linked to a shop customer the invitee of the customer's waiting shop invite, if
 * they are new: no inviter yet (from a room invite or another shop), not the inviter, and no paid order
 * but the one the code was entered on. Called when the invite is recorded for a linked customer and at
 * 绑定; a member who already paid that first order has their referral opened from it at once.
 */
export async function applyShopInvite(
  app: AppContext,
  input: { shopCustomerId: string; memberId: number; at: Date },
): Promise<Extract<ShopInviteOutcome, { kind: "applied" | "refused" }> | { kind: "none" }> {
  const { db } = app;
  const invite = await db.shopInvite.findUnique({ where: { shopCustomerId: input.shopCustomerId } });
  if (invite?.outcome !== "waiting") return { kind: "none" };
  const member = await db.member.findUniqueOrThrow({ where: { id: input.memberId } });
  const paidElsewhere = await db.order.count({
    where: { memberId: member.id, ...boughtOtherThan(invite.orderExternalId) },
  });
  const refusal: ShopInviteRefusal | undefined =
    invite.inviterId === member.id
      ? "self"
      : member.invitedById !== null
        ? "alreadyInvited"
        : paidElsewhere > 0
          ? "existingCustomer"
          : undefined;
  // The decision and the member's inviter in one transaction: a room-join setting invitedById meanwhile
  // leaves the invite recorded as alreadyInvited, never as applied to a member it did not change.
  const decided = await db.$transaction(async (tx) => {
    const claimed = await tx.shopInvite.updateMany({
      where: { shopCustomerId: invite.shopCustomerId, outcome: "waiting" },
      data: { outcome: refusal ?? "applied", memberId: member.id, decidedAt: input.at },
    });
    if (claimed.count === 0) return "none" as const;
    if (refusal) return refusal;
    const set = await tx.member.updateMany({ where: { id: member.id, invitedById: null }, data: { invitedById: invite.inviterId } });
    if (set.count > 0) return "applied" as const;
    await tx.shopInvite.update({ where: { shopCustomerId: invite.shopCustomerId }, data: { outcome: "alreadyInvited" } });
    return "alreadyInvited" as const;
  });
  if (decided === "none") return { kind: "none" };
  if (decided !== "applied") return { kind: "refused", reason: decided };
  const inviter = await db.member.findUniqueOrThrow({ where: { id: invite.inviterId } });
  const firstPaid = await db.order.findFirst({ where: { memberId: member.id, status: "paid" }, orderBy: { placedAt: "asc" } });
  const referral = firstPaid ? await trackReferral(app, firstPaid, input.at) : "none";
  return { kind: "applied", inviterName: inviter.name, referralOpened: referral === "opened" };
}
