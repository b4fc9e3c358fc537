// Once per test run: remove databases left by killed runs, and migrate the template every test
// file's database is copied from (so parallel files do not race to build it).
import { loadConfig } from "../../src/kernel/config.js";
import { dropOrphanScratchDatabases, ensureTemplate } from "../../src/kernel/db/admin.js";

export default async function setup(): Promise<void> {
  const { databaseUrl } = loadConfig();
  await dropOrphanScratchDatabases(databaseUrl);
  await ensureTemplate(databaseUrl);
}
