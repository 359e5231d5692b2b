/** Reference data and checks shared with the API (schema/reference, schema/rules: pure modules). */
import { QUANZHOU_COUNTIES, findQuanzhouDivision, provinceName } from "@schema/reference/divisions";
import { MAJORS, findMajor, majorClassName, majorCategoryName, majorLevelOf } from "@schema/reference/majors";
import { INDUSTRIES, findIndustry } from "@schema/reference/industries";
import { checkCreditCode } from "@schema/rules/credit-code";
import { checkNationalId } from "@schema/rules/national-id";
import { checkPhone } from "@schema/rules/phone";
import { checkMajor, checkMajorPattern } from "@schema/rules/major";
import { checkDistrict } from "@schema/rules/district";
import { checkIndustry } from "@schema/rules/industry";
import { checkInternPay, sizeClass, isAboveScale } from "@schema/rules/enterprise-size";
import type { SchoolLevel } from "@schema/rules/school-level";
import { translateMessage, LEVEL_LABELS } from "./zh";

export { MAJORS, findMajor, majorCategoryName, majorLevelOf, sizeClass, isAboveScale, findIndustry };

/** Quanzhou's county-level divisions for the district pickers (金门县 is listed in GB/T 2260 only). */
export const DISTRICT_OPTIONS = QUANZHOU_COUNTIES.filter((d) => d.code !== "350527").map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }));

export function districtName(code: string | null | undefined): string {
  if (!code) return "—";
  return findQuanzhouDivision(code)?.name ?? provinceName(code) ?? code;
}

/** Majors of the catalogue, grouped by level, for a picker: 6-digit majors and 4-digit classes. */
export function majorOptions(level?: SchoolLevel) {
  const majors = MAJORS.filter((m) => !level || m.level === level);
  const classes = new Map<string, string>();
  for (const m of majors) classes.set(m.classCode, `${m.className || majorClassName(m.classCode) || m.classCode}（专业类，${LEVEL_LABELS[m.level]}）`);
  return {
    majors: majors.map((m) => ({ value: m.code, label: `${m.code} ${m.name}（${LEVEL_LABELS[m.level]}）` })),
    classes: [...classes.entries()].map(([value, label]) => ({ value, label: `${value} ${label}` })),
  };
}

export function majorLabel(code: string): string {
  const major = findMajor(code);
  if (major) return `${major.name}（${code}）`;
  const className = code.length === 4 ? majorClassName(code) : undefined;
  return className ? `${className}（${code}）` : code;
}

/** Industry classes and divisions (levels 2–4) for the picker. */
export const INDUSTRY_OPTIONS = INDUSTRIES.filter((i) => i.level >= 2).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));

export function industryLabel(code: string): string {
  const industry = findIndustry(code);
  return industry ? `${industry.name}（${code}）` : code;
}

type Check = (value: unknown) => { ok: true } | { ok: false; message: string };
const zh = (field: string, check: Check) => (value: unknown): string | null => {
  const result = check(value);
  return result.ok ? null : translateMessage(field, result.message);
};

/** Field checks in Chinese (null when the value passes), the same rules the API applies. */
export const checks = {
  creditCode: zh("creditCode", (v) => checkCreditCode(String(v ?? "").trim().toUpperCase())),
  nationalId: zh("nationalId", (v) => checkNationalId(String(v ?? "").trim().toUpperCase())),
  phone: zh("phone", (v) => checkPhone(String(v ?? ""))),
  district: zh("district", (v) => checkDistrict(String(v ?? ""))),
  industry: zh("industry", (v) => checkIndustry(String(v ?? ""))),
  majorPattern: zh("majors", (v) => checkMajorPattern(String(v ?? ""))),
  major: (value: unknown, level?: SchoolLevel) => zh("major", (v) => checkMajor(String(v ?? ""), level))(value),
  internPay: (monthlyPay: number, regularWage?: number | null) => zh("monthlyPay", () => checkInternPay(monthlyPay, regularWage ?? undefined))(monthlyPay),
};

/** A credit code's pilot warning (early Fujian 9135… codes are accepted but need checking). */
export function creditCodeWarning(code: string): string | null {
  const result = checkCreditCode(code.trim().toUpperCase());
  return result.ok && result.value.pilotCode ? "早期福建试点代码：校验位不符，已接受但需核实" : null;
}

/** Intern floor / ceiling of the 2%–3% rule (001 §3(3)) and the 10% cap, as the compliance report counts them. */
export function internBounds(headcount: number): { floor: number; ceiling: number; cap: number } {
  const ceiling = Math.floor((headcount * 3) / 100);
  return { floor: Math.min(Math.ceil((headcount * 2) / 100), ceiling), ceiling, cap: Math.floor(headcount / 10) };
}
