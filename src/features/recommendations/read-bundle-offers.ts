import type { AppContext } from "../../kernel/app-context.js";
import { formatPrice } from "../../kernel/text/money.js";
import { type BundleView, levelNames } from "./read-bundles.js";
import { bundlePriceFor } from "./rules/bundle-prices.js";

/** A bundle as a push offers it ({套餐}): per member, its text at their level price, or "owned". */
export type BundleOffer = { kind: "offer"; text: string; priceCents: number } | { kind: "owned" };

/**
 * {套餐} for a page of members: 「家庭套装（电动牙刷 + 2 年延保）¥359」 at each member's level price, or
 * "owned" for a member whose paid orders already hold every product of it (nothing to offer them).
 */
export async function readBundleOffers(
  app: AppContext,
  bundle: BundleView,
  memberIds: readonly number[],
): Promise<Map<number, BundleOffer>> {
  const out = new Map<number, BundleOffer>();
  if (memberIds.length === 0) return out;
  const ids = [...memberIds];
  const [owners, levels] = await Promise.all([
    app.db.$queryRaw<Array<{ member_id: number }>>`
      SELECT o.member_id FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE o.member_id = ANY(${ids}::int[]) AND o.status = 'paid' AND l.product_id = ANY(${bundle.productIds}::text[])
      GROUP BY o.member_id HAVING count(DISTINCT l.product_id) = ${new Set(bundle.productIds).size}::int`,
    app.db.memberLevel.findMany({ where: { memberId: { in: ids } }, select: { memberId: true, level: true } }),
  ]);
  const owned = new Set(owners.map((o) => o.member_id));
  const levelOf = new Map(levels.map((l) => [l.memberId, l.level]));
  const names = levelNames(app);
  for (const memberId of ids) {
    if (owned.has(memberId)) {
      out.set(memberId, { kind: "owned" });
      continue;
    }
    const priceCents = bundlePriceFor(bundle, levelOf.get(memberId), names);
    out.set(memberId, { kind: "offer", priceCents, text: `${bundle.name}（${bundle.items.join(" + ")}）${formatPrice(priceCents)}` });
  }
  return out;
}
