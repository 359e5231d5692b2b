import { createRng } from "../../schema/rules/rng";
import { generateCreditCode } from "../../schema/rules/credit-code";
import { nationalIdCheckChar } from "../../schema/rules/national-id";

// Each factory call draws from its own counter, so data is unique within a run and reproducible.
let counter = 1;
const next = () => counter++;

/** A valid enterprise input: an above-scale shoe maker in Jinjiang by default. */
export function anEnterprise(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    name: `测试鞋业有限公司${n}`,
    creditCode: generateCreditCode(createRng(n * 7919), "350582"),
    district: "350582",
    industry: "1951",
    headcount: 1200,
    annualRevenue: 300_000_000,
    ...overrides,
  };
}

/** A valid school input: a higher vocational college in Fengze. */
export function aSchool(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    name: `测试职业学院${n}`,
    level: "HIGHER_VOCATIONAL",
    district: "350503",
    majors: ["510201", "530701", "460301"],
    ...overrides,
  };
}

/** A valid national ID, unique in the run: the birth date and sequence number come from the counter. */
export function aNationalId(options: { birthDate?: string; gender?: "MALE" | "FEMALE"; addressCode?: string } = {}) {
  const n = next();
  const birthDate = options.birthDate ?? new Date(Date.UTC(2004, 0, 1) + (n % 700) * 86400000).toISOString().slice(0, 10);
  const sequence = Math.floor(n / 700) % 500;
  const parity = options.gender === "MALE" ? 1 : 0;
  const first17 = `${options.addressCode ?? "350582"}${birthDate.replace(/-/g, "")}${String(sequence * 2 + parity).padStart(3, "0")}`;
  return first17 + nationalIdCheckChar(first17);
}

/** A valid student row for a higher vocational school. */
export function aStudent(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    name: `学生${n}`,
    nationalId: aNationalId(),
    phone: `138${String(10000000 + n).slice(-8)}`,
    major: "510201",
    enrolmentYear: 2024,
    graduationYear: 2027,
    homeDistrict: "350582",
    skills: ["Python"],
    certificates: [],
    ...overrides,
  };
}

/** A valid internship posting input. */
export function aPosting(overrides: Record<string, unknown> = {}) {
  return {
    kind: "INTERNSHIP",
    title: "软件开发实习生",
    description: "参与企业信息系统开发",
    majors: ["5102"],
    levels: ["HIGHER_VOCATIONAL"],
    capacity: 5,
    monthlyPay: 3000,
    regularWage: 3500,
    startDate: "2027-03-01",
    endDate: "2027-08-31",
    ...overrides,
  };
}

/** Replaces the check character of an 18-character code with a wrong one. */
export function withWrongCheckChar(code: string, alphabet = "0123456789X"): string {
  const last = code[17];
  const wrong = alphabet[(alphabet.indexOf(last!) + 1) % alphabet.length];
  return code.slice(0, 17) + wrong;
}

/** A valid graduate destination row (employed in Jinjiang, related to the major, at an employer outside the platform). */
export function anOutcome(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    graduationYear: 2024,
    status: "EMPLOYED",
    employerName: `测试用人单位${n}有限公司`,
    employerCreditCode: generateCreditCode(createRng(n * 104729), "350582"),
    workDistrict: "350582",
    industry: "1951",
    relatedToMajor: true,
    date: "2024-09-01",
    source: "学校就业统计",
    ...overrides,
  };
}
