import { z } from "zod";

// Within the years PostgreSQL and Date.toISOString both write plainly: 9999-12-31T23:59-23:59 is year 10000 in UTC.
const when = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time, e.g. 2026-11-23T10:00:00+08:00" }).refine(
  (value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  },
  { message: "must be a time between the years 1970 and 9999" },
);

// A NUL byte, or half of a surrogate pair: PostgreSQL refuses the one, the driver the other (a 500 a shop
// would retry forever). Refused, not cleaned: an id changed silently would no longer match the shop's.
// Scanned by code unit, so the check is linear whatever the string.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL can store the text as it is (no NUL, no lone surrogate). */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** A string field of the shop API: storable text of `min`–`max` characters. */
const text = (min: number, max: number, message?: string) =>
  z
    .string(message ? { message } : undefined)
    .min(min)
    .max(max)
    .refine(isStorableText, { message: "must not contain NUL bytes or unpaired surrogates" });

const cents = z
  .number({ message: "must be a whole number of cents" })
  .int({ message: "must be a whole number of cents" })
  .min(0)
  .max(1_000_000_000);

/** A catalogue item as the shop states it: POST /api/products, and each order line's product. */
export const ZProduct = z.object({
  productId: text(1, 100, "is required (the shop's product id)"),
  name: text(1, 100, "is required (the product's name)"),
  category: text(0, 50).default(""),
  kind: z.enum(["product", "service"]).default("product"),
  priceCents: cents,
  active: z.boolean().default(true),
});
export type ShopProduct = z.infer<typeof ZProduct>;

/** One line of an order: what was bought, at what unit price (cents). */
export const ZOrderLine = ZProduct.omit({ active: true }).extend({
  quantity: z
    .number({ message: "must be a whole number" })
    .int({ message: "must be a whole number" })
    .min(1, { message: "must be at least 1" })
    .max(10_000)
    .default(1),
});
export type ShopOrderLine = z.infer<typeof ZOrderLine>;

/** Up to 100 products at once (POST /api/products). */
export const ZProductBatch = z.object({ products: z.array(ZProduct).min(1).max(100) });

/** An order as the shop reports it: POST /api/orders and each row of an import. Amounts in cents. */
export const ZShopOrder = z.object({
  orderId: text(1, 100, "is required (the shop's order id)"),
  customerId: text(1, 100).optional(),
  amountCents: z
    .number({ message: "must be a whole number of cents" })
    .int({ message: "must be a whole number of cents" })
    .min(0)
    .max(1_000_000_000),
  status: z.enum(["pending", "paid", "refunded", "cancelled"]).default("paid"),
  placedAt: when.optional(),
  paidAt: when.optional(),
  /** Left out: not stated (a replay without it does not conflict); stored as []. */
  categories: z.array(text(1, 50)).max(20).optional(),
  couponCode: text(4, 40).optional(),
  /** What was bought (optional: an order of amounts only still counts for RFM). Stored when the order is new. */
  lines: z.array(ZOrderLine).max(100).optional(),
});
export type ShopOrder = z.infer<typeof ZShopOrder>;

/** A status change: the shop's order id, or our own orderNo (flash-sale and group-buy orders). */
export const ZOrderStatusUpdate = z
  .object({
    orderId: text(1, 100).optional(),
    orderNo: text(1, 100).optional(),
    status: z.enum(["paid", "refunded", "cancelled"]),
    at: when.optional(),
  })
  .refine((v) => v.orderId !== undefined || v.orderNo !== undefined, { message: "orderId or orderNo is required", path: ["orderId"] });
export type OrderStatusUpdate = z.infer<typeof ZOrderStatusUpdate>;

export const ZBindCodeRequest = z.object({ customerId: text(1, 100, "is required") });

/** POST /api/invites: a customer entered a member's 邀请码 (at sign-up, or on the order `orderId`). */
export const ZShopInviteRequest = z.object({
  customerId: text(1, 100, "is required"),
  inviteCode: z
    .string({ message: "is required (the member's 邀请码, e.g. Y7KQ2M9X)" })
    .max(20, { message: "is not an invite code (Y and 7 letters or digits)" })
    .transform((code) => code.trim().toUpperCase())
    .pipe(z.string().regex(/^Y[2-9A-HJKMNP-Z]{7}$/, { message: "is not an invite code (Y and 7 letters or digits)" })),
  orderId: text(1, 100).optional(),
});

export type OrderStatusName = "pending" | "paid" | "expired" | "cancelled" | "refunded";

/** Whether a status may follow another: pending → paid|cancelled|expired, paid → refunded. */
export function canMoveTo(from: OrderStatusName, to: OrderStatusName): boolean {
  if (from === "pending") return to === "paid" || to === "cancelled" || to === "expired";
  if (from === "paid") return to === "refunded";
  return false;
}

/** The first problem of a failed parse, naming the field: "amountCents: must be a whole number of cents". */
export function describeIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || "body";
  return { field, message: `${field}: ${issue?.message ?? "invalid"}` };
}

/**
 * An import's `lines` column: `id:name:category:kind:quantity:price_cents` per line, lines separated by
 * `;` (kind product|service, 商品|服务). Returns the candidate lines for ZOrderLine to check, or a problem.
 *
 * @example parseLinesColumn("P1:电动牙刷:个护:product:1:29900;S1:2年延保:个护:service:1:9900")
 */
export function parseLinesColumn(value: string): { lines: unknown[] } | { problem: string } {
  const parts = value
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 100) return { problem: "lines: at most 100 lines" };
  const lines: unknown[] = [];
  for (const [i, part] of parts.entries()) {
    const f = part.split(":").map((x) => x.trim());
    if (f.length !== 6) return { problem: `lines.${i}: must be id:name:category:kind:quantity:price_cents` };
    const [productId, name, category, kind, quantity, price] = f as [string, string, string, string, string, string];
    const number = (x: string) => (/^\d{1,12}$/.test(x) ? Number(x) : x);
    lines.push({
      productId,
      name,
      category,
      kind: kind === "服务" ? "service" : kind === "商品" ? "product" : kind || undefined,
      quantity: quantity ? number(quantity) : undefined,
      priceCents: number(price),
    });
  }
  return { lines };
}
