// Database-level chores the Prisma CLI does not do for us: create the database before migrating,
// and give each test run or scenario its own database, copied from a migrated template.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { databaseConnection } from "./connection.js";

const run = promisify(execFile);
// The project root: the nearest folder up with a package.json (the repo, or /app in the image, where
// this file runs compiled from dist/).
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const ROOT = projectRoot();
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");
/** The Prisma CLI of this installation. */
export const PRISMA_CLI = path.join(ROOT, "node_modules", ".bin", "prisma");

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withMaintenance<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(databaseConnection(url, { database: "postgres" }));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in `url` if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseConnection(url).database as string;
  return withMaintenance(url, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rowCount) return false;
    await client.query(`create database ${ident(name)}`);
    return true;
  });
}

/** Committed migrations not yet applied to the database at `url` (all of them on a fresh database). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const committed = (await readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  // Bounded: a start-up check must answer, not hang on a host that drops packets.
  const client = new pg.Client(databaseConnection(url, { connectionTimeoutMillis: 5000 }));
  await client.connect();
  try {
    const { rows } = await client
      .query<{ migration_name: string }>(
        "select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null",
      )
      .catch(() => ({ rows: [] as Array<{ migration_name: string }> }));
    const applied = new Set(rows.map((r) => r.migration_name));
    return committed.filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

/** Applies the committed migrations to the database at `url` with the Prisma CLI (offline). */
export async function migrate(url: string): Promise<void> {
  await run(PRISMA_CLI, ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
  });
}

async function migrationsHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of (await readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    hash.update(dir).update(await readFile(path.join(MIGRATIONS, dir, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 12);
}

/**
 * A migrated template database for the current migrations, made once and reused: copying it is far
 * quicker than migrating afresh for every test file. Safe when several processes ask at once; each
 * schema version has its own template (and lock), so checkouts on different branches never wait for,
 * or drop, each other's. Only the newest few templates are kept.
 */
export async function ensureTemplate(url: string): Promise<string> {
  const template = `siyu_tpl_${await migrationsHash()}`;
  return withMaintenance(url, async (client) => {
    const exists = async () => (await client.query("select 1 from pg_database where datname = $1", [template])).rowCount;
    if (await exists()) return template;
    await client.query("select pg_advisory_lock(hashtext($1))", [template]);
    try {
      if (await exists()) return template;
      const building = `${template}_build_${process.pid}`;
      await client.query(`drop database if exists ${ident(building)}`);
      await client.query(`create database ${ident(building)}`);
      await migrate(withDatabase(url, building));
      await client.query(`alter database ${ident(building)} rename to ${ident(template)}`);
      const old = await client.query(
        "select datname from pg_database where datname ~ '^siyu_tpl_[0-9a-f]{12}$' order by oid desc offset 5",
      );
      for (const row of old.rows) await client.query(`drop database if exists ${ident(row.datname)} with (force)`);
      return template;
    } finally {
      await client.query("select pg_advisory_unlock(hashtext($1))", [template]);
    }
  });
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own (for a test file or a scenario run), dropped by `drop()`.
 * Its name carries the process id, so leftovers of killed runs can be recognised and removed.
 */
export async function createScratchDatabase(baseUrl: string, label = "t"): Promise<ScratchDatabase> {
  const template = await ensureTemplate(baseUrl);
  const name = `siyu_${label}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withMaintenance(baseUrl, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${ident(name)} template ${ident(template)}`);
        return;
      } catch (error) {
        // Two copies of one template at the same instant can collide; a moment later they do not.
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
      }
    }
  });
  return {
    url: withDatabase(baseUrl, name),
    drop: () =>
      withMaintenance(baseUrl, async (client) => void (await client.query(`drop database if exists ${ident(name)} with (force)`))),
  };
}

/** Drops scratch databases whose process is gone (a killed test run leaves them behind). */
export async function dropOrphanScratchDatabases(baseUrl: string): Promise<number> {
  return withMaintenance(baseUrl, async (client) => {
    const { rows } = await client.query("select datname from pg_database where datname ~ '^siyu_[a-z]+_[0-9]+_[0-9a-f]{8}$'");
    let dropped = 0;
    for (const { datname } of rows as Array<{ datname: string }>) {
      const pid = Number(datname.split("_")[2]);
      if (isAlive(pid)) continue;
      await client.query(`drop database if exists ${ident(datname)} with (force)`);
      dropped++;
    }
    return dropped;
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
