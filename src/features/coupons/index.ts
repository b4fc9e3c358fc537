// Coupons (券): templates, drops in a room (发券 / 领券), a member's coupons, redemption by an order or an
// operator (核销), the welcome gift and the daily expiry sweep. What the rest of the product may use.

export { couponClaim, couponCommands, couponDrop, couponList, couponNew, couponRedeem, myCoupons } from "./commands.js";

// Use cases (each takes the app context first).
export { claimCoupon, type ClaimCouponOutcome } from "./claim-coupon.js";
export { createCouponTemplate, listCouponTemplates, type CreateTemplateOutcome } from "./create-coupon-template.js";
export { dropCoupons, type DropCouponsOutcome } from "./drop-coupons.js";
export { expireCoupons } from "./expire-coupons.js";
export { giveWelcomeCoupon, type GiveWelcomeCouponOutcome } from "./give-welcome-coupon.js";
export { issueCoupon, issueCouponsInBulk, type IssueCouponInput, type IssueCouponOutcome } from "./issue-coupon.js";
export { listMemberCoupons } from "./list-member-coupons.js";
export { redeemCoupon, releaseOrderCoupon, type RedeemCouponOutcome, type RedeemRefusal } from "./redeem-coupon.js";

