import { describe, expect, it } from "vitest";
import { armFor, armShares, assignmentDraw } from "../../../../src/features/experiments/rules/assignment.js";
import {
  chiSquarePValue,
  conversionInterval,
  normalCdf,
  normalQuantile,
  plannedSamplePerArm,
  sampleRatioCheck,
  twoProportionTest,
} from "../../../../src/features/experiments/rules/statistics.js";

describe("experiment statistics", () => {
  it("the normal distribution: table values", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.645)).toBeCloseTo(0.05, 3);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
  });

  it("the two-proportion z-test on a textbook example", () => {
    // The textbook pooled test, worked by hand: 1,000 and 1,000 trials, 12% vs 15%: pooled p̂ = 0.135,
    // z = 0.03 / √(0.135 · 0.865 · 2/1000) = 1.9626, two-sided P = 2 · (1 − Φ(1.9626)) = 0.0497.
    const { z, p } = twoProportionTest(120, 1000, 150, 1000);
    expect(z).toBeCloseTo(1.9626, 3);
    expect(p).toBeCloseTo(0.0497, 3);
    // The same rates: nothing to see.
    const same = twoProportionTest(30, 1000, 30, 1000);
    expect(same.z).toBe(0);
    expect(same.p).toBeCloseTo(1, 6);
    expect(twoProportionTest(0, 0, 3, 10).p).toBe(1);
  });

  it("the Wilson 95% interval: 0 of 10 is at most 27.8%; 50 of 100 is 40.4%–59.6%", () => {
    const none = conversionInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 3);
    const half = conversionInterval(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 3);
    expect(half.high).toBeCloseTo(0.5962, 3);
  });

  it("the planned sample: 10% vs 15% needs 686 per arm (α 0.05 two-sided, power 80%)", () => {
    expect(plannedSamplePerArm(0.1, 0.05)).toBe(686);
    expect(plannedSamplePerArm(0.03, 0.02)).toBeGreaterThan(1000);
  });

  it("the chi-square tail and the sample-ratio check", () => {
    expect(chiSquarePValue(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(5.991, 2)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(0, 3)).toBe(1);
    expect(sampleRatioCheck([5000, 5000], [0.5, 0.5]).mismatch).toBe(false);
    // 5,300 vs 4,700 when 50/50 was planned: χ² = 36, p ≈ 2e-9 → a mismatch.
    const bad = sampleRatioCheck([5300, 4700], [0.5, 0.5]);
    expect(bad.chiSquare).toBeCloseTo(36, 6);
    expect(bad.mismatch).toBe(true);
  });
});

describe("arm assignment", () => {
  const arms = ["推荐", "通用"];
  it("is stable: the same experiment and member always give the same arm", () => {
    for (let m = 1; m <= 200; m++) expect(armFor(assignmentDraw(7, m), arms, 0.1)).toBe(armFor(assignmentDraw(7, m), arms, 0.1));
    // Another experiment draws anew.
    const differ = Array.from({ length: 200 }, (_, m) => assignmentDraw(7, m) !== assignmentDraw(8, m)).filter(Boolean).length;
    expect(differ).toBe(200);
  });

  it("is balanced over 10,000 members within chance (no sample-ratio mismatch, each arm within 4 σ)", () => {
    const counts: Record<string, number> = { 推荐: 0, 通用: 0, holdout: 0 };
    for (let m = 1; m <= 10_000; m++) counts[armFor(assignmentDraw(12, m), arms, 0.1)]!++;
    const shares = armShares(arms, 0.1);
    for (const [arm, share] of Object.entries(shares)) {
      const expected = 10_000 * share;
      const sigma = Math.sqrt(10_000 * share * (1 - share));
      expect(Math.abs(counts[arm]! - expected), `${arm}: ${counts[arm]}`).toBeLessThan(4 * sigma);
    }
    const check = sampleRatioCheck(
      Object.keys(shares).map((a) => counts[a]!),
      Object.values(shares),
    );
    expect(check.mismatch).toBe(false);
  });
});
