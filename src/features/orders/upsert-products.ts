import type { AppContext } from "../../kernel/app-context.js";
import type { ShopProduct } from "./rules/order-input.js";

/** The shop's catalogue (POST /api/products): each product created or replaced by its id. */
export async function upsertProducts(app: AppContext, products: readonly ShopProduct[]): Promise<{ upserted: number }> {
  await app.db.$transaction(
    products.map((p) =>
      app.db.product.upsert({
        where: { id: p.productId },
        create: { id: p.productId, name: p.name, category: p.category, kind: p.kind, priceCents: p.priceCents, active: p.active },
        update: { name: p.name, category: p.category, kind: p.kind, priceCents: p.priceCents, active: p.active },
      }),
    ),
  );
  return { upserted: products.length };
}
