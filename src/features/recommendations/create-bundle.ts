import type { AppContext } from "../../kernel/app-context.js";

export type CreateBundleOutcome =
  | { kind: "created"; name: string; items: string[]; priceCents: number; listCents: number }
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

/** 套餐 新增: a bundle of catalogue products at one price; its name is unique. */
export async function createBundle(
  app: AppContext,
  input: { name: string; items: readonly string[]; priceCents: number; createdById: number },
): Promise<CreateBundleOutcome> {
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
    data: [{ name: input.name, productIds: found.map((p) => p.id), priceCents: input.priceCents, createdById: input.createdById }],
    skipDuplicates: true,
  });
  if (created.count === 0) return { kind: "exists" };
  return {
    kind: "created",
    name: input.name,
    items: found.map((p) => p.name),
    priceCents: input.priceCents,
    listCents: found.reduce((sum, p) => sum + p.priceCents, 0),
  };
}

/** 套餐 列表: every bundle with its products' names. */
export async function listBundles(app: AppContext): Promise<Array<{ name: string; items: string[]; priceCents: number }>> {
  const bundles = await app.db.bundle.findMany({ orderBy: { id: "asc" }, take: 50 });
  const products = await app.db.product.findMany({ where: { id: { in: bundles.flatMap((b) => b.productIds) } } });
  const names = new Map(products.map((p) => [p.id, p.name]));
  return bundles.map((b) => ({ name: b.name, items: b.productIds.map((id) => names.get(id) ?? id), priceCents: b.priceCents }));
}
