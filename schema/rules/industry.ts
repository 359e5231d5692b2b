/** Industry codes of GB/T 4754-2017 国民经济行业分类. */
import { findIndustry, type IndustryLevel } from "../reference/industries";
import { accept, reject, type RuleResult } from "./result";

/** A checked industry code. */
export interface CheckedIndustry {
  code: string;
  /** 1 section (门类), 2 division (大类), 3 group (中类), 4 class (小类). */
  level: IndustryLevel;
  section: string;
  name: string;
}

/**
 * Checks a GB/T 4754-2017 code: a section letter, 2-digit division, 3-digit group or 4-digit class
 * present in the standard. Never throws.
 */
export function checkIndustry(input: unknown): RuleResult<CheckedIndustry> {
  if (typeof input !== "string") return reject("industry code must be a string");
  const code = input.trim().toUpperCase();
  if (!/^([A-T]|\d{2,4})$/.test(code)) return reject("industry code must be a section letter or 2-4 digits");
  const industry = findIndustry(code);
  if (!industry) return reject(`unknown industry code ${code}`);
  return accept({ code: industry.code, level: industry.level, section: industry.section, name: industry.name });
}

/**
 * Whether a GB/T 4754-2017 code is "industrial" (工业): sections B mining, C manufacturing and
 * D utilities, the scope of the national above-scale industrial statistics. False for unknown codes.
 */
export function isIndustrial(code: string): boolean {
  const industry = findIndustry(code.trim().toUpperCase());
  return industry !== undefined && ["B", "C", "D"].includes(industry.section);
}
