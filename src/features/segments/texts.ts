// What operators read about segments (人群): previews, saving, the list, and mistakes in an expression.
// Chinese first, the English alias after " / ". Pure formatting. (The parser's own messages, with their
// positions, are in rules/segment-expression.ts.)
import { boundText } from "../../kernel/text/clean-text.js";
import { type SegmentError, snippet } from "./rules/segment-expression.js";

/** A field of a segment expression as its mistakes name it (`name`: a bare word, a saved segment or a tag). */
export type SegmentField = "layer" | "tag" | "room" | "segment" | "name";

const FIELD_LABEL: Record<SegmentField, string> = { layer: "分层", tag: "标签", room: "群", segment: "人群", name: "人群（或条件）" };
const FIELD_EN: Record<SegmentField, string> = { layer: "layer", tag: "tag", room: "room", segment: "segment", name: "segment" };

export const segmentTexts = {
  /** For a reply: the message and where in the expression, e.g. "… (第 8 个字)". */
  invalidExpression: (text: string, error: SegmentError) => {
    // Never half an emoji: a lone surrogate is refused by the database when the reply is queued.
    const around = boundText(text.slice(error.position), 12).text;
    return `人群表达式有误（第 ${error.position + 1} 个字${around ? `「${around}」` : ""}）：${error.message}`;
  },
  unknownName: (field: SegmentField, value: string, suggestion: string | undefined) =>
    `未知${FIELD_LABEL[field]}「${snippet(value)}」${suggestion ? `，你是不是想写「${suggestion}」？` : ""} / unknown ${FIELD_EN[field]} ${snippet(value)}${suggestion ? ` — did you mean ${suggestion}?` : ""}`,
  savedUnparsable: (name: string, message: string) => `已保存的人群「${name}」无法解析：${message}`,
  badName: "人群名称不能含冒号、括号、空格或运算符 / bad name",
  preview: (expression: string, p: { count: number; optedOut: number; sample: readonly string[] }) =>
    `人群「${expression}」：${p.count} 人${p.optedOut ? `（另有 ${p.optedOut} 人已退订，不计入）` : ""}` +
    (p.sample.length ? `\n例如：${p.sample.join("、")}` : "") +
    `\n/ ${p.count} ${p.count === 1 ? "member" : "members"}`,
  /** `count`: the segment's members now (undefined when it cannot be previewed). */
  saved: (name: string, created: boolean, count: number | undefined) =>
    `已${created ? "保存" : "更新"}人群「${name}」${count !== undefined ? `（当前 ${count} 人）` : ""}。推送时写：推送 ${name} 内容 / Saved.`,
  list: (segments: ReadonlyArray<{ name: string; expression: string }>) =>
    segments.length
      ? `已保存的人群：\n${segments.map((s) => `· ${s.name}：${s.expression}`).join("\n")}`
      : "还没有保存的人群。用「人群 保存 名称 表达式」保存。/ No saved segments.",
};
