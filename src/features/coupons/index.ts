// Coupons (券): templates, drops in a room (发券 / 领券), a member's coupons, redemption by an order or an
// operator (核销), the welcome gift and the daily expiry sweep. What the rest of the product may use.

// Use cases (each takes the app context first).
export { type ClaimCouponOutcome, claimCoupon } from "./claim-coupon.js";
export { couponClaim, couponCommands, couponDrop, couponList, couponNew, couponRedeem, myCoupons } from "./commands.js";
export { type CreateTemplateOutcome, createCouponTemplate, listCouponTemplates } from "./create-coupon-template.js";
export { type DropCouponsOutcome, dropCoupons } from "./drop-coupons.js";
export { expireCoupons } from "./expire-coupons.js";
export { type GiveWelcomeCouponOutcome, giveWelcomeCoupon } from "./give-welcome-coupon.js";
export { type IssueCouponInput, type IssueCouponOutcome, issueCoupon, issueCouponsInBulk } from "./issue-coupon.js";
export { listMemberCoupons } from "./list-member-coupons.js";
export { type RedeemCouponOutcome, type RedeemRefusal, redeemCoupon, releaseOrderCoupon } from "./redeem-coupon.js";
