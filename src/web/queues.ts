// 队列: bull-board (@bull-board/fastify) behind the console's login, owner and admins only, read-only
// (its retry/clean buttons would be state-changing requests without our CSRF token: refused instead).
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../kernel/app-context.js";
import type { Authenticate } from "./console-auth.js";
import { messagePage } from "./pages.js";

export async function registerQueues(scope: FastifyInstance, app: AppContext, authenticate: Authenticate): Promise<void> {
  await scope.register(
    async (queues) => {
      queues.addHook("onRequest", async (request, reply) => {
        const auth = await authenticate(request, reply, "admin");
        if (!auth) return reply;
        if (request.method !== "GET" && request.method !== "HEAD") {
          return reply
            .code(405)
            .type("text/html; charset=utf-8")
            .send(messagePage("只读 / Read-only", "队列页只能查看。/ The queues page is read-only."));
        }
        // bull-board's page boots with an inline script of its own.
        reply.header(
          "content-security-policy",
          "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        );
      });
      const board = new FastifyAdapter();
      const ids = Object.keys(app.jobs.labels());
      createBullBoard({
        queues: [app.outboxQueue, ...ids.map((id) => app.jobs.queue(id))].map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
        serverAdapter: board,
        options: { uiConfig: { boardTitle: "思域队列" } },
      });
      board.setBasePath("/console/queues");
      await queues.register(board.registerPlugin());
    },
    { prefix: "/queues" },
  );
}
