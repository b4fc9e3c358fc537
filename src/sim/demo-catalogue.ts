// The demo's catalogue and what its past orders bought: products in the demo's categories and two
// services (2 年延保 with the toothbrush, 清洁服务 with the pram), so 推荐 @某人, 推荐 报告 and 套餐 建议
// show sensible results. Deterministic: the same lines on every machine.

import { recomputeRecommendations } from "../features/recommendations/index.js";
import type { AppContext } from "../kernel/app-context.js";
import { seededRandom } from "./seeded-random.js";

type Kind = "product" | "service";
const PRODUCTS: ReadonlyArray<{ id: string; name: string; category: string; kind: Kind; priceCents: number }> = [
  { id: "SK-1", name: "修护精华", category: "护肤", kind: "product", priceCents: 32_900 },
  { id: "SK-2", name: "保湿面霜", category: "护肤", kind: "product", priceCents: 19_900 },
  { id: "MU-1", name: "丝绒口红", category: "彩妆", kind: "product", priceCents: 15_900 },
  { id: "MU-2", name: "轻透粉底", category: "彩妆", kind: "product", priceCents: 25_900 },
  { id: "BB-1", name: "婴儿推车", category: "母婴", kind: "product", priceCents: 129_900 },
  { id: "BB-2", name: "纸尿裤", category: "母婴", kind: "product", priceCents: 12_900 },
  { id: "PC-1", name: "电动牙刷", category: "个护", kind: "product", priceCents: 29_900 },
  { id: "PC-2", name: "替换刷头", category: "个护", kind: "product", priceCents: 5_900 },
  { id: "FR-1", name: "香薰机", category: "香氛", kind: "product", priceCents: 39_900 },
  { id: "FR-2", name: "精油套装", category: "香氛", kind: "product", priceCents: 16_900 },
  { id: "SV-1", name: "2 年延保", category: "个护", kind: "service", priceCents: 9_900 },
  { id: "SV-2", name: "清洁服务", category: "母婴", kind: "service", priceCents: 19_900 },
];
/** The service that goes with a device, and how often its buyers add it. */
const SERVICE_WITH: Record<string, [string, number]> = { "PC-1": ["SV-1", 0.8], "BB-1": ["SV-2", 0.7] };

/**
 * Adds the catalogue, then lines to every demo order (one product per category the order names, the
 * device's service often with it), then computes the recommendations once. Idempotent: lines are
 * keyed (order, line number) and products by id.
 */
export async function seedDemoCatalogue(app: AppContext, at: Date): Promise<{ lines: number }> {
  const { db } = app;
  await db.product.createMany({ data: PRODUCTS.map((p) => ({ ...p })), skipDuplicates: true });
  const random = seededRandom(20_261_202);
  const orders = await db.order.findMany({ where: { externalId: { startsWith: "demo-" } }, orderBy: { id: "asc" } });
  const lines = orders.flatMap((order) => {
    const picked = order.categories.flatMap((category) => {
      const choices = PRODUCTS.filter((p) => p.category === category && p.kind === "product");
      // Most buyers of a category start with its device (the first product).
      const product = random() < 0.65 ? choices[0] : choices[1];
      if (!product) return [];
      const service = SERVICE_WITH[product.id];
      const extra = service && random() < service[1] ? PRODUCTS.filter((p) => p.id === service[0]) : [];
      return [product, ...extra];
    });
    return picked.map((p, i) => ({
      orderId: order.id,
      lineNo: i + 1,
      productId: p.id,
      name: p.name,
      category: p.category,
      kind: p.kind,
      quantity: 1,
      priceCents: p.priceCents,
    }));
  });
  await db.orderLine.createMany({ data: lines, skipDuplicates: true });
  await recomputeRecommendations(app, { at, settings: app.config.recommendations });
  return { lines: lines.length };
}
