// `npm run db:migrate`: creates the configured database if it is missing, then applies pending
// migrations with `prisma migrate deploy`. When nothing is pending the Prisma CLI is not started at
// all: it takes ~13 s here even with nothing to do, which every `npm run demo` would pay.
import { spawnSync } from "node:child_process";
import { loadConfigOrExit } from "../src/kernel/config.js";
import { ensureDatabase, PRISMA_CLI, pendingMigrations } from "../src/kernel/db/admin.js";

const config = loadConfigOrExit();
const name = new URL(config.databaseUrl).pathname.slice(1);
if (await ensureDatabase(config.databaseUrl)) process.stderr.write(`created database ${name}\n`);
const pending = await pendingMigrations(config.databaseUrl);
if (pending.length === 0) {
  process.stderr.write(`database ${name} is up to date\n`);
} else {
  process.stderr.write(`applying ${pending.length} migration(s) to ${name}…\n`);
  const { status } = spawnSync(PRISMA_CLI, ["migrate", "deploy"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: config.databaseUrl },
  });
  process.exitCode = status ?? 1;
}
