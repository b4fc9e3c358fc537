// The processes that serve (bot, worker, shop API) start only on a reachable database that has every
// committed migration: otherwise each job and handler would fail on its own, over and over, in the logs.
import type { Config } from "../kernel/config.js";
import { pendingMigrations } from "../kernel/db/admin.js";

export async function requireMigratedDatabase(config: Config): Promise<void> {
  let pending: string[];
  try {
    pending = await pendingMigrations(config.databaseUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `连不上数据库（DATABASE_URL）：${reason}\nCannot reach the database: check DATABASE_URL and that PostgreSQL is running.\n`,
    );
    process.exit(1);
  }
  if (pending.length === 0) return;
  process.stderr.write(
    `数据库还差 ${pending.length} 个迁移（${pending.join(", ")}）：先运行 npm run db:migrate。\n` +
      `The database is behind its migrations: run npm run db:migrate first.\n`,
  );
  process.exit(1);
}
