// 贴士 设置 护肤 内容…: the category is the first word, the tip the rest (one pass, no regex over chat text).

export const MAX_TIP_CATEGORY = 20;
export const MAX_TIP_TEXT = 300;

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\u3000";

export type TipWords = { ok: true; category: string; text: string } | { ok: false; problem: string };

/**
 * @example parseTipText("护肤 洁面后先用爽肤水") // { ok: true, category: "护肤", text: "洁面后先用爽肤水" }
 */
export function parseTipText(raw: string): TipWords {
  const usage = "例：贴士 设置 护肤 洁面后先用爽肤水，再抹精华。/ e.g. tip set skincare <text>";
  let start = 0;
  while (start < raw.length && isSpace(raw[start]!)) start++;
  let end = start;
  while (end < raw.length && !isSpace(raw[end]!) && end - start <= MAX_TIP_CATEGORY) end++;
  const category = raw.slice(start, end);
  if (!category) return { ok: false, problem: `请写品类和贴士内容。${usage}` };
  if (category.length > MAX_TIP_CATEGORY) return { ok: false, problem: `品类最多 ${MAX_TIP_CATEGORY} 个字。/ Category too long.` };
  let from = end;
  while (from < raw.length && isSpace(raw[from]!)) from++;
  let to = raw.length;
  while (to > from && isSpace(raw[to - 1]!)) to--;
  if (to === from) return { ok: false, problem: `请写贴士内容。${usage}` };
  if (to - from > MAX_TIP_TEXT) return { ok: false, problem: `贴士最多 ${MAX_TIP_TEXT} 个字。/ Tip too long (max ${MAX_TIP_TEXT}).` };
  return { ok: true, category, text: raw.slice(from, to) };
}
