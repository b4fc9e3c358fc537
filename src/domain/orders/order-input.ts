import { z } from "zod";

const when = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time, e.g. 2026-11-23T10:00:00+08:00" });

/** An order as the shop reports it: POST /api/orders and each row of an import. Amounts in cents. */
export const ZShopOrder = z.object({
  orderId: z.string({ message: "is required (the shop's order id)" }).min(1).max(100),
  customerId: z.string().min(1).max(100).optional(),
  amountCents: z.number({ message: "must be a whole number of cents" }).int({ message: "must be a whole number of cents" }).min(0).max(1_000_000_000),
  status: z.enum(["pending", "paid", "refunded", "cancelled"]).default("paid"),
  placedAt: when.optional(),
  paidAt: when.optional(),
  categories: z.array(z.string().min(1).max(50)).max(20).default([]),
  couponCode: z.string().min(4).max(40).optional(),
});
export type ShopOrder = z.infer<typeof ZShopOrder>;

/** A status change: the shop's order id, or our own orderNo (flash-sale and group-buy orders). */
export const ZOrderStatusUpdate = z
  .object({
    orderId: z.string().min(1).max(100).optional(),
    orderNo: z.string().min(1).max(100).optional(),
    status: z.enum(["paid", "refunded", "cancelled"]),
    at: when.optional(),
  })
  .refine((v) => v.orderId !== undefined || v.orderNo !== undefined, { message: "orderId or orderNo is required", path: ["orderId"] });
export type OrderStatusUpdate = z.infer<typeof ZOrderStatusUpdate>;

export const ZBindCodeRequest = z.object({ customerId: z.string({ message: "is required" }).min(1).max(100) });

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
