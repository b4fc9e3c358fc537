import type { CommandSpec, RawArgs } from "./spec.js";

export interface CommandMatch<S extends CommandSpec = CommandSpec> {
  spec: S;
  /** The alias as written in the declaration. */
  alias: string;
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

export function normalizeText(text: string): string {
  return text.replace(SPACES, " ").replace(/^＃/, "#").trim();
}

const CJK = /[\u3400-\u9fff]/;

function aliasMatches(body: string, alias: string, caseInsensitive: boolean): boolean {
  const head = body.slice(0, alias.length);
  if (caseInsensitive ? head.toLowerCase() !== alias.toLowerCase() : head !== alias) return false;
  const next = body.charAt(alias.length);
  // "抢12" is a grab, "帮助我" is chatter: after a Chinese alias only a digit may follow directly.
  return next === "" || next === " " || (CJK.test(alias.charAt(alias.length - 1)) && /\d/.test(next));
}

/**
 * Finds the command a message asks for. Strips a leading mention of the bot itself.
 *
 * @example lookupCommand("#秒杀 新建 牙刷 价99", specs) // { kind: "command", match: { spec: flash.new, … } }
 */
export function lookupCommand<S extends CommandSpec>(text: string, specs: readonly S[], botName?: string): CommandLookup<S> {
  let body = normalizeText(text);
  if (botName && body.startsWith(`@${botName}`)) body = body.slice(botName.length + 1).trim();
  const hashed = body.startsWith("#");
  if (hashed) body = body.slice(1).trim();

  let best: { spec: S; alias: string } | undefined;
  for (const spec of specs) {
    const candidates = [...spec.aliases.zh.map((a) => ({ a, ci: false })), ...(hashed ? spec.aliases.en.map((a) => ({ a, ci: true })) : [])];
    for (const { a, ci } of candidates) {
      if (aliasMatches(body, a, ci) && (!best || a.length > best.alias.length)) best = { spec, alias: a };
    }
  }
  if (best) {
    const rest = body.slice(best.alias.length).trim();
    return { kind: "command", match: { spec: best.spec, alias: best.alias, raw: { text: rest, words: rest ? rest.split(" ") : [] } } };
  }
  if (hashed && body.length > 0) return { kind: "unknown", word: body.split(" ")[0]! };
  return { kind: "chatter" };
}

/** The default argument parser: words to positional names; "name..." takes the rest. */
export function positionalArgs(raw: RawArgs, names: readonly string[] = []): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  names.forEach((name, index) => {
    if (name.endsWith("...")) {
      const rest = raw.words.slice(index).join(" ");
      out[name.slice(0, -3)] = rest === "" ? undefined : rest;
    } else {
      out[name] = raw.words[index];
    }
  });
  return out;
}
