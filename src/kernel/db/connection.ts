import type { PoolConfig } from "pg";

/**
 * Turns a postgres:// URL into pg's discrete fields. The Prisma pg adapter behaves better with
 * fields than with a connection string wherever it derives a second database from the config.
 *
 * @example databaseConnection("postgresql://postgres@127.0.0.1:5432/siyu") // { host: "127.0.0.1", … }
 */
export function databaseConnection(url: string | undefined, extra: PoolConfig = {}): PoolConfig {
  if (!url) throw new Error("DATABASE_URL is not set");
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || "postgres",
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    ...extra,
  };
}
