import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importOrders } from "../../../src/features/orders/import-orders.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { createShopTestApp, signedPost } from "../../support/shop-client.js";

const SECRET = "test-secret-0123456789";

describe("catalogue facts: products and order lines", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let http: FastifyInstance;
  const post = (url: string, body: unknown) => signedPost(http, SECRET, url, body, { at: app.clock.now() });

  beforeAll(async () => {
    ({ app, http, cleanup } = await createShopTestApp({ SHOP_API_SECRET: SECRET }));
  });
  afterAll(async () => cleanup?.());

  it("upserts products: created, then replaced by id", async () => {
    const first = await post("/api/products", {
      products: [
        { productId: "TB-1", name: "电动牙刷", category: "个护", priceCents: 29900 },
        { productId: "WR-2", name: "2 年延保", category: "个护", kind: "service", priceCents: 9900 },
      ],
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ result: "upserted", upserted: 2 });
    await post("/api/products", {
      products: [{ productId: "TB-1", name: "电动牙刷 Pro", category: "个护", priceCents: 39900, active: false }],
    });
    const stored = await app.db.product.findMany({ orderBy: { id: "asc" } });
    expect(stored.map((p) => [p.id, p.name, p.kind, p.priceCents, p.active])).toEqual([
      ["TB-1", "电动牙刷 Pro", "product", 39900, false],
      ["WR-2", "2 年延保", "service", 9900, true],
    ]);
    const bad = await post("/api/products", { products: [{ productId: "X", name: "x", priceCents: -1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("products.0.priceCents");
  });

  it("stores an order's lines (and unknown products); an order without lines still works", async () => {
    const withLines = await post("/api/orders", {
      orderId: "L-1",
      amountCents: 39800,
      lines: [
        { productId: "TB-1", name: "电动牙刷", category: "个护", priceCents: 29900 },
        { productId: "CL-9", name: "清洁服务", category: "家居", kind: "service", quantity: 2, priceCents: 4950 },
      ],
    });
    expect(withLines.statusCode).toBe(201);
    const order = await app.db.order.findUniqueOrThrow({ where: { externalId: "L-1" } });
    const lines = await app.db.orderLine.findMany({ where: { orderId: order.id }, orderBy: { lineNo: "asc" } });
    expect(lines.map((l) => [l.lineNo, l.productId, l.kind, l.quantity, l.priceCents])).toEqual([
      [1, "TB-1", "product", 1, 29900],
      [2, "CL-9", "service", 2, 4950],
    ]);
    // The shop's own catalogue entry is kept; the new product is learnt from the line.
    expect((await app.db.product.findUniqueOrThrow({ where: { id: "TB-1" } })).name).toBe("电动牙刷 Pro");
    expect((await app.db.product.findUniqueOrThrow({ where: { id: "CL-9" } })).kind).toBe("service");
    // A replay adds no second set of lines.
    expect((await post("/api/orders", { orderId: "L-1", amountCents: 39800, lines: [] })).json().result).toBe("duplicate");
    expect(await app.db.orderLine.count({ where: { orderId: order.id } })).toBe(2);

    expect((await post("/api/orders", { orderId: "L-2", amountCents: 100 })).statusCode).toBe(201);
    const bad = await post("/api/orders", {
      orderId: "L-3",
      amountCents: 100,
      lines: [{ productId: "A", name: "a", kind: "gift", priceCents: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("lines.0.kind");
  });

  it("imports lines from the CSV's lines column; rows without it import as before", async () => {
    const csv = [
      "order_id,customer_id,amount_cents,status,placed_at,lines",
      "I-1,c-1,39800,paid,2026-10-01T10:00:00+08:00,TB-1:电动牙刷:个护:product:1:29900;WR-2:2年延保:个护:服务:1:9900",
      "I-2,c-2,5000,paid,2026-10-02T10:00:00+08:00,",
      "I-3,c-3,5000,paid,2026-10-03T10:00:00+08:00,TB-1:电动牙刷:个护",
      "I-4,c-3,5000,paid,2026-10-03T10:00:00+08:00,TB-1:电动牙刷:个护:product:0:100",
    ].join("\n");
    const summary = await importOrders(app, Readable.from([csv]), { at: app.clock.now() });
    expect(summary).toMatchObject({ rows: 4, imported: 2, skipped: 2 });
    expect(Object.keys(summary.reasons).sort()).toEqual([
      "lines.0.quantity: must be at least 1",
      "lines.0: must be id:name:category:kind:quantity:price_cents",
    ]);
    const order = await app.db.order.findUniqueOrThrow({ where: { externalId: "I-1" } });
    const lines = await app.db.orderLine.findMany({ where: { orderId: order.id }, orderBy: { lineNo: "asc" } });
    expect(lines.map((l) => [l.productId, l.kind])).toEqual([
      ["TB-1", "product"],
      ["WR-2", "service"],
    ]);
  });
});
