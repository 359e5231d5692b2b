/**
 * School levels the platform distinguishes, aligned with the 2021 vocational catalogue levels
 * (中职 / 高职专科 / 高职本科) plus 普通本科.
 */

/** All school levels, lowest first. */
export const SCHOOL_LEVELS = ["SECONDARY_VOCATIONAL", "HIGHER_VOCATIONAL", "VOCATIONAL_UNDERGRADUATE", "UNDERGRADUATE"] as const;

/** A school level. */
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** Chinese labels of the school levels. */
export const SCHOOL_LEVEL_LABELS: Readonly<Record<SchoolLevel, string>> = {
  SECONDARY_VOCATIONAL: "中职",
  HIGHER_VOCATIONAL: "高职专科",
  VOCATIONAL_UNDERGRADUATE: "职业本科",
  UNDERGRADUATE: "普通本科",
};

/** Usual length of study in years (中职 3, 高职专科 3, 本科 4). */
export const SCHOOL_LEVEL_YEARS: Readonly<Record<SchoolLevel, number>> = {
  SECONDARY_VOCATIONAL: 3,
  HIGHER_VOCATIONAL: 3,
  VOCATIONAL_UNDERGRADUATE: 4,
  UNDERGRADUATE: 4,
};

/** Whether a value is one of the SCHOOL_LEVELS. */
export function isSchoolLevel(value: unknown): value is SchoolLevel {
  return typeof value === "string" && (SCHOOL_LEVELS as readonly string[]).includes(value);
}
