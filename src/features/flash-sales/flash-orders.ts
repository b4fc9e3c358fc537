// Flash-sale order rows, written in batches with one fixed-shape statement (arrays unnested), so a batch
// of any size costs one round trip and no per-size query planning in the client.
import type { Db } from "../../kernel/db/client.js";

export interface FlashOrderRow {
  orderNo: string;
  memberId: number;
  saleId: number;
  seq: number;
  amountCents: number;
  placedAt: Date;
  expiresAt: Date;
}

export interface WrittenFlashOrder {
  id: number;
  orderNo: string;
  saleId: number;
  memberId: number;
  seq: number;
  amountCents: number;
  expiresAt: Date;
}

/**
 * Inserts the rows that do not exist yet ((sale, member, n) is unique) and returns every row of the
 * batch as stored, in the batch's order: a row written earlier (by reconciliation) keeps its own number.
 */
export async function insertFlashOrders(db: Db, rows: readonly FlashOrderRow[]): Promise<WrittenFlashOrder[]> {
  if (rows.length === 0) return [];
  const stored = await db.$queryRaw<
    Array<{
      id: number;
      order_no: string;
      flash_sale_id: number;
      member_id: number;
      grab_seq: number;
      amount_cents: number;
      expires_at: Date;
    }>
  >`
    WITH input AS (
      SELECT * FROM unnest(${rows.map((r) => r.orderNo)}::text[], ${rows.map((r) => r.memberId)}::int[], ${rows.map((r) => r.saleId)}::int[],
        ${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.amountCents)}::int[], ${rows.map((r) => r.placedAt.toISOString())}::timestamptz[],
        ${rows.map((r) => r.expiresAt.toISOString())}::timestamptz[])
        AS t(order_no, member_id, flash_sale_id, grab_seq, amount_cents, placed_at, expires_at)
    ), inserted AS (
      INSERT INTO orders (order_no, source, member_id, flash_sale_id, grab_seq, amount_cents, status, placed_at, expires_at, updated_at)
      SELECT order_no, 'flash_sale', member_id, flash_sale_id, grab_seq, amount_cents, 'pending', placed_at, expires_at, now() FROM input
      ON CONFLICT DO NOTHING
      RETURNING id, order_no, flash_sale_id, member_id, grab_seq, amount_cents, expires_at
    )
    SELECT * FROM inserted
    UNION ALL
    SELECT o.id, o.order_no, o.flash_sale_id, o.member_id, o.grab_seq, o.amount_cents, o.expires_at
      FROM orders o JOIN input i ON o.flash_sale_id = i.flash_sale_id AND o.member_id = i.member_id AND o.grab_seq = i.grab_seq
     WHERE NOT EXISTS (SELECT 1 FROM inserted x WHERE x.flash_sale_id = i.flash_sale_id AND x.member_id = i.member_id AND x.grab_seq = i.grab_seq)`;
  const byKey = new Map(stored.map((r) => [`${r.flash_sale_id}:${r.member_id}:${r.grab_seq}`, r]));
  return rows.map((r) => {
    const row = byKey.get(`${r.saleId}:${r.memberId}:${r.seq}`);
    if (!row) throw new Error(`flash order ${r.saleId}:${r.memberId}:${r.seq} neither inserted nor found`);
    return {
      id: row.id,
      orderNo: row.order_no,
      saleId: row.flash_sale_id,
      memberId: row.member_id,
      seq: row.grab_seq,
      amountCents: row.amount_cents,
      expiresAt: row.expires_at,
    };
  });
}
