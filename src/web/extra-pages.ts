import type { FastifyInstance, FastifyReply } from "fastify";
import type { AppContext } from "../kernel/app-context.js";
import type { Authenticate } from "./console-auth.js";

export interface PageTools {
  authenticate: Authenticate;
  sendHtml(reply: FastifyReply, code: number, body: string): FastifyReply;
  sendCsv(reply: FastifyReply, name: string, csv: string): FastifyReply;
}

/** 会员分层, 社群, 会员, 内容日历. */
export function registerExtraPages(_scope: FastifyInstance, _app: AppContext, _tools: PageTools): void {}
