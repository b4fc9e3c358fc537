// The RFM layers of docs/domain.md. A member's layer is a tag of category "layer" whose name is
// the Chinese word below; segments accept the English key too (layer:at_risk ≡ 分层:流失风险).

export const LAYERS = [
  { key: "high_value", name: "高价值" },
  { key: "potential", name: "潜力" },
  { key: "new", name: "新用户" },
  { key: "at_risk", name: "流失风险" },
  { key: "lost", name: "流失" },
] as const;

export type LayerKey = (typeof LAYERS)[number]["key"];

/** The layer meant by a Chinese name or an English key, if any. */
export function findLayer(word: string): (typeof LAYERS)[number] | undefined {
  const lower = word.toLowerCase();
  return LAYERS.find((layer) => layer.name === word || layer.key === lower);
}
