import type { Logger } from "../kernel/logger.js";

/**
 * Stops gracefully on SIGTERM/SIGINT: `stop` finishes the work in hand and closes connections.
 * A second signal, or a stop that hangs past the grace period, exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, graceMs = 30_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "stopping: finishing work in hand");
    const timer = setTimeout(() => {
      logger.error("graceful stop timed out");
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => {
        logger.flush?.();
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
