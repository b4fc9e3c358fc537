import type { AppContext } from "../../kernel/app-context.js";

export interface UsageTipRow {
  category: string;
  text: string;
  updatedAt: Date;
}

/** 贴士 设置: sets (or replaces) a category's 7-day usage tip. */
export async function setUsageTip(
  app: AppContext,
  input: { category: string; text: string; at: Date },
): Promise<{ kind: "set"; replaced: boolean }> {
  const before = await app.db.usageTip.findUnique({ where: { category: input.category } });
  await app.db.usageTip.upsert({
    where: { category: input.category },
    create: { category: input.category, text: input.text, updatedAt: input.at },
    update: { text: input.text, updatedAt: input.at },
  });
  return { kind: "set", replaced: before !== null };
}

/** Every category's tip, by category. */
export async function listUsageTips(app: AppContext): Promise<UsageTipRow[]> {
  return app.db.usageTip.findMany({ orderBy: { category: "asc" } });
}
