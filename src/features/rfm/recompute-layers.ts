import type { AppContext } from "../../kernel/app-context.js";
import { Prisma } from "../../kernel/db/client.js";
import { inSequence, LONG_TRANSACTION } from "../../kernel/db/sql-steps.js";
import { LAYERS } from "./rules/layers.js";
import type { RfmThresholds } from "./rules/rfm-rules.js";
import { rfmTexts } from "./texts.js";

const DAY_MS = 86_400_000;

/** The layer keys and their tag names, as an SQL VALUES list. */
const layerNames = Prisma.sql`(VALUES ${Prisma.join(LAYERS.map((l) => Prisma.sql`(${l.key}, ${l.name})`))}) AS l(key, name)`;

/**
 * Recomputes every member's recency, frequency and monetary value and layer, set-based in PostgreSQL
 * (no member is loaded into Node): member_rfm is upserted, each change is kept in layer_changes, and
 * each member's one layer tag (source rfm) follows. One transaction, serialised by an advisory lock so a
 * manual 重算 and the scheduled run never interleave. The rules are classifyMember's (rfm-rules.ts).
 */
export async function recomputeLayers(
  app: AppContext,
  input: { at: Date; thresholds: RfmThresholds },
): Promise<{ members: number; changes: number }> {
  const { db } = app;
  const { at, thresholds: t } = input;
  const since = (days: number) => new Date(at.getTime() - days * DAY_MS);
  const [, , , changes] = await db.$transaction(
    async (tx) =>
      inSequence([
        tx.$executeRaw`SELECT pg_advisory_xact_lock(7301)`,
        // The aggregate has one group per member: give it memory rather than spilling to disk.
        tx.$executeRaw`SET LOCAL work_mem = '256MB'`,
        tx.$executeRaw`INSERT INTO tags (category, name) SELECT 'layer', l.name FROM ${layerNames} ON CONFLICT (category, name) DO NOTHING`,
        tx.$executeRaw`
        WITH agg AS (
          SELECT member_id, max(coalesce(paid_at, placed_at)) AS last_order_at, count(*)::int AS orders, sum(amount_cents)::bigint AS monetary
          FROM orders WHERE status = 'paid' AND member_id IS NOT NULL GROUP BY member_id
        ), computed AS (
          SELECT m.id AS member_id, a.last_order_at, coalesce(a.orders, 0) AS orders, coalesce(a.monetary, 0) AS monetary,
            CASE
              WHEN a.last_order_at >= ${since(t.highValueDays)} AND a.orders >= ${t.highValueOrders} AND a.monetary >= ${t.highValueCents} THEN 'high_value'
              WHEN coalesce(a.orders, 0) <= 1 AND m.first_seen_at > ${since(t.newDays)} THEN 'new'
              WHEN coalesce(a.last_order_at, m.first_seen_at) < ${since(t.lostDays)} THEN 'lost'
              WHEN coalesce(a.last_order_at, m.first_seen_at) <= ${since(t.atRiskDays)} THEN 'at_risk'
              ELSE 'potential'
            END AS layer
          FROM members m LEFT JOIN agg a ON a.member_id = m.id
        ), upserted AS (
          INSERT INTO member_rfm (member_id, last_order_at, orders, monetary_cents, layer, computed_at)
          SELECT member_id, last_order_at, orders, monetary, layer, ${at} FROM computed
          ON CONFLICT (member_id) DO UPDATE SET last_order_at = EXCLUDED.last_order_at, orders = EXCLUDED.orders,
            monetary_cents = EXCLUDED.monetary_cents, layer = EXCLUDED.layer, computed_at = EXCLUDED.computed_at
          -- Unchanged rows are not rewritten: most members' figures stay the same from one night to the next.
          WHERE (member_rfm.last_order_at, member_rfm.orders, member_rfm.monetary_cents, member_rfm.layer)
            IS DISTINCT FROM (EXCLUDED.last_order_at, EXCLUDED.orders, EXCLUDED.monetary_cents, EXCLUDED.layer)
          RETURNING 1
        )
        INSERT INTO layer_changes (member_id, from_layer, to_layer, changed_at)
        SELECT c.member_id, r.layer, c.layer, ${at}
        FROM computed c LEFT JOIN member_rfm r ON r.member_id = c.member_id
        WHERE r.layer IS DISTINCT FROM c.layer`,
        // (The statement above saw member_rfm before its own upsert, so `r.layer` was the old layer.)
        tx.$executeRaw`
        DELETE FROM member_tags mt USING tags t, member_rfm r, ${layerNames}
        WHERE mt.tag_id = t.id AND t.category = 'layer' AND mt.source = 'rfm'
          AND r.member_id = mt.member_id AND l.key = r.layer AND t.name <> l.name`,
        tx.$executeRaw`
        INSERT INTO member_tags (member_id, tag_id, source, created_at)
        SELECT r.member_id, t.id, 'rfm', ${at}
        FROM member_rfm r JOIN ${layerNames} ON l.key = r.layer JOIN tags t ON t.category = 'layer' AND t.name = l.name
        WHERE NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = r.member_id AND mt.tag_id = t.id)`,
      ]),
    LONG_TRANSACTION,
  );
  const [{ members }] = await db.$queryRaw<[{ members: number }]>`SELECT count(*)::int AS members FROM member_rfm`;
  return { members, changes: changes ?? 0 };
}

/** Who asked for a recompute (#分层 重算), to be answered where they asked: in the room, or privately. */
export interface RecomputeAsker {
  memberId: number;
  roomId?: number;
  name: string;
}

/**
 * The recompute-rfm job: recomputes every layer (now, with the configured thresholds), and answers the
 * operator who asked, if one did. `jobId` names the answer: a retried job (its enqueue failed) answers once.
 */
export async function recomputeLayersAndAnswer(app: AppContext, input: { replyTo?: RecomputeAsker; jobId: string }) {
  const result = await recomputeLayers(app, { at: app.clock.now(), thresholds: app.config.rfm });
  app.logger.info(result, "rfm layers recomputed");
  const { replyTo } = input;
  if (replyTo) {
    const text = rfmTexts.recomputed(result);
    const dedupeKey = `rfm:reply:${input.jobId}`;
    await app.outbox.send(
      replyTo.roomId
        ? { kind: "reply", to: { roomId: replyTo.roomId }, text: `@${replyTo.name} ${text}`, dedupeKey }
        : { kind: "reply", to: { memberId: replyTo.memberId }, text, dedupeKey },
    );
  }
  return result;
}
