// The statistics of an experiment report, in plain functions (no I/O): conversion with a 95% interval,
// the two-proportion z-test, the planned sample per arm and the sample-ratio check.

/** Φ(z), the standard normal CDF (Abramowitz–Stegun 7.1.26 through erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** z of the normal quantile for p (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0 || p >= 1) throw new RangeError("p must be between 0 and 1");
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** A conversion rate with its 95% Wilson score interval (sound at small counts and near 0%). */
export function conversionInterval(converted: number, reached: number, z = 1.959964): { rate: number; low: number; high: number } {
  if (reached === 0) return { rate: 0, low: 0, high: 0 };
  const p = converted / reached;
  const denominator = 1 + (z * z) / reached;
  const centre = (p + (z * z) / (2 * reached)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / reached + (z * z) / (4 * reached * reached))) / denominator;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The two-proportion z-test with a pooled variance: is arm B's conversion different from arm A's?
 * Returns z (B − A) and the two-sided p-value; p is 1 when there is nothing to compare.
 *
 * @example twoProportionTest(120, 1000, 150, 1000) // z ≈ 1.969, p ≈ 0.049
 */
export function twoProportionTest(convertedA: number, reachedA: number, convertedB: number, reachedB: number): { z: number; p: number } {
  if (reachedA === 0 || reachedB === 0) return { z: 0, p: 1 };
  const pooled = (convertedA + convertedB) / (reachedA + reachedB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / reachedA + 1 / reachedB));
  if (se === 0) return { z: 0, p: 1 };
  const z = (convertedB / reachedB - convertedA / reachedA) / se;
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

/**
 * Members needed per arm to detect an absolute difference `mde` from a baseline rate, two-sided at
 * `alpha` with `power` (the normal approximation of the textbooks).
 *
 * @example plannedSamplePerArm(0.03, 0.02) // 1,447 per arm, to tell 3% from 5%
 */
export function plannedSamplePerArm(baseline: number, mde: number, alpha = 0.05, power = 0.8): number {
  const p1 = baseline;
  const p2 = Math.min(0.9999, baseline + mde);
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const mean = (p1 + p2) / 2;
  const n = (za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  return Math.ceil(n);
}

/** The regularised upper incomplete gamma Q(s, x), for the chi-square p-value (series / continued fraction). */
function upperGammaRegularised(s: number, x: number): number {
  if (x <= 0) return 1;
  const lnGammaS = logGamma(s);
  if (x < s + 1) {
    let sum = 1 / s;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (s + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + s * Math.log(x) - lnGammaS);
  }
  let b = x + 1 - s;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + s * Math.log(x) - lnGammaS) * h;
}

/** ln Γ(x) (Lanczos, g = 7). */
function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = g[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The chi-square distribution's upper tail: P(X ≥ statistic) with `df` degrees of freedom. */
export function chiSquarePValue(statistic: number, df: number): number {
  return upperGammaRegularised(df / 2, statistic / 2);
}

/**
 * Sample-ratio check: do the arms' sizes match the shares they were given? Chi-square goodness of fit;
 * a p-value under 0.001 is a mismatch (assignment or delivery is broken, the results cannot be trusted).
 */
export function sampleRatioCheck(
  counts: readonly number[],
  shares: readonly number[],
): { chiSquare: number; p: number; mismatch: boolean } {
  const total = counts.reduce((a, b) => a + b, 0);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  if (total === 0 || counts.length < 2) return { chiSquare: 0, p: 1, mismatch: false };
  let chiSquare = 0;
  for (const [i, observed] of counts.entries()) {
    const expected = (total * shares[i]!) / shareSum;
    if (expected > 0) chiSquare += (observed - expected) ** 2 / expected;
  }
  const p = chiSquarePValue(chiSquare, counts.length - 1);
  return { chiSquare, p, mismatch: p < 0.001 };
}
