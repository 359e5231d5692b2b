/** Major codes of the 2021 vocational catalogue and the undergraduate catalogue (subset; see schema/reference/majors.ts). */
import { findMajor, isKnownMajorClass, majorClassName, majorLevelOf, type Major } from "../reference/majors";
import { SCHOOL_LEVEL_LABELS, type SchoolLevel } from "./school-level";
import { accept, reject, type RuleResult } from "./result";

/**
 * Checks a major code against the catalogue subset and, when a school level is given, that the
 * code belongs to that level (职业教育专业目录 2021: 中职 61–79, 高职专科 41–59, 职业本科 21–39;
 * 普通高等学校本科专业目录: 01–14). Suffixes T/K are upper-cased. Never throws.
 */
export function checkMajor(input: unknown, schoolLevel?: SchoolLevel): RuleResult<Major> {
  if (typeof input !== "string") return reject("major code must be a string");
  const code = input.trim().toUpperCase();
  if (!/^\d{6}[TK]?$/.test(code)) return reject("major code must be 6 digits, optionally followed by T or K");
  const major = findMajor(code);
  if (!major) return reject(`unknown major ${code}`);
  if (schoolLevel && major.level !== schoolLevel) {
    return reject(`major level mismatch: ${code} is ${SCHOOL_LEVEL_LABELS[major.level]}, school is ${SCHOOL_LEVEL_LABELS[schoolLevel]}`);
  }
  return accept(major, major.confidence === "medium" ? ["CODE_UNVERIFIED"] : []);
}

/** A posting's major filter: one catalogue major or a whole 4-digit class. */
export interface MajorPattern {
  kind: "MAJOR" | "CLASS";
  code: string;
  level: SchoolLevel;
  name: string;
}

/**
 * Checks a major filter of a posting: a catalogue major code (6 digits + optional T/K) or a 4-digit
 * 专业类 prefix that has majors in the catalogue. Never throws.
 */
export function checkMajorPattern(input: unknown): RuleResult<MajorPattern> {
  if (typeof input !== "string") return reject("major pattern must be a string");
  const code = input.trim().toUpperCase();
  if (/^\d{4}$/.test(code)) {
    const level = majorLevelOf(code);
    if (!level || !isKnownMajorClass(code)) return reject(`unknown major class ${code}`);
    return accept({ kind: "CLASS", code, level, name: majorClassName(code) ?? code });
  }
  const major = checkMajor(code);
  if (!major.ok) return major;
  return accept({ kind: "MAJOR", code: major.value.code, level: major.value.level, name: major.value.name });
}

/** Whether a student's major satisfies a posting filter (exact code or class prefix). */
export function majorMatchesPattern(majorCode: string, pattern: string): boolean {
  return pattern.length === 4 ? majorCode.startsWith(pattern) : majorCode === pattern;
}
