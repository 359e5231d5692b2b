/**
 * Resident identity card number (公民身份号码), GB 11643-1999: 6-digit address code (GB/T 2260),
 * 8-digit birth date, 3-digit sequence (odd male, even female), ISO 7064 MOD 11-2 check char.
 */
import { PROVINCES } from "../reference/divisions";
import type { Rng } from "./rng";
import { accept, reject, type RuleResult } from "./result";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_MAP = "10X98765432";

/** Gender as encoded by the sequence number's parity. */
export type Gender = "MALE" | "FEMALE";

/** A checked national ID. */
export interface NationalId {
  /** 18 chars, check char upper-case. */
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender;
  addressCode: string;
}

/** GB 11643-1999 MOD 11-2 check character of the first 17 digits. */
export function nationalIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_MAP[sum % 11];
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether YYYY, MM, DD form a real Gregorian date. */
function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Validates an 18-character national ID per GB 11643-1999: address code with a known province
 * prefix, a real birth date from 1900 up to `today` (YYYY-MM-DD, default: the current date), and
 * the MOD 11-2 check char (lower-case x accepted and normalised). Never throws.
 */
export function checkNationalId(input: unknown, today?: string): RuleResult<NationalId> {
  if (typeof input !== "string") return reject("national ID must be a string");
  const id = input.trim().toUpperCase();
  if (id.length !== 18) return reject(`national ID must have 18 characters, got ${id.length}`);
  if (!/^\d{17}[\dX]$/.test(id)) return reject("national ID must be 17 digits and a digit or X");
  const addressCode = id.slice(0, 6);
  if (!PROVINCES[addressCode.slice(0, 2)]) return reject(`unknown province in address code ${addressCode}`);
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isRealDate(year, month, day)) return reject(`impossible birth date ${id.slice(6, 14)}`);
  if (year < 1900) return reject(`birth year before 1900: ${year}`);
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const todayIso = today ?? isoDate(new Date());
  if (birthDate > todayIso) return reject(`birth date ${birthDate} is in the future`);
  const expected = nationalIdCheckChar(id.slice(0, 17));
  if (id[17] !== expected) return reject(`check character mismatch: expected ${expected}`);
  const gender: Gender = Number(id[16]) % 2 === 1 ? "MALE" : "FEMALE";
  return accept({ normalized: id, birthDate, gender, addressCode });
}

/** Masks a national ID for display, keeping the first 6 and last 4 characters (350582********1234). */
export function maskNationalId(id: string): string {
  const trimmed = id.trim();
  if (trimmed.length <= 10) return "*".repeat(trimmed.length);
  return trimmed.slice(0, 6) + "*".repeat(trimmed.length - 10) + trimmed.slice(-4);
}

/**
 * Generates a valid GB 11643-1999 ID for the given address code, birth date (YYYY-MM-DD) and gender;
 * the sequence number is random with the gender's parity. For seeds and tests only.
 */
export function generateNationalId(rng: Rng, options: { addressCode: string; birthDate: string; gender: Gender }): string {
  const { addressCode, birthDate, gender } = options;
  if (!/^\d{6}$/.test(addressCode)) throw new RangeError(`address code must be 6 digits: ${addressCode}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new RangeError(`birth date must be YYYY-MM-DD: ${birthDate}`);
  const prefix = rng.int(0, 99).toString().padStart(2, "0");
  const parity = rng.int(0, 4) * 2 + (gender === "MALE" ? 1 : 0);
  const first17 = addressCode + birthDate.replace(/-/g, "") + prefix + String(parity);
  return first17 + nationalIdCheckChar(first17);
}

/** Age in whole years on `date` of someone born on `birthDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = date.split("-").map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
