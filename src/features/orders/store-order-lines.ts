import type { Prisma } from "../../kernel/db/client.js";
import type { ShopOrderLine } from "./rules/order-input.js";

/**
 * Stores a new order's lines, and makes each product known to the catalogue (a product the shop has
 * not upserted yet is added as the line describes it; one it did upsert is left as the shop said).
 */
export async function storeOrderLines(tx: Prisma.TransactionClient, orderId: number, lines: readonly ShopOrderLine[]): Promise<void> {
  await tx.orderLine.createMany({
    data: lines.map((line, i) => ({
      orderId,
      lineNo: i + 1,
      productId: line.productId,
      name: line.name,
      category: line.category,
      kind: line.kind,
      quantity: line.quantity,
      priceCents: line.priceCents,
    })),
    skipDuplicates: true,
  });
  await tx.product.createMany({
    data: [...new Map(lines.map((l) => [l.productId, l])).values()].map((l) => ({
      id: l.productId,
      name: l.name,
      category: l.category,
      kind: l.kind,
      priceCents: l.priceCents,
    })),
    skipDuplicates: true,
  });
}
