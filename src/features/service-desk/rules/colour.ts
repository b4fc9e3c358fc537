// A ticket's colour is its first-response promise (red 1 h, yellow 4 h, green 24 h by default). Pure.

export const COLOURS = ["red", "yellow", "green"] as const;
export type Colour = (typeof COLOURS)[number];

export const COLOUR_LABELS: Record<Colour, string> = { red: "红", yellow: "黄", green: "绿" };

/** The words an operator types for a colour (改色): 红/黄/绿, 红色…, red/yellow/green. */
const COLOUR_WORDS: Record<string, Colour> = {
  红: "red",
  红色: "red",
  red: "red",
  黄: "yellow",
  黄色: "yellow",
  yellow: "yellow",
  绿: "green",
  绿色: "green",
  green: "green",
};

export function parseColour(word: string): Colour | undefined {
  return COLOUR_WORDS[word.trim().toLowerCase()];
}

/** Whether any keyword occurs in the text (plain substring search: linear, no regex on chat text). */
export function mentionsAny(text: string, words: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return words.some((word) => word.length > 0 && lower.includes(word.toLowerCase()));
}

/** One step more urgent: green → yellow → red. */
export function raise(colour: Colour): Colour {
  return colour === "green" ? "yellow" : "red";
}

/**
 * The colour of a new ticket: red words first, then yellow words, else green; one step up for the
 * 高价值 layer.
 *
 * @example colourFor("我的牙刷坏了", { redWords: ["坏了"], yellowWords: [] }, false) // "red"
 * @example colourFor("你好", { redWords: [], yellowWords: [] }, true) // "yellow"
 */
export function colourFor(
  text: string,
  rules: { redWords: readonly string[]; yellowWords: readonly string[] },
  highValue: boolean,
): Colour {
  const base: Colour = mentionsAny(text, rules.redWords) ? "red" : mentionsAny(text, rules.yellowWords) ? "yellow" : "green";
  return highValue ? raise(base) : base;
}
