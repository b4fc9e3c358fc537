// Building blocks for command argument schemas. Their messages reach people, so they are Chinese
// first with a short English echo, and say what was expected.
import { z } from "zod";

/** No arguments. Typed bare, only polite extra words are allowed (the router treats anything else as chatter). */
export const noArgs = z.object({});

// 「退订 谢谢」 is the command; 「退订 是什么意思」 is a question about it.
// Scanned word by word, not by a regex: 「麻烦了」 as one alternative and as 麻烦 + 了 made a backtracking
// regex double its work per repetition (89 characters froze the bot). No word here is the start of
// another, so taking the first that fits at each place is the only way to read the text: linear.
const POLITE_MARKS = new Set([..."!！。.~～,，?？…"]);
const POLITE_WORDS = [
  "谢谢",
  "谢啦",
  "多谢",
  "感谢",
  "麻烦",
  "一下",
  "了",
  "啦",
  "吧",
  "哦",
  "噢",
  "呀",
  "啊",
  "嗯",
  "呢",
  "please",
  "pls",
  "thanks",
  "thx",
  "ok",
  "好的",
];

/** Whether the words after a no-argument command are only courtesy ("谢谢", "一下", "！"). */
export function isPolite(rest: string): boolean {
  const text = rest.toLowerCase();
  for (let at = 0; at < text.length; ) {
    if (POLITE_MARKS.has(text.charAt(at)) || /\s/.test(text.charAt(at))) {
      at++;
      continue;
    }
    const word = POLITE_WORDS.find((w) => text.startsWith(w, at));
    if (word === undefined) return false;
    at += word.length;
  }
  return true;
}

const NUMBER_CLOSING_MARKS = "。.!！?？,，~～";

/** A number as phones type it: full-width digits (１２), a leading # (announcements say #12), a closing mark. */
function cleanNumber(value: string): string {
  // Closing marks cut by a scan: an unanchored `[…]+$` retries from every mark of a long run (quadratic).
  return trimEndOf(value.normalize("NFKC").replace(/^#/, ""), NUMBER_CLOSING_MARKS);
}

/**
 * `text` without the run of `marks` it ends with, in one pass from the end.
 *
 * @example trimEndOf("12。！", "。！") // "12"
 */
export function trimEndOf(text: string, marks: string): string {
  let end = text.length;
  while (end > 0 && marks.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** "@Alice" → "Alice". */
export function mentionArg(what: string) {
  return z
    .string({ message: `请@${what} / mention someone` })
    .regex(/^@\S/, { message: `请@${what} / mention someone` })
    .transform((value) => value.slice(1));
}

/** One of fixed words, each standing for a value: `choiceArg("角色", { 运营: "operator", operator: "operator" })`. */
export function choiceArg<T extends string>(what: string, words: Record<string, T>) {
  const allowed = Object.keys(words).join("|");
  return z
    .string({ message: `请写${what}：${allowed}` })
    .refine((value) => Object.hasOwn(words, value.toLowerCase()) || Object.hasOwn(words, value), {
      message: `${what}只能是 ${allowed}`,
    })
    .transform((value) => (words[value] ?? words[value.toLowerCase()]) as T);
}

/** A whole number ≥ min, e.g. a sale's number or a stock count. */
export function wholeArg(what: string, min = 1, max = 1_000_000) {
  return z
    .string({ message: `请写${what}` })
    .transform(cleanNumber)
    .pipe(z.string().regex(/^\d+$/, { message: `${what}要写数字 / must be a number` }))
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${what}要在 ${min}–${max} 之间` });
}

/** The first problem of a failed parse, as one line for a reply. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? "参数不对 / invalid arguments";
}
