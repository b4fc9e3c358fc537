// Agents: an operator says 值班 / 下班 (on duty or not); 专属 gives a member a dedicated agent.
import type { AppContext } from "../../kernel/app-context.js";
import type { Role } from "../../kernel/commands/roles.js";
import type { Member } from "../../kernel/db/client.js";

/** Marks the operator as an agent on or off duty (an agent is an operator with this flag: see index.ts). */
export async function setDuty(app: AppContext, agent: Member, onDuty: boolean): Promise<void> {
  await app.db.serviceAgent.upsert({ where: { memberId: agent.id }, create: { memberId: agent.id, onDuty }, update: { onDuty } });
}

export type DedicateOutcome = { kind: "notAnAgent" } | { kind: "dedicated" };

export async function setDedicatedAgent(app: AppContext, member: Member, agent: { member: Member; role: Role }): Promise<DedicateOutcome> {
  if (agent.role === "member") return { kind: "notAnAgent" };
  await app.db.serviceAgent.upsert({ where: { memberId: agent.member.id }, create: { memberId: agent.member.id }, update: {} });
  await app.db.dedicatedAgent.upsert({
    where: { memberId: member.id },
    create: { memberId: member.id, agentId: agent.member.id, assignedAt: app.clock.now() },
    update: { agentId: agent.member.id, assignedAt: app.clock.now() },
  });
  return { kind: "dedicated" };
}

/** A member's dedicated agent, by name (their profile line). */
export async function dedicatedAgentOf(app: AppContext, memberId: number): Promise<Member | null> {
  const row = await app.db.dedicatedAgent.findUnique({ where: { memberId } });
  return row ? app.db.member.findUnique({ where: { id: row.agentId } }) : null;
}
