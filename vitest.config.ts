import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Each file gets its own database and Redis prefix, so files run in parallel safely.
    pool: "forks",
    testTimeout: 30_000,
    // A poll waits for a signal: its deadline only matters when the signal never comes, and two
    // loaded CI cores can take longer than vitest's 1 s default to process one more job.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
