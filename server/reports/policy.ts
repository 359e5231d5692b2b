/**
 * Report policy: targets, reward tiers and rates (POLICY.md; seed doc 001 Quanzhou pilot-city plan).
 */

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Linear between two (year, value) points, clamped outside them. */
function linearTarget(year: number, from: [number, number], to: [number, number]): number {
  if (year <= from[0]) return from[1];
  if (year >= to[0]) return to[1];
  return round4(from[1] + ((to[1] - from[1]) * (year - from[0])) / (to[0] - from[0]));
}

/**
 * Retention target (留泉率) for a graduation year: 50% by 2025 and 60% by 2030 (001 §1(2)).
 * Choice: 50% up to 2025, 60% from 2030, linear in between (2026 52%, 2027 54%, …), so each
 * year has a reachable step rather than one jump in 2030.
 */
export function retentionTarget(year: number): number {
  return linearTarget(year, [2025, 0.5], [2030, 0.6]);
}

/** Major–industry fit target (专业产业契合度): 80% by 2025, 90% by 2030 (001 §1(2)); linear in between as above. */
export function fitTarget(year: number): number {
  return linearTarget(year, [2025, 0.8], [2030, 0.9]);
}

/** A ratio, or null when the denominator is 0 (never NaN or Infinity). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** target − rate, or null without a rate. */
export function gapTo(target: number, value: number | null): number | null {
  return value === null ? null : round4(target - value);
}

/** Reward of the top five schools by retention, yuan (001 §4(1)). */
export const REWARD_TIERS_YUAN: readonly number[] = [500_000, 400_000, 300_000, 200_000, 100_000];

/**
 * Fewest employed graduates for a school to be ranked: below it a retention rate says little
 * (3 of 4 is 75%). A documented choice of ours, not of 001; the bureau may pass another value.
 */
export const DEFAULT_MIN_EMPLOYED = 30;

/** Levels eligible for the retention reward: undergraduate incl. vocational undergraduate, higher vocational (001 §4(1)). */
export const REWARD_ELIGIBLE_LEVELS: readonly string[] = ["UNDERGRADUATE", "VOCATIONAL_UNDERGRADUATE", "HIGHER_VOCATIONAL"];
