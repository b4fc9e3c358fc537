import type { Db } from "../db/client.js";

export interface AuditEntry {
  actorId: number;
  roomId?: number;
  command: string;
  args: string;
  outcome: string;
}

/** Every operator command, and every refused attempt at one, leaves a line: who, where, what, outcome. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      roomId: entry.roomId ?? null,
      command: entry.command,
      args: entry.args.slice(0, 500),
      outcome: entry.outcome.slice(0, 200),
    },
  });
}
