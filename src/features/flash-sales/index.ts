// Flash sales (秒杀), their public face: what the bot registers (commands), what jobs/ runs (job refs and
// the use cases they call), and what group-buys share with them (the pay link, the result's lifetime,
// the 「现在有 N 个…」 and usage replies). Everything else in this folder is the feature's own.

// ── Commands, in help order (members', then operators') ──
export { flashMemberCommands, flashOperatorCommands } from "./commands.js";

// ── Jobs: definitions and the use cases they call ──
export { flashOrderExpiryJob, flashSaleTimerJob, flashTimerJobId, type FlashStep } from "./jobs.js";
export { runFlashSaleStep, endFlashSale, type FlashStepOutcome } from "./run-flash-sale-step.js";
export { expireUnpaidOrder, expireUnpaidOrders, type ExpireOrderOutcome } from "./expire-unpaid-order.js";
export { reconcileFlashOrders, reconcileRecentFlashSales } from "./reconcile-flash-orders.js";
export { sweepFlashSales, type FlashSweepResult } from "./sweep-flash-sales.js";

// ── Use cases ──
export { createFlashSale, type CreateFlashSaleOutcome } from "./create-flash-sale.js";
export { cancelFlashSale, closeFlashSale, moveFlashSale } from "./change-flash-sale.js";
export { completeGrab, decideGrab, grabFlashSale, openSalesFor } from "./grab-flash-sale.js";
export { confirmOrderPayment, type ConfirmPaymentOutcome } from "./confirm-order-payment.js";
export type { GrabOutcome, GrabWon } from "./flash-gate.js";
export type { FlashSaleDraft } from "./rules/create-args.js";

// ── Shared with group-buys ──
export { RESULT_VALID_MS } from "./rules/result-validity.js";
export { payLink, whichOneReply, withUsage, type OpenSaleView } from "./texts.js";
