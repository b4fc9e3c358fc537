import type { CommandSpec, RawArgs } from "./spec.js";

export interface CommandMatch<S extends CommandSpec = CommandSpec> {
  spec: S;
  /** The alias as written in the declaration. */
  alias: string;
  /** Typed with a leading #: a deliberate command, not a word that happens to be an alias. */
  hashed: boolean;
  raw: RawArgs;
}

export type CommandLookup<S extends CommandSpec = CommandSpec> =
  | { kind: "command"; match: CommandMatch<S> }
  /** A #-word that is no command: the router answers with a suggestion. */
  | { kind: "unknown"; word: string }
  /** Ordinary chatter: never answered. */
  | { kind: "chatter" };

// WeChat puts U+2005 after an @mention; full-width spaces and # are common on phones.
const SPACES = /[\s\u2005\u3000]+/g;
const SPACE = /[\s\u2005\u3000]/;

export function normalizeText(text: string): string {
  return text.replace(SPACES, " ").replace(/^＃/, "#").trim();
}

const CJK = /[\u3400-\u9fff]/;
// Phones end a short message with a mark: 「领券！」「帮助？」「退订。」 are still the command.
const END_MARK = /[。！？!?，,.~～…]/;

function skipSpaces(text: string, at: number): number {
  while (at < text.length && SPACE.test(text.charAt(at))) at++;
  return at;
}

/**
 * Where `phrase` ends if `text` has it at `at`, a run of any spaces standing for each space; -1 if not.
 * Between two Chinese words the space may be left out (「秒杀新建」 is 「秒杀 新建」).
 */
function phraseEnd(text: string, at: number, phrase: string, caseInsensitive: boolean): number {
  const chars = [...phrase];
  for (const [i, char] of chars.entries()) {
    if (char === " ") {
      const optional = CJK.test(chars[i - 1] ?? "") && CJK.test(chars[i + 1] ?? "");
      if (!SPACE.test(text.charAt(at)) && !optional) return -1;
      at = skipSpaces(text, at);
      continue;
    }
    const found = text.slice(at, at + char.length);
    if (caseInsensitive ? found.toLowerCase() !== char.toLowerCase() : found !== char) return -1;
    at += char.length;
  }
  return at;
}

function aliasEnd(text: string, at: number, alias: string, caseInsensitive: boolean): number {
  const end = phraseEnd(text, at, alias, caseInsensitive);
  if (end < 0) return -1;
  const next = text.charAt(end);
  // "抢12" is a grab, "帮助我" is chatter: after a Chinese alias only a digit may follow directly.
  // Closing marks may, when nothing follows them: 「帮助，我想问…」 stays chatter.
  if (END_MARK.test(next)) {
    let after = end;
    while (END_MARK.test(text.charAt(after))) after++;
    return skipSpaces(text, after) === text.length ? after : -1;
  }
  return next === "" || SPACE.test(next) || (CJK.test(alias.charAt(alias.length - 1)) && /[\d０-９]/.test(next)) ? end : -1;
}

/**
 * Splits arguments on white space, except that a mention of a member whose name has spaces
 * (`@Alice Chen`) stays one word.
 */
function splitWords(text: string, mentionNames: readonly string[]): string[] {
  const names = [...mentionNames].sort((a, b) => b.length - a.length);
  const words: string[] = [];
  for (let at = skipSpaces(text, 0); at < text.length; ) {
    const endsAt = (n: string) => at + 1 + n.length === text.length || SPACE.test(text.charAt(at + 1 + n.length));
    const name = text.charAt(at) === "@" ? names.find((n) => text.startsWith(n, at + 1) && endsAt(n)) : undefined;
    let end = name === undefined ? at : at + 1 + name.length;
    if (name === undefined) while (end < text.length && !SPACE.test(text.charAt(end))) end++;
    words.push(text.slice(at, end));
    at = skipSpaces(text, end);
  }
  return words;
}

/**
 * Finds the command a message asks for. Strips a leading mention of the bot itself. Only the head
 * (mention, #, alias) is normalised: the arguments keep the text as typed, line breaks included,
 * and `mentionNames` (the message's real mentions) keep `@Alice Chen` one word.
 *
 * @example lookupCommand("#秒杀 新建 牙刷 价99", specs) // { kind: "command", match: { spec: flash.new, … } }
 */
export function lookupCommand<S extends CommandSpec>(
  text: string,
  specs: readonly S[],
  botName?: string,
  mentionNames: readonly string[] = [],
): CommandLookup<S> {
  let at = skipSpaces(text, 0);
  const afterBot = botName ? phraseEnd(text, at, `@${botName}`, false) : -1;
  if (afterBot >= 0) at = skipSpaces(text, afterBot);
  const hashed = text.charAt(at) === "#" || text.charAt(at) === "＃";
  if (hashed) at = skipSpaces(text, at + 1);

  let best: { spec: S; alias: string; end: number } | undefined;
  for (const spec of specs) {
    const candidates = [
      ...spec.aliases.zh.map((a) => ({ a, ci: false })),
      ...(hashed ? spec.aliases.en.map((a) => ({ a, ci: true })) : []),
    ];
    for (const { a, ci } of candidates) {
      const end = aliasEnd(text, at, a, ci);
      if (end >= 0 && (!best || a.length > best.alias.length)) best = { spec, alias: a, end };
    }
  }
  if (best) {
    // U+2005 only ends a mention; in the arguments it is an ordinary space.
    const rest = text
      .slice(best.end)
      .replace(/\u2005/g, " ")
      .trim();
    const raw = { text: rest, words: splitWords(rest, mentionNames) };
    return { kind: "command", match: { spec: best.spec, alias: best.alias, hashed, raw } };
  }
  const word = normalizeText(text.slice(at)).split(" ")[0]!;
  if (hashed && word.length > 0) return { kind: "unknown", word };
  return { kind: "chatter" };
}

/** The default argument parser: words to positional names; "name..." takes the rest. */
export function positionalArgs(raw: RawArgs, names: readonly string[] = []): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  names.forEach((name, index) => {
    if (name.endsWith("...")) {
      const rest = textAfterWords(raw, index);
      out[name.slice(0, -3)] = rest === "" ? undefined : rest;
    } else {
      out[name] = raw.words[index];
    }
  });
  return out;
}

/** The arguments' text after the first `count` words, as typed (line breaks kept). */
function textAfterWords(raw: RawArgs, count: number): string {
  let at = 0;
  for (const word of raw.words.slice(0, count)) {
    const found = raw.text.indexOf(word, at);
    if (found < 0) return raw.words.slice(count).join(" ");
    at = found + word.length;
  }
  return raw.text.slice(at).trim();
}
