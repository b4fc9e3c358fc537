// Console logins and sessions. A login code (后台) and a session token are CSPRNG strings; only their
// SHA-256 is stored, so a leaked database row logs nobody in. The role is read again on every request:
// revoking it ends the console at once.
import { createHash } from "node:crypto";
import type { AppContext } from "../../kernel/app-context.js";
import { randomCode } from "../../kernel/codes/random-code.js";
import { resolveRole } from "../../kernel/commands/resolve-role.js";
import { hasRole, type Role } from "../../kernel/commands/roles.js";
import type { Member } from "../../kernel/db/client.js";

/** 20 characters of a 31-letter alphabet: ~99 bits. */
export const LOGIN_CODE_LENGTH = 20;
const TOKEN_LENGTH = 32;
const CODE_SHAPE = /^[0-9A-Z]{20}$/;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The console's address, login page included. */
export const consoleUrl = (app: AppContext, path = "") => `${app.config.console.publicUrl}/console${path}`;

/** 后台: a one-time login link for this member, valid CONSOLE_CODE_MINUTES. */
export async function issueLoginCode(app: AppContext, memberId: number): Promise<{ code: string; link: string; expiresAt: Date }> {
  const code = randomCode(LOGIN_CODE_LENGTH);
  const expiresAt = new Date(app.clock.now().getTime() + app.config.console.codeTtlMs);
  await app.db.consoleLoginCode.create({ data: { codeHash: hashSecret(code), memberId, expiresAt } });
  return { code, link: consoleUrl(app, `/login?code=${code}`), expiresAt };
}

export type LoginOutcome =
  | { kind: "started"; token: string; csrfToken: string; expiresAt: Date; memberId: number }
  /** Never issued (or mistyped). */
  | { kind: "invalid" }
  | { kind: "expired" }
  | { kind: "used" }
  /** The browser holds a session of another member: a code logs in only the member it was sent to. */
  | { kind: "otherMember" }
  /** The member has no operator role (any more). */
  | { kind: "noRole" };

/** Opening the link: the code is used once (claimed in one conditional update), then a session starts. */
export async function redeemLoginCode(app: AppContext, code: string, current?: { memberId: number }): Promise<LoginOutcome> {
  if (!CODE_SHAPE.test(code)) return { kind: "invalid" };
  const row = await app.db.consoleLoginCode.findUnique({ where: { codeHash: hashSecret(code) } });
  if (!row) return { kind: "invalid" };
  const now = app.clock.now();
  if (row.usedAt) return { kind: "used" };
  if (row.expiresAt <= now) return { kind: "expired" };
  if (current && current.memberId !== row.memberId) return { kind: "otherMember" };
  const claimed = await app.db.consoleLoginCode.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count === 0) return { kind: "used" };
  const member = await app.db.member.findUnique({ where: { id: row.memberId } });
  if (!member || !hasRole(await resolveRole(app.db, app.config.ownerWechatId, member), "operator")) return { kind: "noRole" };
  const token = randomCode(TOKEN_LENGTH);
  const csrfToken = randomCode(TOKEN_LENGTH);
  const expiresAt = new Date(now.getTime() + app.config.console.sessionTtlMs);
  await app.db.consoleSession.create({ data: { tokenHash: hashSecret(token), memberId: member.id, csrfToken, expiresAt } });
  return { kind: "started", token, csrfToken, expiresAt, memberId: member.id };
}

export interface ConsoleSessionView {
  sessionId: number;
  member: Member;
  role: Role;
  csrfToken: string;
  expiresAt: Date;
}

/** The session a cookie names, if it is live and its member still has a role (else all of theirs end). */
export async function readConsoleSession(app: AppContext, token: string | undefined): Promise<ConsoleSessionView | undefined> {
  if (!token || token.length !== TOKEN_LENGTH) return undefined;
  const now = app.clock.now();
  const session = await app.db.consoleSession.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!session || session.revokedAt || session.expiresAt <= now) return undefined;
  const member = await app.db.member.findUnique({ where: { id: session.memberId } });
  if (!member) return undefined;
  const role = await resolveRole(app.db, app.config.ownerWechatId, member);
  if (!hasRole(role, "operator")) {
    await endConsoleSessions(app, member.id);
    return undefined;
  }
  return { sessionId: session.id, member, role, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

/** 后台 退出: every live session of the member ends. Returns how many. */
export async function endConsoleSessions(app: AppContext, memberId: number): Promise<number> {
  const now = app.clock.now();
  const { count } = await app.db.consoleSession.updateMany({
    where: { memberId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return count;
}

/** Ends one session (the page's 退出 button). */
export async function endConsoleSession(app: AppContext, sessionId: number): Promise<void> {
  await app.db.consoleSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: app.clock.now() } });
}
