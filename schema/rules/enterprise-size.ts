/**
 * Enterprise size and internship pay rules.
 *
 * - Above-scale industrial enterprise (规模以上工业企业): an industrial enterprise (GB/T 4754
 *   sections B, C, D) with annual main-business revenue of at least 20,000,000 yuan — the national
 *   statistics threshold since 2011. Used for the 2%–3% internship floor of 001 §3(3).
 * - Size classes for industry, MIIT 工信部联企业〔2011〕300号: an enterprise is an SME when it has
 *   fewer than 1,000 staff OR less than 400M yuan revenue, so LARGE needs both ≥ 1,000 staff AND
 *   ≥ 400M; MEDIUM needs ≥ 300 staff AND ≥ 20M; SMALL ≥ 20 staff AND ≥ 3M; anything else is MICRO.
 *   (POLICY.md's "above 1,000 staff or 400M" for large is the complement read loosely; the notice
 *   defines SMEs by "或", which makes large an AND.)
 * - Intern pay (2021 MOE internship rules art. 18): at least 80% of the same post's regular wage.
 */
import { isIndustrial } from "./industry";
import { accept, reject, type RuleResult } from "./result";

/** Annual main-business revenue threshold of an above-scale industrial enterprise (yuan). */
export const ABOVE_SCALE_REVENUE = 20_000_000;

/** Size classes of MIIT 2011 No. 300. */
export type SizeClass = "LARGE" | "MEDIUM" | "SMALL" | "MICRO";

/**
 * Whether an enterprise is an above-scale industrial enterprise: industrial GB/T 4754 code
 * (sections B, C, D) and annual main-business revenue ≥ 20,000,000 yuan (national statistics
 * definition since 2011).
 */
export function isAboveScale(enterprise: { industry: string; annualRevenue: number }): boolean {
  return isIndustrial(enterprise.industry) && Number.isFinite(enterprise.annualRevenue) && enterprise.annualRevenue >= ABOVE_SCALE_REVENUE;
}

/**
 * Size class for an industrial enterprise per MIIT 2011 No. 300: LARGE ≥ 1,000 staff AND ≥ 400M
 * yuan; MEDIUM ≥ 300 AND ≥ 20M; SMALL ≥ 20 AND ≥ 3M; MICRO otherwise. Both thresholds of a class
 * must be met.
 */
export function sizeClass(enterprise: { headcount: number; annualRevenue: number }): SizeClass {
  const { headcount, annualRevenue } = enterprise;
  if (headcount >= 1000 && annualRevenue >= 400_000_000) return "LARGE";
  if (headcount >= 300 && annualRevenue >= 20_000_000) return "MEDIUM";
  if (headcount >= 20 && annualRevenue >= 3_000_000) return "SMALL";
  return "MICRO";
}

/** Lowest lawful monthly intern pay for a regular wage: 80% (2021 rules art. 18), rounded up to the yuan. */
export function minimumInternPay(regularWage: number): number {
  return Math.ceil((regularWage * 4) / 5);
}

/**
 * Checks an intern's monthly pay against the 2021 internship rules art. 18: at least 80% of the same
 * post's regular wage. Without a regular wage the pay is accepted with warning REGULAR_WAGE_UNKNOWN.
 * The comparison is exact (pay × 5 ≥ wage × 4), so exactly 80% passes. Never throws.
 */
export function checkInternPay(monthlyPay: number, regularWage?: number): RuleResult<{ monthlyPay: number; minimumPay?: number }> {
  if (typeof monthlyPay !== "number" || !Number.isFinite(monthlyPay) || monthlyPay < 0) return reject("intern pay must be a non-negative amount");
  if (regularWage === undefined || regularWage === null) {
    if (monthlyPay === 0) return reject("intern pay must be positive");
    return accept({ monthlyPay }, ["REGULAR_WAGE_UNKNOWN"]);
  }
  if (typeof regularWage !== "number" || !Number.isFinite(regularWage) || regularWage <= 0) return reject("regular wage must be a positive amount");
  const minimumPay = minimumInternPay(regularWage);
  if (monthlyPay * 5 < regularWage * 4) return reject(`intern pay below 80% of the regular wage: minimum ${minimumPay}`);
  return accept({ monthlyPay, minimumPay });
}

/**
 * Intern floor and cap for an enterprise: above-scale enterprises place interns at 2%–3% of total
 * staff in principle (001 §3(3)); interns at most 10% of the workforce (2021 rules). Floors are
 * rounded down, caps down; the floor is 0 for enterprises that are not above scale.
 */
export function internQuota(enterprise: { industry: string; annualRevenue: number; headcount: number }): { floor: number; target: number; cap: number } {
  const aboveScale = isAboveScale(enterprise);
  const headcount = Math.max(0, Math.floor(enterprise.headcount));
  return {
    floor: aboveScale ? Math.floor(headcount * 0.02) : 0,
    target: aboveScale ? Math.floor(headcount * 0.03) : 0,
    cap: Math.floor(headcount * 0.1),
  };
}
