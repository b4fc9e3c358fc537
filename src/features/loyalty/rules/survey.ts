/** The at-risk survey's answers: 调研 1–4, each a tag 调研:<word>. */
export const SURVEY_ANSWERS = { 1: "价格", 2: "质量", 3: "不需要了", 4: "其他" } as const;
