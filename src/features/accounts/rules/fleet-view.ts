// What 账号 shows of one account (pure: filled by read-fleet.ts, formatted by texts.ts).

export interface AccountView {
  name: string;
  state: "online" | "offline" | "limited" | "retired";
  primaryRooms: number;
  standbyRooms: number;
  /** Deliveries waiting in its outbox queue (waiting, delayed or in hand). */
  queued: number;
  sentToday: number;
  /** Marketing sent today (pushes, announcements, …), against the push cap. */
  marketingToday: number;
  pushCap: number;
  breakerOpenMs: number;
  lastSeenAt: Date | null;
  holder: string | null;
}
