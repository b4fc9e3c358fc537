import type { AppContext } from "../../kernel/app-context.js";

export interface MemberRecommendationView {
  rank: number;
  productId: string;
  name: string;
  priceCents: number;
  source: string;
  reason: string;
}

/** A member's stored top 3 (rank order), with each product's current name and price. */
export async function readMemberRecommendations(app: AppContext, memberId: number): Promise<MemberRecommendationView[]> {
  return (await readRecommendationsFor(app, [memberId])).get(memberId) ?? [];
}

/** The stored top 3 of many members at once (a push's batch): member id → recommendations in rank order. */
export async function readRecommendationsFor(
  app: AppContext,
  memberIds: readonly number[],
): Promise<Map<number, MemberRecommendationView[]>> {
  const out = new Map<number, MemberRecommendationView[]>();
  if (memberIds.length === 0) return out;
  const rows = await app.db.$queryRaw<Array<MemberRecommendationView & { memberId: number }>>`
    SELECT r.member_id AS "memberId", r.rank, r.product_id AS "productId", p.name, p.price_cents AS "priceCents", r.source, r.reason
    FROM member_recommendations r JOIN products p ON p.id = r.product_id
    WHERE r.member_id = ANY(${[...memberIds]}::int[]) ORDER BY r.member_id, r.rank`;
  for (const { memberId, ...rec } of rows) {
    const list = out.get(memberId) ?? [];
    list.push(rec);
    out.set(memberId, list);
  }
  return out;
}
