// Building blocks for command argument schemas. Their messages reach people, so they are Chinese
// first with a short English echo, and say what was expected.
import { z } from "zod";

/** No arguments. Typed bare, only polite extra words are allowed (the router treats anything else as chatter). */
export const noArgs = z.object({});

// 「退订 谢谢」 is the command; 「退订 是什么意思」 is a question about it.
const POLITE = /^(?:[\s!！。.~～,，?？…]|谢谢|谢啦|多谢|感谢|麻烦了|麻烦|一下|了|啦|吧|哦|噢|呀|啊|嗯|呢|please|pls|thanks|thx|ok|好的)*$/i;

/** Whether the words after a no-argument command are only courtesy ("谢谢", "一下", "！"). */
export function isPolite(rest: string): boolean {
  return POLITE.test(rest);
}

/** A number as phones type it: full-width digits (１２), a leading # (announcements say #12), a closing mark. */
function cleanNumber(value: string): string {
  return value.normalize("NFKC").replace(/^#/, "").replace(/[。.!！?？,，~～]+$/, "");
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
