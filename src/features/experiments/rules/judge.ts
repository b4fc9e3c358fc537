// What an experiment report concludes, from each arm's counts. Pure: the numbers in, the verdict out.
import { conversionInterval, sampleRatioCheck, twoProportionTest } from "./statistics.js";

export interface ArmCounts {
  arm: string;
  /** Members assigned to the arm (holdout included): the sample-ratio check compares these. */
  assigned: number;
  /** Arms: members whose message was sent; holdout: members held out. */
  reached: number;
  /** Of those, members with a paid order within the metric's window. */
  converted: number;
}

export interface ArmResult extends ArmCounts {
  rate: number;
  low: number;
  high: number;
  /** Against the control arm (absent for the control itself). */
  vsControl?: { lift: number; p: number };
  /** Against the holdout (absent without one). */
  vsHoldout?: { lift: number; p: number };
}

export type Verdict =
  /** Before the planned sample per arm or the minimum days: nothing is concluded. */
  | { kind: "insufficient"; needPerArm: number; smallestArm: number; daysRunning: number; minDays: number }
  | { kind: "winner"; arm: string; against: string; p: number }
  | { kind: "noDifference"; p: number }
  /** The arms' sizes stray from their shares beyond chance: assignment or delivery is broken, nothing is concluded. */
  | { kind: "untrusted"; p: number };

export interface Judgement {
  arms: ArmResult[];
  verdict: Verdict;
  sampleRatio: { chiSquare: number; p: number; mismatch: boolean };
}

/** Relative lift of b over a (0.2 = 20% better); 0 when a converted nobody. */
const liftOf = (a: number, b: number) => (a === 0 ? 0 : b / a - 1);

/**
 * Judges an experiment: each arm's conversion with its 95% interval, lift and two-proportion p-value
 * against the control (the last arm) and the holdout; the verdict waits for `plannedPerArm` members in
 * every arm and `minDays` days; then the best arm wins only at p < 0.05 (against the control, or the
 * holdout when there is one arm). The sample-ratio check compares the assigned counts with `shares`.
 */
export function judgeExperiment(input: {
  arms: readonly ArmCounts[];
  holdout?: ArmCounts;
  shares: readonly number[];
  plannedPerArm: number;
  daysRunning: number;
  minDays: number;
}): Judgement {
  const control = input.arms[input.arms.length - 1]!;
  const holdout = input.holdout;
  const arms: ArmResult[] = input.arms.map((a) => {
    const interval = conversionInterval(a.converted, a.reached);
    const result: ArmResult = { ...a, rate: interval.rate, low: interval.low, high: interval.high };
    if (a !== control) {
      result.vsControl = {
        lift: liftOf(control.converted / Math.max(1, control.reached), interval.rate),
        p: twoProportionTest(control.converted, control.reached, a.converted, a.reached).p,
      };
    }
    if (holdout) {
      result.vsHoldout = {
        lift: liftOf(holdout.converted / Math.max(1, holdout.reached), interval.rate),
        p: twoProportionTest(holdout.converted, holdout.reached, a.converted, a.reached).p,
      };
    }
    return result;
  });
  if (holdout) {
    const interval = conversionInterval(holdout.converted, holdout.reached);
    arms.push({ ...holdout, rate: interval.rate, low: interval.low, high: interval.high });
  }
  const assigned = [...input.arms, ...(holdout ? [holdout] : [])].map((a) => a.assigned);
  const sampleRatio = sampleRatioCheck(assigned, input.shares);

  const measured = [...input.arms, ...(holdout ? [holdout] : [])];
  const smallestArm = Math.min(...measured.map((a) => a.reached));
  let verdict: Verdict;
  if (smallestArm < input.plannedPerArm || input.daysRunning < input.minDays) {
    verdict = {
      kind: "insufficient",
      needPerArm: input.plannedPerArm,
      smallestArm,
      daysRunning: input.daysRunning,
      minDays: input.minDays,
    };
  } else {
    const treated = arms.filter((a) => a.arm !== "holdout");
    const best = [...treated].sort((x, y) => y.rate - x.rate)[0]!;
    const comparison =
      treated.length > 1
        ? best.arm === control.arm
          ? // The control is best: does it beat the runner-up?
            { against: [...treated].sort((x, y) => y.rate - x.rate)[1]!, p: undefined as number | undefined }
          : { against: arms.find((a) => a.arm === control.arm)!, p: best.vsControl?.p }
        : holdout
          ? { against: arms.find((a) => a.arm === "holdout")!, p: best.vsHoldout?.p }
          : undefined;
    const p =
      comparison === undefined
        ? 1
        : (comparison.p ?? twoProportionTest(comparison.against.converted, comparison.against.reached, best.converted, best.reached).p);
    verdict =
      comparison && p < 0.05 && best.rate > comparison.against.rate
        ? { kind: "winner", arm: best.arm, against: comparison.against.arm, p }
        : { kind: "noDifference", p };
  }
  // A winner (or "no difference") from arms that are not what was drawn would be a verdict on a bug.
  if (sampleRatio.mismatch && verdict.kind !== "insufficient") verdict = { kind: "untrusted", p: sampleRatio.p };
  return { arms, verdict, sampleRatio };
}
