// What one failover moved: the owner's alert and the log line are made from it.

export type DropReason = "logged_out" | "lease_lapsed" | "breaker_open";

export interface AccountFailover {
  account: string;
  reason: DropReason;
  /** Rooms whose primary role moved, with the account that took it. */
  rooms: Array<{ roomId: number; topic: string; to: string }>;
  /** Queued deliveries moved, by the account they moved to. */
  deliveries: Record<string, number>;
}
