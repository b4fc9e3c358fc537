import type { AppContext } from "../../kernel/app-context.js";
import { type SetEarlyAccessOutcome, setEarlyAccess } from "../flash-sales/index.js";
import { findLayer, LAYERS } from "../rfm/index.js";
import { levelRank } from "./rules/levels.js";

export type GrantEarlyAccessOutcome = SetEarlyAccessOutcome | { kind: "unknownAudience"; choices: string[] };

/**
 * 优先购 12 金卡 30: the members of a level (that level and above) or of an RFM layer, taken now, get the
 * sale N minutes early. The gate (flash-sales) checks it atomically in its grab script.
 */
export async function grantEarlyAccess(
  app: AppContext,
  input: { saleId: number; audience: string; minutes: number },
): Promise<{ outcome: GrantEarlyAccessOutcome; members: number }> {
  const { db, config } = app;
  const levels = config.loyalty.levels;
  const rank = levelRank(levels, input.audience);
  const layer = rank < 0 ? findLayer(input.audience) : undefined;
  if (rank < 0 && !layer) {
    return {
      outcome: { kind: "unknownAudience", choices: [...levels.map((l) => l.name), ...LAYERS.map((l) => l.name)] },
      members: 0,
    };
  }
  const memberIds =
    rank >= 0
      ? (
          await db.memberLevel.findMany({ where: { level: { in: levels.slice(rank).map((l) => l.name) } }, select: { memberId: true } })
        ).map((r) => r.memberId)
      : (await db.memberRfm.findMany({ where: { layer: layer!.key }, select: { memberId: true } })).map((r) => r.memberId);
  const audience = rank >= 0 ? `level:${input.audience}` : `layer:${layer!.key}`;
  const outcome = await setEarlyAccess(app, { saleId: input.saleId, minutes: input.minutes, audience, memberIds });
  return { outcome, members: memberIds.length };
}
