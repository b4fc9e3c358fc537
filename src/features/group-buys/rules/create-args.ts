// The operator's one-line group-buy command (拼团 新建), parsed into what a group-buy needs, with a Chinese
// problem for the first thing that is wrong. Pure: the clock and zone come in.

import { MAX_QUOTE, snippet } from "../../../kernel/text/clean-text.js";
import { priceWord, tokenizeCreateWords, unknownWordProblem, wholeNumberWord } from "../../../kernel/text/create-command-words.js";
import { type Parsed, parseWhen } from "../../../kernel/time/when.js";

export interface GroupBuyDraft {
  product: string;
  priceCents: number;
  teamSize: number;
  perMemberLimit: number;
  deadline: Date;
  allRooms: boolean;
}

/**
 * `大米5kg 价39 3人团 截止明天22:00 [限购1] [全部]` → a draft, or the first problem.
 *
 * @example parseGroupBuyArgs(["大米","价39","3人团","截止明天22:00"], { now, zone }).ok // true
 */
export function parseGroupBuyArgs(words: readonly string[], at: { now: Date; zone: string }): Parsed<GroupBuyDraft> {
  const t = tokenizeCreateWords(words);
  if (t.product.length === 0) return { ok: false, problem: "缺少商品名 / missing product" };
  if (t.unknown.length) return unknownWordProblem(t.unknown[0]!);
  if (t.durations.length)
    return {
      ok: false,
      problem: `看不懂「${snippet(t.durations[0]!.typed, MAX_QUOTE)}」：拼团写截止时间，如 截止明天22:00 / a group-buy has a deadline, not a duration`,
    };
  const price = priceWord(t.keyed.get("price"), "价格", true);
  if (!price.ok) return price;
  const size = wholeNumberWord(t.keyed.get("team"), "成团人数", 2, 50);
  if (!size.ok) return { ok: false, problem: t.keyed.has("team") ? size.problem : "缺少成团人数，如 3人团 / missing team size" };
  const limit = wholeNumberWord(t.keyed.get("limit"), "限购", 1, 100, 1);
  if (!limit.ok) return limit;
  const deadlineText = t.keyed.get("deadline") ?? t.times[0];
  if (!deadlineText) return { ok: false, problem: "缺少截止时间，如 截止明天22:00 / missing deadline" };
  const deadline = parseWhen(deadlineText, at);
  if (!deadline.ok) return deadline;
  if (deadline.value.getTime() <= at.now.getTime()) return { ok: false, problem: "截止时间要在以后 / deadline must be in the future" };
  return {
    ok: true,
    value: {
      product: t.product.join(" "),
      priceCents: price.value!,
      teamSize: size.value,
      perMemberLimit: limit.value,
      deadline: deadline.value,
      allRooms: t.allRooms,
    },
  };
}
