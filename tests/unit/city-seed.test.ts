import { buildGraduates, buildOutcomes, buildPreferences, OUTCOME_YEARS } from "../../seeds/city";
import { buildSyntheticCity } from "../../seeds/synthetic-city";
import { checkCreditCode, checkDistrict, checkIndustry, checkMajor, checkNationalId } from "../../schema/rules";
import type { SchoolLevel } from "../../schema/rules/school-level";

const TODAY = "2026-12-01";
const city = buildSyntheticCity({ students: 3000, postings: 600, enterprises: 60, schools: 50 });
const schools = city.schools as { name: string; level: SchoolLevel; district: string; majors: string[] }[];
const graduates = buildGraduates(schools, OUTCOME_YEARS, 1000);

describe("the 100k city's seed data (seed:city)", () => {
  test("graduates have valid national IDs, none shared with each other or with the students", () => {
    const ids = graduates.map((g) => g.row.nationalId);
    expect(ids.every((id) => checkNationalId(id, TODAY).ok)).toBe(true);
    const all = new Set([...ids, ...city.students.map((s) => s.row.nationalId)]);
    expect(all.size).toBe(ids.length + city.students.length);
  });

  test("each graduate studied a major of the school's level and graduates in one of the three outcome years", () => {
    for (const g of graduates) {
      expect(checkMajor(g.row.major, schools[g.schoolIndex]!.level).ok).toBe(true);
      expect(OUTCOME_YEARS).toContain(g.row.graduationYear);
      expect(g.row.graduationYear - g.row.enrolmentYear).toBeGreaterThanOrEqual(3);
    }
    expect(graduates.filter((g) => g.row.graduationYear === OUTCOME_YEARS[0])).toHaveLength(1000);
  });

  test("destinations name an employer one way only, with the fields an employed graduate needs", () => {
    const outcomes = buildOutcomes(graduates, ["0123456789abcdef01234567"]);
    expect(outcomes).toHaveLength(graduates.length);
    const employed = outcomes.filter((o) => o.status === "EMPLOYED");
    expect(employed.length / outcomes.length).toBeGreaterThan(0.8);
    for (const o of employed) {
      expect(typeof o.relatedToMajor).toBe("boolean");
      if (o.employerId) expect(o.employerName).toBeUndefined();
      else {
        expect(checkCreditCode(o.employerCreditCode).ok).toBe(true);
        expect(checkDistrict(o.workDistrict).ok).toBe(true);
        expect(checkIndustry(o.industry).ok).toBe(true);
      }
    }
    expect(outcomes.filter((o) => o.status !== "EMPLOYED").every((o) => o.relatedToMajor === undefined && o.employerId === undefined)).toBe(true);
  });

  test("preferences are ranked 1, 2, 3 over distinct postings that take the student's major", () => {
    const preferences = buildPreferences(city.students.map((s) => s.row), city.postings, 3);
    const byStudent = new Map<number, { posting: number; rank: number }[]>();
    for (const p of preferences) byStudent.set(p.student, [...(byStudent.get(p.student) ?? []), p]);
    expect(byStudent.size).toBeGreaterThan(city.students.length / 2);
    for (const [student, list] of byStudent) {
      expect(list.map((p) => p.rank)).toEqual(list.map((_, k) => k + 1));
      expect(new Set(list.map((p) => p.posting)).size).toBe(list.length);
      for (const p of list) expect(city.postings[p.posting]!.majors).toContain(city.students[student]!.row.major);
    }
  });
});
