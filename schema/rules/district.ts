/** County-level district codes (GB/T 2260) for work, study and home locations. */
import { findQuanzhouDivision, KINMEN_CODE, provinceName, QUANZHOU_PREFIX } from "../reference/divisions";
import { accept, reject, type RuleResult } from "./result";

/** A checked district. */
export interface District {
  code: string;
  /** Known for Quanzhou codes; for other codes the province name. */
  name?: string;
  /** True for Quanzhou codes (3505xx): the basis of the retention rate (留泉率). */
  inCity: boolean;
}

/**
 * Checks a 6-digit GB/T 2260 code. A 3505xx code must be one of Quanzhou's divisions (else
 * "unknown district"); any other code needs a known province prefix and is accepted with
 * inCity false. 350500 (the city itself) is accepted with warning CITY_LEVEL_CODE and 350527
 * 金门县 with NOT_ADMINISTERED. Never throws.
 */
export function checkDistrict(input: unknown): RuleResult<District> {
  if (typeof input !== "string") return reject("district code must be a string");
  const code = input.trim();
  if (!/^\d{6}$/.test(code)) return reject("district code must be 6 digits");
  if (code.startsWith(QUANZHOU_PREFIX)) {
    const division = findQuanzhouDivision(code);
    if (!division) return reject(`unknown district ${code}`);
    const warnings: string[] = [];
    if (division.type === "地级市") warnings.push("CITY_LEVEL_CODE");
    if (code === KINMEN_CODE) warnings.push("NOT_ADMINISTERED");
    return accept({ code, name: division.name, inCity: true }, warnings);
  }
  const province = provinceName(code);
  if (!province) return reject(`unknown district ${code}: no such province`);
  return accept({ code, name: province, inCity: false });
}

/** Whether a district code lies in Quanzhou (3505xx). */
export function isInQuanzhou(code: string): boolean {
  return code.startsWith(QUANZHOU_PREFIX);
}
