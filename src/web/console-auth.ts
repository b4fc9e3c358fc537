import type { FastifyReply, FastifyRequest } from "fastify";
import type { ConsoleSessionView } from "../features/console/index.js";
import type { PageContext } from "./pages.js";

/** What a console route knows once the session is read: who, their role, and the page's context. */
export interface ConsoleRequestContext {
  session: ConsoleSessionView;
  page: PageContext;
}

/** Reads the session (else the login redirect or a 403 page is sent, and it returns null). */
export type Authenticate = (
  request: FastifyRequest,
  reply: FastifyReply,
  minRole?: "operator" | "admin",
) => Promise<ConsoleRequestContext | null>;
