import { hasRole, type Role } from "./roles.js";
import { type CommandSpec, headOf, type Scope } from "./spec.js";

const SCOPE_LABELS: Record<Scope, string> = { group: "群内", private: "私聊", both: "群内/私聊" };

/** "「授权」#grant": the Chinese alias people type, with the English alias. */
export function aliasLabel(spec: CommandSpec): string {
  const zh = spec.aliases.zh[0];
  const en = spec.aliases.en[0];
  return [zh ? `「${zh}」` : undefined, en ? `#${en}` : undefined].filter(Boolean).join(" ");
}

/**
 * The help text for someone with `role`: only what they may run, member commands first. Subcommands
 * share one line per head word (「秒杀 …」新建、列表…), so an operator's help fits a phone screen.
 */
export function renderHelp(specs: readonly CommandSpec[], role: Role): string {
  // A line per command, or per family: the family's line stands where its first member would.
  const lines: Array<string | { head: string; rest: string[] }> = [];
  const families = new Map<string, { head: string; rest: string[] }>();
  for (const spec of specs.filter((s) => hasRole(role, s.role))) {
    const zh = spec.aliases.zh[0] ?? "";
    if (!zh.includes(" ")) {
      lines.push(`${aliasLabel(spec)} ${spec.help}${spec.scope === "both" ? "" : `（${SCOPE_LABELS[spec.scope]}）`}`);
      continue;
    }
    const head = zh.split(" ")[0]!;
    let family = families.get(head);
    if (!family) {
      family = { head, rest: [] };
      families.set(head, family);
      lines.push(family);
    }
    family.rest.push(zh.slice(head.length + 1));
  }
  const rendered = lines.map((line) =>
    typeof line === "string" ? line : `「${line.head} …」${line.rest.join("、")}（「帮助 ${line.head}」看用法）`,
  );
  return ["可用命令 / commands:", ...rendered, "用法：发送「帮助 命令」查看，如「帮助 退订」"].join("\n");
}

/** The commands under a head word that `role` may run: 「帮助 秒杀」 answers with all of them. */
export function commandsUnder(head: string, specs: readonly CommandSpec[], role: Role): CommandSpec[] {
  const wanted = head.toLowerCase();
  return specs.filter(
    (spec) => hasRole(role, spec.role) && [...spec.aliases.zh, ...spec.aliases.en].some((alias) => headOf(alias) === wanted),
  );
}

/** One command's usage, e.g. for "帮助 授权" or after a bad argument. */
export function renderUsage(spec: CommandSpec): string {
  const en = spec.aliases.en[0];
  return `用法：${spec.usage}${en ? `（#${en}）` : ""}\n${spec.help}`;
}

/** The command table of docs/commands.md, generated from the declarations. */
export function renderCommandTable(specs: readonly CommandSpec[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = specs.map(
    (spec) =>
      `| ${spec.aliases.zh.map((a) => `\`${a}\``).join(" ")} | ${spec.aliases.en.map((a) => `\`#${a}\``).join(" ")} | \`${cell(spec.usage)}\` | ${spec.role} | ${spec.scope} | ${cell(spec.help)} |`,
  );
  return ["| 命令 | English | usage | role | where | what it does |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
