import type { AppContext } from "../../kernel/app-context.js";
import { Prisma } from "../../kernel/db/client.js";
import { inSequence, LONG_TRANSACTION } from "../../kernel/db/sql-steps.js";
import { localDay } from "../../kernel/time/zone.js";
import { TAG_CATEGORIES } from "./rules/tag-categories.js";

const DAY_MS = 86_400_000;

/** 获客渠道 names of Member.joinSource values (unknown gets no channel tag). */
export const CHANNEL_NAMES: Record<string, string> = {
  store_qr: "门店扫码",
  parcel_card: "包裹卡",
  referral: "老带新",
  room_invite: "群邀请",
};
export const INTERACTION_NAMES = { active: "活跃", silent: "沉默" } as const;

/**
 * The rule tags, set-based in SQL: interaction (活跃: ≥ N messages in the last 7 days; 沉默: none in
 * `silentDays`, for members known that long), purchase preference (top category of paid orders in 90
 * days) and acquisition channel. Only rows with source rule are added or removed: a manual tag with the
 * same name stays, and no manual tag is ever removed.
 */
export async function applyRuleTags(
  app: AppContext,
  input: { at: Date; timeZone: string; activeMessages7d: number; silentDays: number },
): Promise<{ tagged: number; removed: number }> {
  const { db } = app;
  const today = localDay(input.at, input.timeZone);
  const ruleCategories = [TAG_CATEGORIES.interaction, TAG_CATEGORIES.preference, TAG_CATEGORIES.channel];
  const channels = Prisma.join(Object.entries(CHANNEL_NAMES).map(([source, name]) => Prisma.sql`(${source}, ${name})`));
  const [, , , , removed, tagged] = await db.$transaction(
    async (tx) =>
      inSequence([
        tx.$executeRaw`SELECT pg_advisory_xact_lock(7302)`,
        tx.$executeRaw`CREATE TEMP TABLE wanted_rule_tags (member_id int, category text, name text) ON COMMIT DROP`,
        tx.$executeRaw`
      INSERT INTO wanted_rule_tags (member_id, category, name)
      SELECT member_id, ${TAG_CATEGORIES.interaction}::text AS category, ${INTERACTION_NAMES.active}::text AS name
        FROM interaction_daily WHERE day > (${today}::date - 7) GROUP BY member_id HAVING sum(messages) >= ${input.activeMessages7d}
      UNION ALL
      SELECT m.id, ${TAG_CATEGORIES.interaction}, ${INTERACTION_NAMES.silent} FROM members m
        WHERE m.first_seen_at <= ${new Date(input.at.getTime() - input.silentDays * DAY_MS)}
          AND NOT EXISTS (SELECT 1 FROM interaction_daily d WHERE d.member_id = m.id AND d.day > (${today}::date - ${input.silentDays}::int) AND d.messages > 0)
      UNION ALL
      (SELECT DISTINCT ON (member_id) member_id, ${TAG_CATEGORIES.preference}, category FROM (
        SELECT member_id, unnest(categories) AS category, count(*) AS n FROM orders
        WHERE status = 'paid' AND member_id IS NOT NULL AND placed_at > ${new Date(input.at.getTime() - 90 * DAY_MS)}
        GROUP BY 1, 2) c
        ORDER BY member_id, n DESC, category)
      UNION ALL
      SELECT m.id, ${TAG_CATEGORIES.channel}, c.name FROM members m JOIN (VALUES ${channels}) AS c(source, name) ON c.source = m.join_source`,
        tx.$executeRaw`INSERT INTO tags (category, name) SELECT DISTINCT category, name FROM wanted_rule_tags ON CONFLICT (category, name) DO NOTHING`,
        tx.$executeRaw`
      DELETE FROM member_tags mt USING tags t
      WHERE mt.tag_id = t.id AND mt.source = 'rule' AND t.category IN (${Prisma.join(ruleCategories)})
        AND NOT EXISTS (SELECT 1 FROM wanted_rule_tags w WHERE w.member_id = mt.member_id AND w.category = t.category AND w.name = t.name)`,
        tx.$executeRaw`
      INSERT INTO member_tags (member_id, tag_id, source, created_at)
      SELECT w.member_id, t.id, 'rule', ${input.at} FROM wanted_rule_tags w JOIN tags t ON t.category = w.category AND t.name = w.name
      ON CONFLICT (member_id, tag_id) DO NOTHING`,
      ]),
    LONG_TRANSACTION,
  );
  return { tagged: tagged ?? 0, removed: removed ?? 0 };
}
