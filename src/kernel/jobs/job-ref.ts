import type { z } from "zod";

/**
 * What a producer needs to queue a kind of job: its id (the queue's name) and its payload schema.
 * The handler lives in jobs/; services queue by reference, so imports still point one way
 * (jobs/ → services/ → domain/).
 */
export interface JobRef<P> {
  id: string;
  payload: z.ZodType<P>;
  /** Tries before the job is given up (with exponential back-off); default 3. */
  attempts?: number;
}

export function jobRef<P>(id: string, payload: z.ZodType<P>, options: { attempts?: number } = {}): JobRef<P> {
  return { id, payload, ...options };
}
