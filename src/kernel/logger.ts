import { type Logger, pino } from "pino";

export type { Logger };

/** Logs go to stderr as JSON lines, so stdout stays free for transcripts and the REPL. */
export function createLogger(level: string, name = "siyu"): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination({ dest: 2, sync: false }));
}
