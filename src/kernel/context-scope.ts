// Things that live as long as one app context and are shared by everything using it: a sale's gate over
// this context's Redis, a batcher that groups concurrent grabs. They used to sit in module-level WeakMaps
// keyed by the Redis client; on the context they are found, typed and closed in one place.

/**
 * A named, typed slot on the app context, filled on first use.
 *
 * @example
 * const FLASH_GATE = scopedKey("flash-gate", (app) => new FlashGate(app.redis, app.key));
 * app.scoped(FLASH_GATE).grab(…)
 */
export interface ScopedKey<T, Deps = unknown> {
  readonly name: string;
  make(deps: Deps): T;
}

export function scopedKey<T, Deps = unknown>(name: string, make: (deps: Deps) => T): ScopedKey<T, Deps> {
  return { name, make };
}

/** The slots of one context. */
export class ContextScope<Deps> {
  private readonly values = new Map<ScopedKey<unknown, never>, unknown>();

  constructor(private readonly deps: () => Deps) {}

  get<T>(key: ScopedKey<T, Deps>): T {
    if (!this.values.has(key)) this.values.set(key, key.make(this.deps()));
    return this.values.get(key) as T;
  }
}
