// `npm run import:calendar -- FILE.csv`: a month's content plan into the calendar. Columns (header row):
// kind (文章/直播/互动/投票), title, when (每周一三五 20:00 | 11-25 20:00 | cron), rooms (VIP群,北京1群),
// room_tag, link, body, options (A/B/C). Every row is checked; bad rows are listed, good ones added.
// Importing a file again adds nothing: a row matching an active item (kind, title, time, rooms) is a
// `duplicate`, listed but not an error.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { addCalendarItem, parseCalendarDraft } from "../features/calendar/index.js";
import { createAppContext } from "../kernel/app-context.js";
import { loadConfigOrExit } from "../kernel/config.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run import:calendar -- FILE.csv\n");
  process.exit(2);
}
const rows = parse(await readFile(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<
  Record<string, string>
>;
const app = createAppContext(loadConfigOrExit());
let added = 0;
const problems: string[] = [];
const duplicates: string[] = [];
try {
  for (const [index, row] of rows.entries()) {
    // Reuse the command's reader so the CSV and the chat accept exactly the same things.
    const parts = [
      row.kind ?? "",
      row.title ?? "",
      `时间:${row.when ?? ""}`,
      row.rooms ? `群:${row.rooms}` : "",
      row.room_tag ? `群标签:${row.room_tag}` : "",
      row.link ? `链接:${row.link}` : "",
      row.options ? `选项:${row.options}` : "",
      row.body ? `内容:${row.body}` : "",
    ];
    const parsed = parseCalendarDraft(parts.filter(Boolean).join(" "));
    const outcome = parsed.ok ? await addCalendarItem(app, parsed.draft) : { kind: "invalid" as const, message: parsed.message };
    if (outcome.kind === "added") added++;
    else if (outcome.kind === "duplicate") duplicates.push(`row ${index + 2}: duplicate (#${outcome.itemId})`);
    else problems.push(`row ${index + 2}: ${outcome.message}`);
  }
} finally {
  await app.close();
}
process.stdout.write(
  `imported ${added} of ${rows.length} calendar items${duplicates.length ? `, ${duplicates.length} duplicate` : ""}\n` +
    [...problems, ...duplicates].map((p) => `  ${p}\n`).join(""),
);
process.exit(problems.length ? 1 : 0);
