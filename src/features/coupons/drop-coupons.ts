import type { AppContext } from "../../kernel/app-context.js";
import type { CouponDrop, CouponTemplate } from "../../kernel/db/generated/client.js";
import type { NotFound } from "../../kernel/outcomes.js";

export type DropCouponsOutcome =
  | { kind: "dropped"; drop: CouponDrop; template: CouponTemplate }
  /** No template of that name: `names` are the ones there are. */
  | (NotFound & { names: string[] })
  | { kind: "quotaExceeded"; template: CouponTemplate; left: number };

/** An operator releases `quantity` coupons of a template in a room (#发券 满200减30 100). */
export async function dropCoupons(
  app: AppContext,
  input: { templateName: string; roomId: number; quantity: number; createdById: number; at: Date },
): Promise<DropCouponsOutcome> {
  const { db } = app;
  const template = await db.couponTemplate.findUnique({ where: { name: input.templateName } });
  if (!template) {
    const names = (await db.couponTemplate.findMany({ select: { name: true }, orderBy: { id: "asc" } })).map((t) => t.name);
    return { kind: "notFound", names };
  }
  if (template.totalQuota !== null && template.issuedCount + input.quantity > template.totalQuota) {
    return { kind: "quotaExceeded", template, left: Math.max(0, template.totalQuota - template.issuedCount) };
  }
  const drop = await db.couponDrop.create({
    data: { templateId: template.id, roomId: input.roomId, quantity: input.quantity, createdById: input.createdById, createdAt: input.at },
  });
  return { kind: "dropped", drop, template };
}
