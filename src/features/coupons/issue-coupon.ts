import type { AppContext } from "../../kernel/app-context.js";
import type { Prisma } from "../../kernel/db/client.js";
import type { Coupon, CouponTemplate } from "../../kernel/db/generated/client.js";
import { isUniqueViolation } from "../../kernel/db/unique-violation.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { generateCouponCode } from "./rules/coupon-code.js";

export type IssueCouponOutcome =
  | { kind: "issued"; coupon: Coupon; template: CouponTemplate }
  /** The dedupe key (or drop) was used before: the coupon issued then. */
  | { kind: "existing"; coupon: Coupon; template: CouponTemplate }
  /** No template of that id or name. */
  | NotFound
  | { kind: "quotaExhausted"; template: CouponTemplate }
  | { kind: "memberLimit"; template: CouponTemplate };

export interface IssueCouponInput {
  templateId?: number;
  /** Instead of templateId: the template's name, e.g. 首单立减50. */
  templateName?: string;
  memberId: number;
  campaign?: string;
  /** One coupon per key, whatever the retries: welcome:member:5, winback:3:member:9. */
  dedupeKey?: string;
  dropId?: number;
  at: Date;
}

type Tx = Prisma.TransactionClient;

/**
 * Gives a member one coupon of a template: respects the template's total quota (atomically) and
 * per-member limit; idempotent on dedupeKey. The code comes from the CSPRNG (retried on the rare clash).
 *
 * @example await issueCoupon(app, { templateName: "首单立减50", memberId, campaign: "welcome", dedupeKey: `welcome:member:${memberId}`, at })
 */
export async function issueCoupon(app: AppContext, input: IssueCouponInput): Promise<IssueCouponOutcome> {
  const { db } = app;
  const template =
    input.templateId !== undefined
      ? await db.couponTemplate.findUnique({ where: { id: input.templateId } })
      : await db.couponTemplate.findUnique({ where: { name: input.templateName ?? "" } });
  if (!template) return notFound;
  if (input.dedupeKey) {
    const existing = await db.coupon.findUnique({ where: { dedupeKey: input.dedupeKey } });
    if (existing) return { kind: "existing", coupon: existing, template };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction((tx) => issueInTransaction(tx, template, input));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The dedupe key or (drop, member) won a race, or the code clashed: look again.
      if (input.dedupeKey) {
        const existing = await db.coupon.findUnique({ where: { dedupeKey: input.dedupeKey } });
        if (existing) return { kind: "existing", coupon: existing, template };
      }
      if (input.dropId !== undefined) {
        const existing = await db.coupon.findUnique({ where: { dropId_memberId: { dropId: input.dropId, memberId: input.memberId } } });
        if (existing) return { kind: "existing", coupon: existing, template };
      }
      if (attempt >= 3) throw error;
    }
  }
}

/** The transactional part, also used by a drop claim (which first takes one of the drop's coupons). */
export async function issueInTransaction(tx: Tx, template: CouponTemplate, input: IssueCouponInput): Promise<IssueCouponOutcome> {
  if (template.perMemberLimit !== null) {
    // Serialises issuing per (template, member), so the limit holds under concurrency.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${template.id}::int, ${input.memberId}::int)`;
    const held = await tx.coupon.count({ where: { templateId: template.id, memberId: input.memberId } });
    if (held >= template.perMemberLimit) return { kind: "memberLimit", template };
  }
  const taken = await tx.$executeRaw`
    UPDATE coupon_templates SET issued_count = issued_count + 1
    WHERE id = ${template.id} AND (total_quota IS NULL OR issued_count < total_quota)`;
  if (taken === 0) return { kind: "quotaExhausted", template };
  const coupon = await tx.coupon.create({
    data: {
      code: generateCouponCode(),
      templateId: template.id,
      memberId: input.memberId,
      campaign: input.campaign ?? null,
      dedupeKey: input.dedupeKey ?? null,
      dropId: input.dropId ?? null,
      issuedAt: input.at,
      expiresAt: new Date(input.at.getTime() + template.validDays * 86_400_000),
    },
  });
  return { kind: "issued", coupon, template };
}

/**
 * Many coupons at once (win-back fan-outs): one insert, idempotent on each dedupe key; returns the
 * coupon of every key (new or from an earlier attempt). Ignores per-member limits (the caller selects);
 * a template with a total quota is issued one by one instead, so the quota holds.
 */
export async function issueCouponsInBulk(
  app: AppContext,
  template: CouponTemplate,
  items: ReadonlyArray<{ memberId: number; dedupeKey: string; campaign?: string }>,
  at: Date,
): Promise<Map<string, Coupon>> {
  const { db } = app;
  const out = new Map<string, Coupon>();
  if (items.length === 0) return out;
  if (template.totalQuota !== null) {
    for (const item of items) {
      const outcome = await issueCoupon(app, { templateId: template.id, ...item, at });
      if (outcome.kind === "issued" || outcome.kind === "existing") out.set(item.dedupeKey, outcome.coupon);
    }
    return out;
  }
  const expiresAt = new Date(at.getTime() + template.validDays * 86_400_000);
  let pending = items;
  for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
    // One INSERT … SELECT FROM unnest(arrays): far cheaper than thousands of bound VALUES.
    const created = await db.$executeRaw`
      INSERT INTO coupons (code, template_id, member_id, campaign, dedupe_key, issued_at, expires_at)
      SELECT code, ${template.id}, member_id, campaign, dedupe_key, ${at}, ${expiresAt}
      FROM unnest(${pending.map(() => generateCouponCode())}::text[], ${pending.map((i) => i.memberId)}::int[],
                  ${pending.map((i) => i.campaign ?? null)}::text[], ${pending.map((i) => i.dedupeKey)}::text[])
        AS x(code, member_id, campaign, dedupe_key)
      ON CONFLICT DO NOTHING`;
    if (created > 0) {
      await db.$executeRaw`UPDATE coupon_templates SET issued_count = issued_count + ${created} WHERE id = ${template.id}`;
    }
    const rows = await db.coupon.findMany({ where: { dedupeKey: { in: pending.map((i) => i.dedupeKey) } } });
    for (const row of rows) out.set(row.dedupeKey!, row);
    // A row skipped for a clashing code (not its key) is tried again with a new code.
    pending = pending.filter((i) => !out.has(i.dedupeKey));
  }
  return out;
}
