// `推送12`, `推送 #12`, `push 12`, `召回3`: which campaign an experiment report is about. Pure.
/** Which campaign: a push or a win-back run. */
export type ExperimentRef = { kind: "push" | "winback"; id: number };

/** @example parseExperimentRef("推送12") // { kind: "push", id: 12 } */
export function parseExperimentRef(text: string): ExperimentRef | undefined {
  const match = /^(推送|push|召回|winback)\s*#?\s*(\d{1,9})$/i.exec(text.trim());
  if (!match) return undefined;
  const kind = /^(推送|push)$/i.test(match[1]!) ? "push" : "winback";
  return { kind, id: Number(match[2]) };
}
