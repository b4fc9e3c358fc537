import type { AppContext } from "../../kernel/app-context.js";
import { placeholdersOf } from "../../kernel/text/fill-template.js";

/** What a welcome can fill in when a newcomer joins: their nickname and the room's name. */
export const WELCOME_PLACEHOLDERS = ["昵称", "群名"];

export type SetWelcomeOutcome = { kind: "set" } | { kind: "unknownPlaceholders"; names: string[] };

/**
 * A room's own welcome for newcomers ({昵称}, {群名}); null goes back to WELCOME_TEXT. Any other
 * placeholder would reach newcomers as typed, so the text is refused instead.
 */
export async function setWelcomeText(app: AppContext, roomId: number, text: string | null): Promise<SetWelcomeOutcome> {
  const unknown = [...new Set(placeholdersOf(text ?? ""))].filter((name) => !WELCOME_PLACEHOLDERS.includes(name));
  if (unknown.length) return { kind: "unknownPlaceholders", names: unknown };
  await app.db.room.update({ where: { id: roomId }, data: { welcomeText: text } });
  return { kind: "set" };
}
