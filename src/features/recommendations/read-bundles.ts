import type { AppContext } from "../../kernel/app-context.js";
import type { Prisma } from "../../kernel/db/client.js";
import type { LevelPrice } from "./rules/bundle-command.js";

export interface BundleView {
  id: number;
  name: string;
  items: string[];
  productIds: string[];
  priceCents: number;
  levelPrices: LevelPrice[];
}

/** The community's loyalty levels by name, lowest first (what level prices are checked and chosen by). */
export const levelNames = (app: AppContext) => app.config.loyalty.levels.map((l) => l.name);

/** Bundles with their products' names (`where` picks them: all, or one by name or id). */
async function readBundles(app: AppContext, where: Prisma.BundleWhereInput = {}): Promise<BundleView[]> {
  const bundles = await app.db.bundle.findMany({ where, orderBy: { id: "asc" }, take: 50 });
  const products = await app.db.product.findMany({ where: { id: { in: bundles.flatMap((b) => b.productIds) } } });
  const names = new Map(products.map((p) => [p.id, p.name]));
  return bundles.map((b) => ({
    id: b.id,
    name: b.name,
    items: b.productIds.map((id) => names.get(id) ?? id),
    productIds: b.productIds,
    priceCents: b.priceCents,
    levelPrices: b.levelPrices as unknown as LevelPrice[],
  }));
}

/** 套餐 列表: every bundle with its products' names and member prices. */
export const listBundles = (app: AppContext) => readBundles(app);

/** One bundle by name (套餐:<name> on a push) or id (its fan-out), or undefined. */
export async function findBundle(app: AppContext, where: { name: string } | { id: number }): Promise<BundleView | undefined> {
  return (await readBundles(app, where))[0];
}
