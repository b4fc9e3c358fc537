import type { z } from "zod";
import type { Role } from "./roles.js";

export type Scope = "group" | "private" | "both";

/** What a command receives besides its parsed arguments: the words after the command's alias. */
export interface RawArgs {
  /** The text after the alias as typed (line breaks kept), trimmed. */
  text: string;
  /** `text` split on white space; `@name` mentions stay as words, spaces in the name included. */
  words: string[];
}

/**
 * A command as declared: everything the router, the help and docs/commands.md need, no behaviour.
 * Subcommands are commands with multi-word aliases (`秒杀 新建`); the longest alias wins.
 */
export interface CommandSpec<A = unknown> {
  /** Stable id, also the English alias's default, e.g. "help", "flash.new". */
  name: string;
  /** Chinese aliases work bare or after #; English ones only after # (so chatter is never a command). */
  aliases: { zh: string[]; en: string[] };
  /** One line of what to type, with placeholders, e.g. "授权 @某人 运营|管理员". */
  usage: string;
  /** What it does, one short line in Chinese. */
  help: string;
  role: Role;
  scope: Scope;
  /** Validates the arguments; its messages are shown to the person, so write them in Chinese. */
  args: z.ZodType<A>;
  /** Turns the raw words into the object `args` validates. Default: `positional` names, in order. */
  parseArgs?: (raw: RawArgs) => unknown;
  /** Names for the words in order; a name ending in "..." takes the rest of the text. */
  positional?: string[];
}

/** The first word of an alias, lower-cased: 「秒杀 新建」 → 秒杀, "flash new" → flash. Families of subcommands share it. */
export function headOf(alias: string): string {
  return alias.split(" ")[0]!.toLowerCase();
}
