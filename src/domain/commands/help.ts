import { hasRole, type Role } from "./roles.js";
import type { CommandSpec, Scope } from "./spec.js";

const SCOPE_LABELS: Record<Scope, string> = { group: "群内", private: "私聊", both: "群内/私聊" };

/** "「授权」#grant": the Chinese alias people type, with the English alias. */
export function aliasLabel(spec: CommandSpec): string {
  const zh = spec.aliases.zh[0];
  const en = spec.aliases.en[0];
  return [zh ? `「${zh}」` : undefined, en ? `#${en}` : undefined].filter(Boolean).join(" ");
}

/** The help text for someone with `role`: only what they may run, grouped member first. */
export function renderHelp(specs: readonly CommandSpec[], role: Role): string {
  const visible = specs.filter((spec) => hasRole(role, spec.role));
  const lines = visible.map((spec) => `${aliasLabel(spec)} ${spec.help}${spec.scope === "both" ? "" : `（${SCOPE_LABELS[spec.scope]}）`}`);
  return ["可用命令 / commands:", ...lines, "用法：发送「帮助 命令」查看，如「帮助 退订」"].join("\n");
}

/** One command's usage, e.g. for "帮助 授权" or after a bad argument. */
export function renderUsage(spec: CommandSpec): string {
  const en = spec.aliases.en[0];
  return `用法：${spec.usage}${en ? `（#${en}）` : ""}\n${spec.help}`;
}

/** The README's command table, generated from the declarations. */
export function renderCommandTable(specs: readonly CommandSpec[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = specs.map(
    (spec) =>
      `| ${spec.aliases.zh.map((a) => `\`${a}\``).join(" ")} | ${spec.aliases.en.map((a) => `\`#${a}\``).join(" ")} | \`${cell(spec.usage)}\` | ${spec.role} | ${spec.scope} | ${cell(spec.help)} |`,
  );
  return ["| 命令 | English | usage | role | where | what it does |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
