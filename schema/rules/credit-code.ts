/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * Layout (18 chars): 1 registration authority, 2 organisation type, 3–8 administrative division
 * (GB/T 2260), 9–17 organisation code (GB 11714, its own MOD 11 check in char 17), 18 check char
 * (MOD 31 over chars 1–17).
 */
import { PROVINCES } from "../reference/divisions";
import type { Rng } from "./rng";
import { accept, reject, type RuleResult } from "./result";

/** The 31 characters of GB 32100 (digits and upper-case letters without I, O, S, V, Z), in value order. */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS_31 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const WEIGHTS_11 = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration authorities (1st char) and their organisation types (2nd char), GB 32100-2015 annex. */
const AUTHORITIES: Readonly<Record<string, { name: string; types: string }>> = {
  "1": { name: "机构编制", types: "1239" },
  "2": { name: "外交", types: "19" },
  "3": { name: "司法行政", types: "12345" },
  "4": { name: "文化", types: "19" },
  "5": { name: "民政", types: "1239" },
  "6": { name: "旅游", types: "129" },
  "7": { name: "宗教", types: "129" },
  "8": { name: "工会", types: "19" },
  "9": { name: "工商", types: "123" },
  A: { name: "中央军委改革和编制办公室", types: "19" },
  N: { name: "农业", types: "129" },
  Y: { name: "其他", types: "1" },
};

/** Warning code for an early Fujian pilot code that fails the MOD 31 check. */
export const FUJIAN_PILOT_CODE = "FUJIAN_PILOT_CODE";

/** A checked credit code. */
export interface CreditCode {
  normalized: string;
  registrationAuthority: string;
  orgType: string;
  divisionCode: string;
  /** GB 11714 organisation code (chars 9–17). */
  orgCode: string;
  /** True for a Fujian (9135…) pilot code accepted although its MOD 31 check char is wrong. */
  pilotCode: boolean;
}

/** GB 32100-2015 check character for the first 17 characters (all from CREDIT_CODE_CHARSET). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS_31[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11714-1997 check character (0–9 or X) of an 8-character organisation-code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    const value = c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += value * WEIGHTS_11[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/**
 * Validates a unified social credit code per GB 32100-2015 (with the embedded GB 11714 organisation
 * code check). Input is trimmed and upper-cased. A code starting `9135` (Fujian enterprises) whose
 * MOD 31 check char is wrong is accepted as an early pilot code, flagged `pilotCode` with warning
 * FUJIAN_PILOT_CODE. Never throws.
 */
export function checkCreditCode(input: unknown): RuleResult<CreditCode> {
  if (typeof input !== "string") return reject("credit code must be a string");
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return reject(`credit code must have 18 characters, got ${code.length}`);
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(code[i])) return reject(`illegal character "${code[i]}" at position ${i + 1}`);
  }
  const authority = AUTHORITIES[code[0]];
  if (!authority) return reject(`unknown registration authority "${code[0]}"`);
  const warnings: string[] = [];
  if (!authority.types.includes(code[1])) warnings.push("UNUSUAL_ORG_TYPE");
  const divisionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(divisionCode)) return reject("division code (chars 3-8) must be 6 digits");
  if (divisionCode !== "100000" && !PROVINCES[divisionCode.slice(0, 2)]) return reject(`unknown division code ${divisionCode}`);
  const orgCode = code.slice(8, 17);
  const expectedOrgCheck = orgCodeCheckChar(orgCode.slice(0, 8));
  if (orgCode[8] !== expectedOrgCheck) return reject(`organisation code check character mismatch: expected ${expectedOrgCheck}`);
  const expected = creditCodeCheckChar(code.slice(0, 17));
  let pilotCode = false;
  if (code[17] !== expected) {
    if (!code.startsWith("9135")) return reject(`check character mismatch: expected ${expected}`);
    pilotCode = true;
    warnings.push(FUJIAN_PILOT_CODE);
  }
  return accept(
    { normalized: code, registrationAuthority: code[0], orgType: code[1], divisionCode, orgCode, pilotCode },
    warnings,
  );
}

/**
 * Generates a valid enterprise credit code (authority 9, type 1) registered in the given 6-digit
 * division; GB 32100-2015 and GB 11714 check characters are computed. For seeds and tests only.
 */
export function generateCreditCode(rng: Rng, divisionCode: string): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`division code must be 6 digits: ${divisionCode}`);
  // Post-2015 enterprise organisation codes are commonly "MA" + 6 chars; digits-only bodies are older.
  const bodyChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let body = rng.chance(0.6) ? "MA" : "";
  while (body.length < 8) body += body.length < 2 ? String(rng.int(0, 9)) : rng.pick(bodyChars.split(""));
  const first17 = `91${divisionCode}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

/**
 * Generates a Fujian pilot-style code (9135…) whose MOD 31 check char is deliberately wrong, so that
 * `checkCreditCode` accepts it with the FUJIAN_PILOT_CODE warning. For seeds and tests only.
 */
export function generateFujianPilotCode(rng: Rng, divisionCode: string): string {
  if (!divisionCode.startsWith("35")) throw new RangeError("a Fujian pilot code needs a Fujian division (35xxxx)");
  const valid = generateCreditCode(rng, divisionCode);
  const expected = valid[17];
  const wrong = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(expected) + rng.int(1, 30)) % 31];
  return valid.slice(0, 17) + wrong;
}
