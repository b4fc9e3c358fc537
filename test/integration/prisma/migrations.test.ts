// schema.prisma and the committed migrations must describe the same database: a model changed
// without its migration (or a hand-edited migration) fails here, not in production.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

describe("migrations", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env?.cleanup());

  it("build exactly the database schema.prisma describes", async () => {
    const diff = await promisify(execFile)(
      "node_modules/.bin/prisma",
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
      // The shadow database Prisma builds the migrations in is made through this connection.
      { env: { ...process.env, DATABASE_URL: env.config.databaseUrl } },
    ).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, out: `${error.stdout}${error.stderr}` }),
    );
    // --exit-code: 0 no difference, 2 a difference (printed), 1 an error.
    expect(diff, diff.out).toMatchObject({ code: 0 });
    expect(diff.out).toMatch(/No difference detected|empty migration/);
  });
});
