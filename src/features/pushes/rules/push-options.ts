// Options an operator may write before a push's content (after the schedule), in any order:
// `实验` / `实验:留出10%` (the push is an experiment: arms = its variants, an optional holdout) and
// `无推荐:跳过|通用` (with {推荐}: what a member without a recommendation gets). Pure.

export type NoRecommendation = "plain" | "skip";

export interface PushOptions {
  experiment?: { holdoutShare: number };
  noRecommendation?: NoRecommendation;
  rest: string;
}

/**
 * @example parsePushOptions("实验:留出10% 无推荐:跳过 {昵称}…") // { experiment: { holdoutShare: 0.1 }, noRecommendation: "skip", rest: "{昵称}…" }
 */
export function parsePushOptions(text: string): PushOptions | { invalid: string } {
  const options: PushOptions = { rest: text.trim() };
  for (let i = 0; i < 2; i++) {
    const rest = options.rest;
    const word = rest.split(/\s/, 1)[0] ?? "";
    const experiment = /^(实验|experiment)(?:[:：](?:留出|holdout)?(\d{1,2})%?)?$/i.exec(word);
    if (experiment && !options.experiment) {
      options.experiment = { holdoutShare: experiment[2] === undefined ? 0 : Number(experiment[2]) / 100 };
      if (options.experiment.holdoutShare > 0.5) return { invalid: "留出比例最多 50% / holdout at most 50%" };
    } else if (/^(无推荐|norec)[:：]/i.test(word) && !options.noRecommendation) {
      const choice = word.replace(/^(无推荐|norec)[:：]/i, "");
      if (choice === "跳过" || choice === "skip") options.noRecommendation = "skip";
      else if (choice === "通用" || choice === "plain") options.noRecommendation = "plain";
      else return { invalid: "无推荐:跳过 或 无推荐:通用 / norec:skip or norec:plain" };
    } else break;
    options.rest = rest.slice(word.length).trim();
  }
  return options;
}

/** Whether a text asks for the member's recommendation: {推荐} or {推荐理由}. */
export function usesRecommendation(text: string): boolean {
  return /\{(推荐|推荐理由)\}/.test(text);
}
