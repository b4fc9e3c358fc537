import type { AppContext } from "../../kernel/app-context.js";
import type { Prisma } from "../../kernel/db/client.js";
import type { LevelPrice } from "./rules/bundle-command.js";
import { checkLevelPrices, type LevelPriceProblem } from "./rules/bundle-prices.js";

export type CreateBundleOutcome =
  | { kind: "created"; name: string; items: string[]; priceCents: number; levelPrices: LevelPrice[]; listCents: number }
  | { kind: "badLevelPrices"; problem: LevelPriceProblem }
  | { kind: "exists" }
  | { kind: "unknownProducts"; names: string[] }
  | { kind: "ambiguousProduct"; name: string; matches: string[] };

/** A product named as an operator types it: its id, its exact name, or the one name containing it. */
async function findProduct(app: AppContext, text: string) {
  const exact = await app.db.product.findFirst({ where: { OR: [{ id: text }, { name: text }], active: true } });
  if (exact) return { kind: "found" as const, product: exact };
  const partial = await app.db.product.findMany({ where: { name: { contains: text }, active: true }, take: 5, orderBy: { id: "asc" } });
  if (partial.length === 1) return { kind: "found" as const, product: partial[0]! };
  return partial.length ? { kind: "ambiguous" as const, matches: partial.map((p) => p.name) } : { kind: "missing" as const };
}

/** 套餐 新增: a bundle of catalogue products at one price, and member prices by level; its name is unique. */
export async function createBundle(
  app: AppContext,
  input: { name: string; items: readonly string[]; priceCents: number; levelPrices: readonly LevelPrice[]; createdById: number },
): Promise<CreateBundleOutcome> {
  const levels = levelNames(app);
  const tiers = checkLevelPrices(input.levelPrices, input.priceCents, levels);
  if (!tiers.ok) return { kind: "badLevelPrices", problem: tiers.problem };
  const found = [];
  const missing: string[] = [];
  for (const item of input.items) {
    const lookup = await findProduct(app, item);
    if (lookup.kind === "ambiguous") return { kind: "ambiguousProduct", name: item, matches: lookup.matches };
    if (lookup.kind === "missing") missing.push(item);
    else found.push(lookup.product);
  }
  if (missing.length) return { kind: "unknownProducts", names: missing };
  const created = await app.db.bundle.createMany({
    data: [
      {
        name: input.name,
        productIds: found.map((p) => p.id),
        priceCents: input.priceCents,
        levelPrices: tiers.levelPrices as unknown as Prisma.InputJsonValue,
        createdById: input.createdById,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) return { kind: "exists" };
  return {
    kind: "created",
    name: input.name,
    items: found.map((p) => p.name),
    priceCents: input.priceCents,
    levelPrices: tiers.levelPrices,
    listCents: found.reduce((sum, p) => sum + p.priceCents, 0),
  };
}

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
export async function readBundles(app: AppContext, where: Prisma.BundleWhereInput = {}): Promise<BundleView[]> {
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
