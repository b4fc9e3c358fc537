// A vocabulary a pure module lists (rules import no Prisma) must be the database enum's word for word: a
// word added to one and not the other fails here, at compile time (the type checks) and when run.
import { describe, expect, it } from "vitest";
import { CALENDAR_KINDS, type CalendarKind } from "../../../src/features/calendar/rules/calendar-item.js";
import {
  PUSH_AUDIENCES,
  PUSH_STATUSES,
  type PushAudience,
  type PushStatus,
  pushStatusLabel,
} from "../../../src/features/pushes/rules/push-status.js";
import { WINBACK_RUN_STATUSES, type WinbackRunStatus } from "../../../src/features/winback/rules/winback-run-status.js";
import { $Enums } from "../../../src/kernel/db/generated/client.js";
import { MESSAGE_KIND_LABELS, MESSAGE_KINDS, type MessageKind } from "../../../src/kernel/outbox/message-kind.js";

type SameWords<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only when the two unions hold the same words. */
const sameWords = <A, B>(proof: SameWords<A, B>) => proof;
const sorted = (words: readonly string[]) => [...words].sort();

describe("vocabularies declared in code and in schema.prisma", () => {
  it("message kinds (deliveries.kind)", () => {
    expect(sameWords<MessageKind, $Enums.MessageKind>(true)).toBe(true);
    expect(sorted(MESSAGE_KINDS)).toEqual(sorted(Object.values($Enums.MessageKind)));
    expect(sorted(Object.keys(MESSAGE_KIND_LABELS))).toEqual(sorted(MESSAGE_KINDS));
  });

  it("calendar item kinds (calendar_items.kind)", () => {
    expect(sameWords<CalendarKind, $Enums.CalendarKind>(true)).toBe(true);
    expect(sorted(CALENDAR_KINDS)).toEqual(sorted(Object.values($Enums.CalendarKind)));
  });

  it("push statuses and audiences (pushes.status, pushes.audience), every status with an operator's label", () => {
    expect(sameWords<PushStatus, $Enums.PushStatus>(true)).toBe(true);
    expect(sameWords<PushAudience, $Enums.PushAudience>(true)).toBe(true);
    expect(sorted(PUSH_STATUSES)).toEqual(sorted(Object.values($Enums.PushStatus)));
    expect(sorted(PUSH_AUDIENCES)).toEqual(sorted(Object.values($Enums.PushAudience)));
    for (const status of PUSH_STATUSES) expect(pushStatusLabel(status), status).not.toBe(status);
  });

  it("win-back run statuses (winback_runs.status)", () => {
    expect(sameWords<WinbackRunStatus, $Enums.WinbackRunStatus>(true)).toBe(true);
    expect(sorted(WINBACK_RUN_STATUSES)).toEqual(sorted(Object.values($Enums.WinbackRunStatus)));
  });
});
