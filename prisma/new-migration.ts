// `npm run db:new-migration -- NAME`: authors the next migration offline. Prisma diffs what the
// committed migrations build (in a throw-away shadow database) against schema.prisma and writes the
// SQL to prisma/migrations/<UTC timestamp>_NAME/migration.sql. Read it, then commit it with the schema.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: npm run db:new-migration -- name_in_snake_case\n");
  process.exit(2);
}

const { stdout } = await promisify(execFile)(
  path.join("node_modules", ".bin", "prisma"),
  ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { maxBuffer: 64 * 1024 * 1024 },
);
if (!stdout.trim() || stdout.includes("This is an empty migration")) {
  process.stderr.write("schema.prisma and the migrations agree: nothing to migrate.\n");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), stdout);
process.stdout.write(`wrote ${dir}/migration.sql — review it, run npm run db:migrate, commit both.\n`);
