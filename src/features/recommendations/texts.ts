// What operators and members read about recommendations and bundles. Chinese first, the English after
// " / ". The reason templates are PostgreSQL format() strings: the model fills them in SQL.
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";
import { formatPrice } from "../../kernel/text/money.js";
import type { LevelPrice } from "./rules/bundle-command.js";
import type { LevelPriceProblem } from "./rules/bundle-prices.js";

/** 「（金卡 ¥359，黑金 ¥329）」, or nothing without member prices. */
const levelPricesText = (prices: readonly LevelPrice[]) =>
  prices.length ? `（${prices.map((p) => `${p.level} ${formatPrice(p.priceCents)}`).join("，")}）` : "";

export const recommendationTexts = {
  /** 买过<A>的顾客 <confidence>% 也买了<B>（是平均的 <lift> 倍） */
  pairReason: "买过%s的顾客 %s%% 也买了%s（是平均的 %s 倍）",
  /** <category>类最受欢迎：<n> 位顾客买过 */
  categoryReason: "你常买的%s里最受欢迎（%s 位顾客买过）",
  popularReason: "店里最受欢迎（%s 位顾客买过）",
  noneFor: (name: string) =>
    `${name} 暂无推荐：模型还没有算过，或没有可推荐的商品（「推荐 重算」）。/ No recommendation for ${name} yet (run 推荐 重算).`,
  memberTop: (name: string, items: ReadonlyArray<{ rank: number; name: string; priceCents: number; reason: string }>) =>
    [
      `给 ${name} 的推荐 / Recommended for ${name}:`,
      ...items.map((i) => `${i.rank}. ${i.name} ${formatPrice(i.priceCents)} — ${i.reason}`),
    ].join("\n"),
  recomputing: "正在重算推荐，完成后告诉你。/ Recomputing recommendations; you will be told when done.",
  recomputed: (r: { pairs: number; members: number; bySource: Record<string, number> }) =>
    `推荐已重算：${r.pairs} 对商品组合，${r.members} 位成员有推荐（购买关联 ${r.bySource.pair ?? 0}，偏好品类 ${r.bySource.category ?? 0}，热销 ${r.bySource.popular ?? 0}）。/ Recomputed: ${r.pairs} pairs, ${r.members} members.`,
  report: (r: {
    members: number;
    covered: number;
    bySource: Record<string, number>;
    layers: ReadonlyArray<{ layer: string; members: number; covered: number; fromHistory: number }>;
    pairs: ReadonlyArray<{ from: string; to: string; support: number; confidence: number; lift: number }>;
    computedAt: Date | null;
    at: string | null;
  }) => {
    if (!r.computedAt) return "还没有推荐：等夜间任务或「推荐 重算」。/ No recommendations yet: wait for the nightly run or 推荐 重算.";
    const pct = (n: number, d: number) => (d === 0 ? "0%" : `${Math.round((n / d) * 100)}%`);
    return [
      `推荐模型（${r.at} 计算）/ Recommendation model`,
      `有推荐的成员：${r.covered}/${r.members}（${pct(r.covered, r.members)}）；按购买关联 ${r.bySource.pair ?? 0}，偏好品类 ${r.bySource.category ?? 0}，热销 ${r.bySource.popular ?? 0}`,
      "分层覆盖（有推荐 / 其中来自购买记录）：",
      ...r.layers.map((l) => `· ${l.layer}：${l.covered}/${l.members}，购买关联 ${l.fromHistory}`),
      r.pairs.length ? "最强组合（共同购买人数，置信度，提升度）：" : "还没有达到门槛的组合（最少共同购买人数、提升度见配置）。",
      ...r.pairs.map((p) => `· ${p.from} → ${p.to}：${p.support} 人，${Math.round(p.confidence * 100)}%，${p.lift.toFixed(1)} 倍`),
    ].join("\n");
  },
  // ── bundles ──
  usageBundleAdd:
    "用法：套餐 新增 <名称> <商品>+<商品> 价 <元> [<等级> <元> …]，例如 套餐 新增 家庭套装 电动牙刷+延保 价 399 金卡 359 / usage: 套餐 新增 name A+B 价 399 [level price …]",
  bundleCreated: (b: {
    name: string;
    items: readonly string[];
    priceCents: number;
    levelPrices: readonly LevelPrice[];
    listCents: number;
  }) =>
    `套餐「${b.name}」已建：${b.items.join(" + ")}，套餐价 ${formatPrice(b.priceCents)}${levelPricesText(b.levelPrices)}（单买 ${formatPrice(b.listCents)}）。/ Bundle ${b.name} created.`,
  badLevelPrices: (p: LevelPriceProblem) => {
    const level = snippet(p.level, MAX_QUOTE);
    if (p.kind === "unknownLevel") return `没有「${level}」这个会员等级，可用：${p.levels.join("、")}。/ No such level.`;
    if (p.kind === "repeated") return `「${level}」的会员价写了两次。/ Level price given twice.`;
    if (p.kind === "notBelowBase") return `「${level}」的会员价要低于套餐价。/ A level price must be below the bundle price.`;
    return `「${level}」的会员价不能高于更低等级「${p.lower}」的。/ A higher level may not pay more.`;
  },
  bundleExists: (name: string) => `已有同名套餐「${name}」。/ A bundle named ${name} exists.`,
  unknownProducts: (names: readonly string[]) =>
    `没有这些商品：${names.join("、")}（商品名或编号，来自商城目录）。/ Unknown products: ${names.join(", ")}.`,
  ambiguousProduct: (name: string, matches: readonly string[]) =>
    `「${name}」对应多个商品：${matches.join("、")}，请写全名或编号。/ ${name} matches several products.`,
  bundleList: (bundles: ReadonlyArray<{ name: string; items: string[]; priceCents: number; levelPrices: readonly LevelPrice[] }>) =>
    bundles.length
      ? [
          "套餐 / Bundles:",
          ...bundles.map((b) => `· ${b.name}：${b.items.join(" + ")}，${formatPrice(b.priceCents)}${levelPricesText(b.levelPrices)}`),
        ].join("\n")
      : "还没有套餐（套餐 新增 …）。/ No bundles yet.",
  suggestions: (
    pairs: ReadonlyArray<{ from: string; to: string; support: number; confidence: number; lift: number; priceCents: number }>,
  ) =>
    pairs.length
      ? [
          "套餐建议（商品 → 服务，按提升度）/ Bundle candidates:",
          ...pairs.map(
            (p, i) =>
              `${i + 1}. ${p.from} + ${p.to}：买过${p.from}的顾客 ${Math.round(p.confidence * 100)}% 也买了${p.to}，是平均的 ${p.lift.toFixed(1)} 倍（${p.support} 人），单买合计 ${formatPrice(p.priceCents)}`,
          ),
          "建套餐：套餐 新增 <名称> A+B 价 <元> / create with 套餐 新增",
        ].join("\n")
      : "暂无商品 → 服务的强组合（需要订单明细，且达到最少共同购买人数和提升度）。/ No product → service pair is strong enough yet.",
};
