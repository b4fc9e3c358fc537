// The governor at test speed: what the scenario runner and the tests run with unless told otherwise.
// Quiet hours off, no jitter, a rate no test waits for, quick retries.
export const TEST_SPEED_ENV: Record<string, string> = {
  OUTBOX_RATE_PER_MINUTE: "6000",
  OUTBOX_BURST: "100",
  OUTBOX_JITTER_MS: "0-0",
  OUTBOX_BACKOFF_MS: "50",
  QUIET_HOURS: "off",
  LOG_LEVEL: "warn",
};
