// Orders: what the shop reports (its API and CSV imports: recorded idempotently, coupons redeemed and
// given back), status changes, and binding a shop customer to a member (bind codes, 绑定). The shop
// API (src/http) and the import entry point use it through here.
export { bind } from "./commands.js";
export { bindCustomer, type BindCustomerOutcome } from "./bind-customer.js";
export { createBindCode, type CreateBindCodeOutcome } from "./create-bind-code.js";
export { importOrders, MISSING_PLACED_AT, type ImportSummary } from "./import-orders.js";
export { recordOrder, type CouponResult, type OrderField, type RecordOrderOutcome } from "./record-order.js";
export { updateOrderStatus, type UpdateOrderStatusOutcome } from "./update-order-status.js";
export { describeIssue, ZBindCodeRequest, ZOrderStatusUpdate, ZShopOrder, type OrderStatusUpdate, type ShopOrder } from "./rules/order-input.js";
export {
  checkSignature,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  signBody,
  signedHeaders,
  signRequest,
  TIMESTAMP_HEADER,
  verifySignature,
  type SignatureCheck,
  type SignatureSettings,
  type SignedRequest,
} from "./rules/signature.js";
