// A unique constraint refused a write: how the idempotent writes (one ticket, one check-in, one ledger
// entry, one claim per source) learn that the row is already there.
import { Prisma } from "./client.js";

/** True when `error` is Prisma's unique-constraint violation (P2002). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
