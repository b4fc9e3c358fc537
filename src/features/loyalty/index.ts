// Loyalty (积分, 签到, 兑换, 等级, 老带新, 阶梯奖励): the points ledger (append-only, one entry per source,
// expiring, spent oldest first), earning on paid orders, check-in and referrals, the exchange catalogue
// and its redemptions, levels by 12-month spend, spend ladders. What the rest of the product may use.

export { applySpendLadders } from "./apply-spend-ladders.js";
export { type CheckInOutcome, checkIn } from "./check-in.js";
export {
  birthday,
  birthdayFor,
  dailyCheckIn,
  earlyAccess,
  exchange,
  exchangeAdd,
  exchangeWithdraw,
  giftList,
  giftSent,
  invite,
  inviteLog,
  inviteRanking,
  ladderAdd,
  ladderList,
  loyaltyMemberCommands,
  loyaltyOperatorCommands,
  loyaltyReport,
  pointsBalance,
  surveyAnswer,
  tipList,
  tipSet,
} from "./commands.js";
export { type CreditEngagementOutcome, creditEngagementPoints, type EngagementSource } from "./credit-engagement-points.js";
export { dropMemberGifts, type SetBirthdayOutcome, setBirthday } from "./drop-member-gifts.js";
export { expirePoints } from "./expire-points.js";
export { listPendingGifts, type MarkGiftSentOutcome, markGiftSent, type PendingGift } from "./gift-orders.js";
export { type GrantEarlyAccessOutcome, grantEarlyAccess } from "./grant-early-access.js";
export { getInviteCode, type InviteRecord, type InviterRow, listMyInvites, rankInviters } from "./invite-members.js";
export { loyaltyNightlyJob } from "./jobs.js";
export { type AddExchangeItemOutcome, addExchangeItem, listExchangeItems, withdrawExchangeItem } from "./manage-exchange-catalogue.js";
export { createSpendLadder, listSpendLadders } from "./manage-spend-ladders.js";
export { listUsageTips, setUsageTip, type UsageTipRow } from "./manage-usage-tips.js";
export { appendEntry, lockMemberPoints, readLots } from "./points-ledger.js";
export { type LoyaltyReport, readLoyaltyReport } from "./read-loyalty-report.js";
export { type PointsSummary, readPoints } from "./read-points.js";
export { type LevelChange, recomputeLevels } from "./recompute-levels.js";
export {
  applyShopInvite,
  recordShopInvite,
  type ShopInviteOutcome,
  type ShopInviteRefusal,
} from "./record-shop-invite.js";
export { finishReservedRedemptions, type RedeemExchangeOutcome, redeemExchangeItem } from "./redeem-exchange-item.js";
export { answerSurvey, runLayerJourneys, type SurveyAnswerOutcome } from "./run-layer-journeys.js";
export { applyOrderToLoyalty, runLoyaltyNightly, settleMissedOrders } from "./run-loyalty-nightly.js";
export { type SettleOrderPointsOutcome, settleOrderPoints } from "./settle-order-points.js";
export { rewardDueReferrals, trackReferral } from "./track-referral.js";
