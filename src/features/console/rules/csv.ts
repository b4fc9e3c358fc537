// CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF lines, every
// field quoted when it holds a comma, quote or line break. A field starting with = + - @ is prefixed
// with ' so a spreadsheet never runs it as a formula (member names are untrusted).

export const BOM = "\uFEFF";

export type CsvValue = string | number | bigint | boolean | null | undefined | Date;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** @example toCsv(["名称", "数量"], [["满200减30", 3]]) // "\uFEFF名称,数量\r\n满200减30,3\r\n" */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(field).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
