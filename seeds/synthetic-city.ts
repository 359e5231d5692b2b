/**
 * A synthetic city at any scale, for the allocation benchmark: API input rows
 * (enterprises, schools, postings, students) that pass every validation.
 * Pure and deterministic (seeded); no database.
 */
import { MAJORS } from "../schema/reference/majors";
import { QUANZHOU_COUNTIES } from "../schema/reference/divisions";
import { createRng } from "../schema/rules/rng";
import { generateCreditCode } from "../schema/rules/credit-code";
import { nationalIdCheckChar } from "../schema/rules/national-id";
import { SCHOOL_LEVELS, type SchoolLevel } from "../schema/rules/school-level";

export interface SyntheticCityOptions {
  students: number;
  postings: number;
  enterprises: number;
  schools: number;
  seed?: number;
}

const MANUFACTURING = ["1951", "1811", "1419", "3311", "3911", "2614", "3042", "2231", "3832", "1762"];

/** A synthetic city: rows shaped as the import mutations take them. */
export function buildSyntheticCity(options: SyntheticCityOptions) {
  const rng = createRng(options.seed ?? 7);
  const districts = QUANZHOU_COUNTIES.map((d) => d.code).filter((c) => c !== "350527");
  const majorsOf = new Map<SchoolLevel, string[]>(SCHOOL_LEVELS.map((level) => [level, MAJORS.filter((m) => m.level === level).map((m) => m.code)]));

  const enterprises = Array.from({ length: options.enterprises }, (_, i) => {
    const headcount = Math.round(Math.exp(Math.log(50) + rng.next() * (Math.log(5000) - Math.log(50))));
    const district = rng.pick(districts);
    return {
      name: `合成企业${i + 1}有限公司`,
      creditCode: generateCreditCode(rng, district),
      district,
      industry: rng.pick(MANUFACTURING),
      headcount,
      annualRevenue: headcount * rng.int(100_000, 600_000),
    };
  });

  const schools = Array.from({ length: options.schools }, (_, i) => {
    const level = SCHOOL_LEVELS[i % SCHOOL_LEVELS.length]!;
    return { name: `合成学校${i + 1}`, level, district: rng.pick(districts), majors: rng.sample(majorsOf.get(level)!, 15) };
  });

  // Postings: one or two 6-digit majors of one level, capacity 1–10.
  const postings = Array.from({ length: options.postings }, () => {
    const level = rng.pick(SCHOOL_LEVELS);
    const regularWage = rng.int(3000, 8000);
    return {
      enterpriseIndex: rng.int(0, options.enterprises - 1),
      kind: "INTERNSHIP",
      title: "实习岗位",
      description: "",
      majors: rng.sample(majorsOf.get(level)!, rng.int(1, 2)),
      levels: [level],
      capacity: rng.int(1, 10),
      monthlyPay: Math.ceil(regularWage * 0.8),
      regularWage,
      startDate: "2027-03-01",
      endDate: "2027-08-31",
    };
  });

  // Students: unique national IDs from a counter (birth date x sequence number), second or third year.
  const students = Array.from({ length: options.students }, (_, i) => {
    const schoolIndex = i % options.schools;
    const school = schools[schoolIndex]!;
    const birth = new Date(Date.UTC(2003, 0, 1) + (i % 1000) * 86_400_000).toISOString().slice(0, 10);
    const first17 = `${rng.pick(districts)}${birth.replace(/-/g, "")}${String(Math.floor(i / 1000) % 1000).padStart(3, "0")}`;
    const enrolmentYear = rng.pick([2024, 2025]);
    return {
      schoolIndex,
      row: {
        name: `学生${i + 1}`,
        nationalId: first17 + nationalIdCheckChar(first17),
        major: rng.pick(school.majors),
        enrolmentYear,
        graduationYear: enrolmentYear + (school.level === "UNDERGRADUATE" || school.level === "VOCATIONAL_UNDERGRADUATE" ? 4 : 3),
        homeDistrict: rng.pick(districts),
      },
    };
  });

  return { enterprises, schools, postings, students };
}
