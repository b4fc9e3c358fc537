import type { AppContext } from "../../kernel/app-context.js";
import { LAYERS, type LayerKey } from "./rules/layers.js";

export interface LayerSummary {
  counts: Record<LayerKey, number>;
  /** Moves since `since` (a member who moved twice counts in each move): from → to, most frequent first. */
  moves: Array<{ from: LayerKey; to: LayerKey; members: number }>;
  newlyLayered: number;
  /** When a member's figures last changed (unchanged rows are not rewritten). */
  computedAt: Date | null;
}

/** 分层: how many members each layer holds, and how they moved since `since`. */
export async function readLayerSummary(app: AppContext, input: { since: Date }): Promise<LayerSummary> {
  const { db } = app;
  const counts = Object.fromEntries(LAYERS.map((l) => [l.key, 0])) as Record<LayerKey, number>;
  for (const row of await db.memberRfm.groupBy({ by: ["layer"], _count: { _all: true } })) counts[row.layer as LayerKey] = row._count._all;
  const moves = await db.$queryRaw<Array<{ from_layer: string | null; to_layer: string; members: number }>>`
    SELECT from_layer, to_layer, count(DISTINCT member_id)::int AS members FROM layer_changes
    WHERE changed_at >= ${input.since} GROUP BY from_layer, to_layer ORDER BY members DESC`;
  const latest = await db.memberRfm.aggregate({ _max: { computedAt: true } });
  return {
    counts,
    moves: moves
      .filter((m) => m.from_layer !== null)
      .map((m) => ({ from: m.from_layer as LayerKey, to: m.to_layer as LayerKey, members: m.members })),
    newlyLayered: moves.filter((m) => m.from_layer === null).reduce((sum, m) => sum + m.members, 0),
    computedAt: latest._max.computedAt,
  };
}
