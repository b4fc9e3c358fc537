import type { AppContext } from "../../kernel/app-context.js";

export interface BundleSuggestion {
  from: string;
  to: string;
  support: number;
  confidence: number;
  lift: number;
  /** The two items' list prices together. */
  priceCents: number;
}

/** 套餐 建议: the model's strongest product → service pairs (by lift, then support), as bundle candidates. */
export async function suggestBundles(app: AppContext, limit = 5): Promise<BundleSuggestion[]> {
  return app.db.$queryRaw<BundleSuggestion[]>`
    SELECT f.name AS "from", t.name AS "to", p.support, p.confidence, p.lift, (f.price_cents + t.price_cents)::int AS "priceCents"
    FROM product_pairs p
    JOIN products f ON f.id = p.from_product_id AND f.kind = 'product' AND f.active
    JOIN products t ON t.id = p.to_product_id AND t.kind = 'service' AND t.active
    ORDER BY p.lift DESC, p.support DESC, f.id, t.id
    LIMIT ${limit}`;
}
