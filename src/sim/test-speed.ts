// The governor at test speed: what the scenario runner and the tests run with unless told otherwise.
// Quiet hours off, no jitter, a rate no test waits for, quick retries, and no reply digest: tests and
// scenarios answer one member after another within seconds, which the digest would take for a burst and
// hold for its window (the digest's own tests turn it on).
export const TEST_SPEED_ENV: Record<string, string> = {
  OUTBOX_RATE_PER_MINUTE: "6000",
  OUTBOX_BURST: "100",
  OUTBOX_JITTER_MS: "0-0",
  OUTBOX_BACKOFF_MS: "50",
  QUIET_HOURS: "off",
  REPLY_DIGEST_WINDOW_MS: "0",
  LOG_LEVEL: "warn",
};
