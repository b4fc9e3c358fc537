// Orders: what the shop reports (its API and CSV imports: recorded idempotently, coupons redeemed and
// given back), status changes, and binding a shop customer to a member (bind codes, 绑定). The shop
// API (src/http) and the import entry point use it through here.

export { announceOrderSettled } from "./announce-order-settled.js";
export { type BindCustomerOutcome, bindCustomer } from "./bind-customer.js";
export { bind } from "./commands.js";
export { type CreateBindCodeOutcome, createBindCode } from "./create-bind-code.js";
export { type ImportSummary, importOrders, MISSING_PLACED_AT } from "./import-orders.js";
export { orderSettledJob } from "./jobs.js";
export { type CouponResult, type OrderField, type RecordOrderOutcome, recordOrder } from "./record-order.js";
export {
  describeIssue,
  type OrderStatusUpdate,
  parseLinesColumn,
  type ShopOrder,
  type ShopOrderLine,
  type ShopProduct,
  ZBindCodeRequest,
  ZOrderLine,
  ZOrderStatusUpdate,
  ZProduct,
  ZProductBatch,
  ZShopInviteRequest,
  ZShopOrder,
} from "./rules/order-input.js";
export {
  checkSignature,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  type SignatureCheck,
  type SignatureSettings,
  type SignedRequest,
  signBody,
  signedHeaders,
  signRequest,
  TIMESTAMP_HEADER,
  verifySignature,
} from "./rules/signature.js";
export { type UpdateOrderStatusOutcome, updateOrderStatus } from "./update-order-status.js";
export { upsertProducts } from "./upsert-products.js";
