import type { MessageSender, SendTarget } from "../../src/kernel/outbox/message-sender.js";

export interface RecordedSend {
  target: SendTarget;
  text: string;
  at: number;
}

/**
 * A MessageSender for outbox tests: records every send; `failNext(text, n)` makes the next n sends of
 * a text throw (an Error with `failure`, or what `failure` makes of the target).
 */
export class RecordingSender implements MessageSender {
  readonly sends: RecordedSend[] = [];
  private readonly failures = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  failNext(text: string, times: number, failure: string | ((target: SendTarget) => Error) = "操作过于频繁，请稍后再试"): void {
    this.failures.set(text, times);
    this.failure = failure;
  }
  private failure: string | ((target: SendTarget) => Error) = "";

  async send(target: SendTarget, text: string): Promise<void> {
    const remaining = this.failures.get(text) ?? 0;
    if (remaining > 0) {
      this.failures.set(text, remaining - 1);
      throw typeof this.failure === "string" ? new Error(this.failure) : this.failure(target);
    }
    this.sends.push({ target, text, at: Date.now() });
    for (const wake of this.waiters) wake();
  }

  /** Resolves when `count` sends have been recorded (or rejects after `ms`). */
  async waitForCount(count: number, ms = 20_000): Promise<void> {
    if (this.sends.length >= count) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`only ${this.sends.length} of ${count} sends within ${ms} ms`));
      }, ms);
      const check = () => {
        if (this.sends.length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }
}
