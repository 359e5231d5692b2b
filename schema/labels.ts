import { findQuanzhouDivision, provinceName } from "./reference/divisions";
import { findIndustry } from "./reference/industries";
import { findMajor, majorCategoryName, majorClassName } from "./reference/majors";

/** Chinese name of a GB/T 2260 code: the county in Quanzhou, else its province. */
export function districtName(code: string): string | null {
  return findQuanzhouDivision(code)?.name ?? (provinceName(code) ? `${provinceName(code)}（市外）` : null);
}

/** Chinese name of a GB/T 4754-2017 code. */
export function industryName(code: string): string | null {
  return findIndustry(code)?.name ?? null;
}

/** Chinese name of a major, or of its class or category when the code is a prefix. */
export function majorName(code: string): string | null {
  return findMajor(code)?.name ?? majorClassName(code) ?? majorCategoryName(code) ?? null;
}
