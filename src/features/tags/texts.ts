// What operators read about tags: 标签 (edit, 查看, 成员) and 群标签. Chinese first, the English alias
// after " / ". Pure formatting.
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";
import { TAG_CATEGORIES } from "./rules/tag-categories.js";

const CATEGORY_LABELS: Record<string, string> = {
  [TAG_CATEGORIES.custom]: "自定义",
  [TAG_CATEGORIES.layer]: "分层",
  [TAG_CATEGORIES.interaction]: "互动",
  [TAG_CATEGORIES.preference]: "偏好",
  [TAG_CATEGORIES.channel]: "渠道",
  [TAG_CATEGORIES.city]: "城市",
};
const SOURCE_LABELS = { manual: "手动", rule: "规则", rfm: "RFM", event: "参与" } as const;

export const tagsTexts = {
  tagWordShape: "标签写成 +VIP 或 -潜水 / +tag or -tag",
  noTagWord: "请写 +标签 或 -标签 / +tag or -tag",
  tagNameMissing: "请写标签名 / tag name",
  /** 标签 @某人 +高价值: layers are computed by RFM, never typed. */
  layerName: (names: readonly string[]) =>
    `「${names.join("、")}」是分层名：分层由 RFM 自动计算，不能手动打。查看请用「分层」，筛选请用 分层:${names[0]}。/ Layers are computed, not tags.`,
  edited: (name: string, edit: { added: readonly string[]; removed: readonly string[]; absent: readonly string[] }) => {
    const parts = [
      edit.added.length ? `加上 ${edit.added.join("、")}` : "",
      edit.removed.length ? `去掉 ${edit.removed.join("、")}` : "",
      edit.absent.length ? `（没有手动标签 ${edit.absent.join("、")}）` : "",
    ].filter(Boolean);
    return `${name}：${parts.join("，") || "标签没有变化"}。/ Tags updated.`;
  },
  memberTags: (name: string, tags: ReadonlyArray<{ source: keyof typeof SOURCE_LABELS; tag: { category: string; name: string } }>) =>
    tags.length
      ? `${name} 的标签：\n${tags.map((t) => `· [${CATEGORY_LABELS[t.tag.category] ?? t.tag.category}] ${t.tag.name}（${SOURCE_LABELS[t.source]}）`).join("\n")}`
      : `${name} 还没有标签。`,
  membersWithTag: (tag: string, count: number, names: readonly string[]) =>
    count
      ? `「${tag}」共 ${count} 人${count > names.length ? `，前${names.length}位` : ""}：${names.join("、")}`
      : `没有成员带「${snippet(tag, MAX_QUOTE)}」标签。`,

  whichRoom: "请写群名，或在群里使用 / which room?",
  whichRoomExample: "请写群名，例如 群标签 VIP群 +北京 / which room?",
  noSuchRoom: (topic: string) => `找不到群「${snippet(topic, MAX_QUOTE)}」。/ No such room.`,
  roomTags: (topic: string, tags: readonly string[]) => `「${topic}」的群标签：${tags.join("、") || "无"} / room tags`,
};
