// 兑换 新增 名称 积分 [库存50] [礼品]: the words, read in one pass (no regex over chat text).
import { z } from "zod";

export const ZNewExchangeItemArgs = z.object({
  name: z.string({ message: "请写券名或礼品名，如 兑换 新增 满200减30 300" }).min(1).max(40, { message: "名称最多 40 个字" }),
  points: z.number({ message: "请写所需积分，如 300" }).int().min(1, { message: "积分至少 1" }).max(1_000_000, { message: "积分太大" }),
  stock: z.number().int().min(1, { message: "库存至少 1" }).max(1_000_000).optional(),
  gift: z.boolean(),
});

const isDigits = (word: string) => word.length > 0 && word.length <= 9 && [...word].every((c) => c >= "0" && c <= "9");

/**
 * @example parseNewExchangeItemWords(["满200减30", "300", "库存50"]) // { name: "满200减30", points: 300, stock: 50, gift: false }
 */
export function parseNewExchangeItemWords(words: readonly string[]): unknown {
  const [name, points, ...rest] = words;
  const out: Record<string, unknown> = { name, points: points !== undefined && isDigits(points) ? Number(points) : points, gift: false };
  for (const word of rest) {
    if (word === "礼品" || word.toLowerCase() === "gift") out.gift = true;
    else if (word.startsWith("库存") && isDigits(word.slice(2))) out.stock = Number(word.slice(2));
    else if (isDigits(word)) out.stock = Number(word);
    else out.stock = word;
  }
  return out;
}
