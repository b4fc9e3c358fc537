// The Prisma CLI's configuration. Prisma's Rust schema engine cannot be downloaded on our machines,
// so the CLI runs its bundled WebAssembly engine through the pg driver adapter (engine: "js").
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { applyCliPgWorkarounds } from "./prisma/cli-pg-workarounds.js";
import { DEFAULT_DATABASE_URL } from "./src/kernel/config.js";
import { databaseConnection } from "./src/kernel/db/connection.js";

applyCliPgWorkarounds();
// schema.prisma reads env("DATABASE_URL"); `prisma generate` on a fresh clone must work without it.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg(databaseConnection(process.env.DATABASE_URL)),
});
