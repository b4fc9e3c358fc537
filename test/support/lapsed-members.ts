// Members a win-back selects, written straight into the database: seen long ago, one order, and an RFM
// layer of 流失风险 or 流失 (the win-back test files each need their own batch of them).
import type { AppContext } from "../../src/kernel/app-context.js";
import type { Member } from "../../src/kernel/db/client.js";

const DAY = 86_400_000;

export interface LapsedMembers {
  /** wechat_id and name are this followed by the member's index. */
  prefix: string;
  count: number;
  /** When their layer was computed; they were first seen `seenDaysAgo` before it. */
  at: Date;
  seenDaysAgo?: number;
  monetaryCents?: bigint;
  /** The layer of the i-th member: at_risk and lost alternately unless told. */
  layerOf?: (i: number) => "at_risk" | "lost";
}

export async function seedLapsedMembers(app: AppContext, seed: LapsedMembers): Promise<Member[]> {
  const { prefix, count, at, seenDaysAgo = 300, monetaryCents = 100n, layerOf = (i) => (i % 2 ? "at_risk" : "lost") } = seed;
  const members = await app.db.member.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      wechatId: `${prefix}${i}`,
      name: `${prefix}${i}`,
      firstSeenAt: new Date(at.getTime() - seenDaysAgo * DAY),
    })),
  });
  await app.db.memberRfm.createMany({
    data: members.map((m, i) => ({ memberId: m.id, orders: 1, monetaryCents, layer: layerOf(i), computedAt: at })),
  });
  return members;
}
