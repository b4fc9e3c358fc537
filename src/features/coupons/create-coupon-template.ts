import type { Db } from "../../kernel/db/client.js";
import type { CouponTemplate } from "../../kernel/db/generated/client.js";
import type { CouponKind } from "./rules/coupon-template.js";

export type CreateTemplateOutcome = { kind: "created"; template: CouponTemplate } | { kind: "nameTaken" };

export async function createCouponTemplate(
  db: Db,
  input: { name: string; kind: CouponKind; valueCents: number; minSpendCents: number; validDays: number; totalQuota?: number; perMemberLimit?: number },
): Promise<CreateTemplateOutcome> {
  const created = await db.couponTemplate.createManyAndReturn({
    data: [{ ...input, totalQuota: input.totalQuota ?? null, perMemberLimit: input.perMemberLimit ?? null }],
    skipDuplicates: true,
  });
  return created[0] ? { kind: "created", template: created[0] } : { kind: "nameTaken" };
}

export async function listCouponTemplates(db: Db) {
  return db.couponTemplate.findMany({ orderBy: { id: "asc" } });
}
