import type { AppContext } from "../../kernel/app-context.js";
import type { Prisma } from "../../kernel/db/client.js";
import { levelNames } from "./read-bundles.js";
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
