import type { AppContext } from "../../kernel/app-context.js";
import { LAYERS } from "../rfm/index.js";
import { TAG_CATEGORIES } from "./rules/tag-categories.js";

export type EditTagsOutcome =
  | { kind: "edited"; added: string[]; removed: string[]; absent: string[] }
  /** Layer names are computed by RFM: a manual 高价值 would count under 标签 成员 but not under 分层:高价值. */
  | { kind: "layerName"; names: string[] };

/** An operator's #标签 @某人 +VIP -潜水: custom tags, source manual. */
export async function editMemberTags(
  app: AppContext,
  input: { memberId: number; add: string[]; remove: string[]; at: Date },
): Promise<EditTagsOutcome> {
  const { db } = app;
  const layerNames = input.add.filter((name) => LAYERS.some((layer) => layer.name === name));
  if (layerNames.length) return { kind: "layerName", names: layerNames };
  const added: string[] = [];
  for (const name of input.add) {
    const tag = await db.tag.upsert({
      where: { category_name: { category: TAG_CATEGORIES.custom, name } },
      create: { category: TAG_CATEGORIES.custom, name },
      update: {},
    });
    const made = await db.memberTag.createMany({
      data: [{ memberId: input.memberId, tagId: tag.id, source: "manual", createdAt: input.at }],
      skipDuplicates: true,
    });
    if (made.count) added.push(name);
  }
  const removed: string[] = [];
  const absent: string[] = [];
  for (const name of input.remove) {
    const gone = await db.memberTag.deleteMany({ where: { memberId: input.memberId, source: "manual", tag: { name } } });
    (gone.count ? removed : absent).push(name);
  }
  return { kind: "edited", added, removed, absent };
}

/** A member's tags, grouped by category, with who put each there. */
export async function readMemberTags(app: AppContext, memberId: number) {
  return app.db.memberTag.findMany({
    where: { memberId },
    include: { tag: true },
    orderBy: [{ tag: { category: "asc" } }, { tag: { name: "asc" } }],
  });
}

/**
 * Members carrying a tag of this name (any category): how many, and the first few by id. A member with
 * the name in two categories (a manual VIP and a rule VIP) counts once.
 */
export async function listMembersByTag(app: AppContext, input: { name: string; take?: number }) {
  const rows = await app.db.$queryRaw<Array<{ name: string; total: number }>>`
    SELECT m.name, count(*) OVER ()::int AS total FROM members m
    WHERE EXISTS (SELECT 1 FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = m.id AND t.name = ${input.name})
    ORDER BY m.id LIMIT ${input.take ?? 20}`;
  return { count: rows[0]?.total ?? 0, names: rows.map((row) => row.name) };
}
