import type { AppContext } from "../../kernel/app-context.js";
import type { CouponTemplate } from "../../kernel/db/generated/client.js";
import type { CouponKind } from "./rules/coupon-template.js";

export type CreateTemplateOutcome = { kind: "created"; template: CouponTemplate } | { kind: "nameTaken" };

/** 券 新建: a template under a new name (a name already taken is refused, not replaced). */
export async function createCouponTemplate(
  app: AppContext,
  input: {
    name: string;
    kind: CouponKind;
    valueCents: number;
    minSpendCents: number;
    validDays: number;
    totalQuota?: number;
    perMemberLimit?: number;
  },
): Promise<CreateTemplateOutcome> {
  const created = await app.db.couponTemplate.createManyAndReturn({
    data: [{ ...input, totalQuota: input.totalQuota ?? null, perMemberLimit: input.perMemberLimit ?? null }],
    skipDuplicates: true,
  });
  return created[0] ? { kind: "created", template: created[0] } : { kind: "nameTaken" };
}

/** 券 列表: every template, oldest first. */
export async function listCouponTemplates(app: AppContext) {
  return app.db.couponTemplate.findMany({ orderBy: { id: "asc" } });
}
