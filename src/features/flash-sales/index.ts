// Flash sales (秒杀), their public face: what the bot registers (commands), what jobs/ runs (job refs and
// the use cases they call), and what group-buys share with them (the pay link, the result's lifetime,
// the 「现在有 N 个…」 and usage replies). Everything else in this folder is the feature's own.

export { cancelFlashSale, closeFlashSale, moveFlashSale } from "./change-flash-sale.js";
// ── Commands, in help order (members', then operators') ──
export { flashMemberCommands, flashOperatorCommands } from "./commands.js";
export { type ConfirmPaymentOutcome, confirmOrderPayment } from "./confirm-order-payment.js";
// ── Use cases ──
export { type CreateFlashSaleOutcome, createFlashSale } from "./create-flash-sale.js";
export { type ExpireOrderOutcome, expireUnpaidOrder, expireUnpaidOrders } from "./expire-unpaid-order.js";
export type { GrabOutcome, GrabWon } from "./flash-gate.js";
export { completeGrab, decideGrab, grabFlashSale, openSalesFor } from "./grab-flash-sale.js";
// ── Jobs: definitions and the use cases they call ──
export { type FlashStep, flashOrderExpiryJob, flashSaleTimerJob, flashTimerJobId } from "./jobs.js";
export { reconcileFlashOrders, reconcileRecentFlashSales } from "./reconcile-flash-orders.js";
export type { FlashSaleDraft } from "./rules/create-args.js";
// ── Shared with group-buys ──
export { RESULT_VALID_MS } from "./rules/result-validity.js";
export { endFlashSale, type FlashStepOutcome, runFlashSaleStep } from "./run-flash-sale-step.js";
export { type SetEarlyAccessOutcome, setEarlyAccess } from "./set-early-access.js";
export { type FlashSweepResult, sweepFlashSales } from "./sweep-flash-sales.js";
export { type OpenSaleView, payLink, whichOneReply, withUsage } from "./texts.js";
