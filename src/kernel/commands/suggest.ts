import { type CommandSpec, headOf } from "./spec.js";

// Edit distance where swapping two neighbours counts once: "hlep" is one slip from "help".
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The closest word to `word` among `candidates`, if it is close enough to be what was meant.
 *
 * @example closestWord("hlep", ["help", "status"]) // "help"
 */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a word far longer than every alias (a pasted
    // paragraph after #) costs no table of its length × the alias's.
    const allowed = Math.max(1, Math.floor(Math.max(lower.length, candidate.length) / 3));
    if (Math.abs(lower.length - candidate.length) > allowed) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(lower.length, best.candidate.length) / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}

/** For an unknown `#word`: the alias of a command the caller may run that it most likely meant. */
export function suggestAlias(word: string, specs: readonly CommandSpec[]): string | undefined {
  const firstWords = new Set(specs.flatMap((s) => [...s.aliases.zh, ...s.aliases.en]).map((alias) => alias.split(" ")[0]!));
  return closestWord(word, [...firstWords]);
}

/**
 * The subcommands under a head word, as typed: 「日历」 → 日历 下周、日历 新增 …; "flash" → #flash new ….
 * For a mistyped or missing subcommand, so the answer lists what can follow instead of guessing.
 *
 * @example subcommandsOf("分层", specs) // ["分层 重算"]
 */
export function subcommandsOf(head: string, specs: readonly CommandSpec[]): string[] {
  // The whole word typed: 「秒杀 新建」 heads nothing, though its first word heads a family.
  const wanted = head.toLowerCase();
  const under = (alias: string) => alias.includes(" ") && headOf(alias) === wanted;
  const labels = specs.flatMap((s) => [...s.aliases.zh.filter(under), ...s.aliases.en.filter(under).map((a) => `#${a}`)]);
  return [...new Set(labels)];
}
