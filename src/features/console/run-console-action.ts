// The console's buttons: the same use cases as the chat commands, allowed to the same roles (read from
// those commands' declarations), audited the same way (the command's name; args say it came from the console).
import type { AppContext } from "../../kernel/app-context.js";
import { recordAudit } from "../../kernel/commands/record-audit.js";
import { hasRole, type Role } from "../../kernel/commands/roles.js";
import { cancelFlashSale, flashOperatorCommands } from "../flash-sales/index.js";
import {
  type ControlOutcome,
  cancelPush,
  confirm,
  confirmPush,
  pausePush,
  pushCancel,
  pushPause,
  pushResume,
  pushStatusLabel,
  resumePush,
} from "../pushes/index.js";
import { consoleTexts as texts } from "./texts.js";

export const CONSOLE_ACTIONS = ["push.confirm", "push.cancel", "push.pause", "push.resume", "flash.cancel"] as const;
export type ConsoleActionName = (typeof CONSOLE_ACTIONS)[number];

const flashCancel = flashOperatorCommands.find((c) => c.name === "flash.cancel")!;
const COMMAND_OF: Record<ConsoleActionName, { name: string; role: Role }> = {
  "push.confirm": confirm,
  "push.cancel": pushCancel,
  "push.pause": pushPause,
  "push.resume": pushResume,
  "flash.cancel": flashCancel,
};

/** Whether a role may take the action: the same role its chat command needs. */
export const mayRunAction = (role: Role, action: ConsoleActionName) => hasRole(role, COMMAND_OF[action].role);

export type ConsoleActionOutcome = { kind: "done" | "refused" | "forbidden"; message: string };

function pushAnswer(id: number, verb: string, outcome: ControlOutcome): ConsoleActionOutcome {
  switch (outcome.kind) {
    case "done":
      return { kind: "done", message: texts.pushDone(verb, id) };
    case "notFound":
      return { kind: "refused", message: texts.noSuchPush(id) };
    case "finished":
      return { kind: "refused", message: texts.pushFinished(id) };
    case "notAllowed":
      return { kind: "refused", message: texts.pushNotAllowed(id, verb, pushStatusLabel(outcome.status)) };
  }
}

/** Runs one action for an operator of the console, and writes its audit line (refusals included). */
export async function runConsoleAction(
  app: AppContext,
  actor: { memberId: number; role: Role },
  action: ConsoleActionName,
  id: number,
): Promise<ConsoleActionOutcome> {
  const command = COMMAND_OF[action];
  let result: ConsoleActionOutcome & { word?: string };
  if (!hasRole(actor.role, command.role)) result = { kind: "forbidden", message: texts.forbidden, word: "refused: role" };
  else if (action === "push.confirm") {
    const outcome = await confirmPush(app, id);
    result =
      outcome.kind === "confirmed"
        ? { kind: "done", message: texts.pushConfirmed(id) }
        : outcome.kind === "notFound"
          ? { kind: "refused", message: texts.noSuchPush(id) }
          : outcome.kind === "expired"
            ? { kind: "refused", message: texts.pushExpired(id) }
            : { kind: "refused", message: texts.pushNotAllowed(id, "确认", pushStatusLabel(outcome.status)) };
    result.word = outcome.kind;
  } else if (action === "flash.cancel") {
    const outcome = await cancelFlashSale(app, id);
    const message = {
      cancelled: texts.flashCancelled(id),
      notFound: texts.noSuchFlashSale(id),
      alreadyStarted: texts.flashStarted(id),
      notScheduled: texts.flashNotActive(id),
    }[outcome.kind];
    result = { kind: outcome.kind === "cancelled" ? "done" : "refused", message, word: outcome.kind };
  } else {
    const [run, verb] = {
      "push.cancel": [cancelPush, "取消"],
      "push.pause": [pausePush, "暂停"],
      "push.resume": [resumePush, "继续"],
    }[action] as [typeof pausePush, string];
    const outcome = await run(app, id);
    result = { ...pushAnswer(id, verb, outcome), word: outcome.kind };
  }
  await recordAudit(app.db, {
    actorId: actor.memberId,
    command: command.name,
    args: `console ${id}`,
    outcome: result.word ?? result.kind,
  }).catch((error) => app.logger.error({ err: error, action }, "console audit write failed"));
  return { kind: result.kind, message: result.message };
}
