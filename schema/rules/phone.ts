/** Mainland China mobile numbers (11 digits, 1[3-9]…; numbering plan of the MIIT). */
import type { Rng } from "./rng";
import { accept, reject, type RuleResult } from "./result";

/**
 * Validates a mainland mobile number 1[3-9]xxxxxxxxx (MIIT numbering plan). Spaces and hyphens are
 * removed and a +86 / 86 prefix is dropped; the value is the bare 11 digits. Never throws.
 */
export function checkPhone(input: unknown): RuleResult<string> {
  if (typeof input !== "string") return reject("phone must be a string");
  let phone = input.replace(/[\s-]/g, "");
  if (/^(\+86|0086|86)1\d{10}$/.test(phone)) phone = phone.slice(phone.length - 11);
  if (!/^\d+$/.test(phone)) return reject("phone must contain digits only");
  if (phone.length !== 11) return reject(`phone must have 11 digits, got ${phone.length}`);
  if (!/^1[3-9]\d{9}$/.test(phone)) return reject("not a mainland mobile number (1[3-9]xxxxxxxxx)");
  return accept(phone);
}

/** Masks a mobile number for display: 138****5678. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length < 7) return "*".repeat(digits.length);
  return digits.slice(0, 3) + "*".repeat(digits.length - 7) + digits.slice(-4);
}

/** Generates a plausible mobile number (common mainland prefixes). For seeds and tests only. */
export function generatePhone(rng: Rng): string {
  const prefix = rng.pick(["133", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "177", "180", "181", "186", "187", "188", "189", "191", "199"]);
  let rest = "";
  for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9));
  return prefix + rest;
}
