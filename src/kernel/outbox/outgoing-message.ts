import type { MessageKind } from "./message-kind.js";

/** Where a message goes: a member's private chat or a room, by our ids (the outbox resolves WeChat ids). */
export type Recipient = { memberId: number } | { roomId: number };

export interface OutgoingMessage {
  kind: MessageKind;
  to: Recipient;
  text: string;
  /** Makes sending idempotent: a second message with the same key is not sent again. */
  dedupeKey?: string;
  /** What it belongs to, for reports (e.g. "push:12"). */
  campaign?: string;
  /** Do not send before this instant (reminders, scheduled posts). */
  notBefore?: Date;
  /**
   * Worthless after this instant (a sale's end, a live stream's start): the sender skips it as
   * `expired`, or as `quiet_hours_expired` / `daily_cap` when a deferral would carry it past this.
   */
  validUntil?: Date;
}

export interface QueuedDelivery {
  deliveryId: bigint;
  /** False when the dedupe key had been used already: nothing new was queued. */
  created: boolean;
  /** A new row's account (docs/fleet.md); null when it was skipped as `no_account`. */
  account?: string | null;
}

/**
 * The one way to send anything. Implementations record a delivery row and queue it for the sender,
 * which applies the governor (rate, jitter, caps, quiet hours, opt-outs, circuit breaker).
 */
export interface Outbox {
  send(message: OutgoingMessage): Promise<QueuedDelivery>;
  /** Many at once (fan-outs): one insert and one bulk enqueue. */
  sendMany(messages: readonly OutgoingMessage[]): Promise<QueuedDelivery[]>;
  /** Messages decided against before sending (a fan-out's member at cap): rows for the reports, never queued. */
  recordSkipped(skipped: ReadonlyArray<{ message: OutgoingMessage; reason: string }>): Promise<void>;
}
