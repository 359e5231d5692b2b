import { clustersOfMajor } from "../../schema/reference/clusters";
import { checkCreditCode, checkDistrict, checkIndustry, checkInternPay, checkMajor, checkNationalId, checkPhone, ageOn } from "../../schema/rules";
import { buildDemoCity, type DemoCity } from "../../seeds/demo-city";

const TODAY = "2026-06-01";
let city: DemoCity;

beforeAll(() => {
  city = buildDemoCity();
});

describe("the demo city", () => {
  test("the same seed builds a deep-equal city and another seed a different one", () => {
    expect(buildDemoCity(2026)).toEqual(city);
    expect(buildDemoCity(7).students[0]).not.toEqual(city.students[0]);
  });

  test("it has the documents' enterprises and schools and at least 2,400 students", () => {
    expect(city.enterprises.length).toBeGreaterThanOrEqual(35);
    expect(city.schools.length).toBeGreaterThanOrEqual(14);
    expect(city.students.length).toBeGreaterThanOrEqual(2400);
    expect(city.enterprises.map((e) => e.key)).toEqual(expect.arrayContaining(["panpan", "anta-logistics", "361du", "nanfang", "tianfangbiao", "jiatai"]));
    expect(city.schools.map((s) => s.name)).toEqual(expect.arrayContaining(["泉州职业技术大学", "黎明职业大学", "晋江职业中专学校"]));
  });

  test("every enterprise has a valid credit code, district and 4-digit industry; one or two are Fujian pilot codes", () => {
    let pilots = 0;
    for (const enterprise of city.enterprises) {
      const code = checkCreditCode(enterprise.creditCode);
      expect(code.ok).toBe(true);
      if (code.ok && code.value.pilotCode) pilots++;
      expect(checkDistrict(enterprise.district).ok).toBe(true);
      expect(checkIndustry(enterprise.industry)).toMatchObject({ ok: true, value: { level: 4 } });
      expect(enterprise.clusters.length).toBeGreaterThan(0);
      expect(enterprise.headcount).toBeGreaterThanOrEqual(40);
    }
    expect(pilots).toBeGreaterThanOrEqual(1);
    expect(pilots).toBeLessThanOrEqual(2);
    expect(new Set(city.enterprises.map((e) => e.creditCode)).size).toBe(city.enterprises.length);
  });

  test("every school's majors are catalogue codes of its level", () => {
    for (const school of city.schools) {
      expect(checkDistrict(school.district)).toMatchObject({ ok: true, value: { inCity: true } });
      for (const major of school.majors) expect(checkMajor(major, school.level).ok).toBe(true);
    }
  });

  test("every student has a unique valid ID, a valid phone, a major of the school and a plausible age", () => {
    const schools = new Map(city.schools.map((s) => [s.key, s]));
    const ids = new Set<string>();
    for (const student of city.students) {
      const school = schools.get(student.schoolKey)!;
      const id = checkNationalId(student.nationalId, TODAY);
      expect(id.ok).toBe(true);
      ids.add(student.nationalId);
      expect(checkPhone(student.phone)).toEqual({ ok: true, value: student.phone });
      expect(school.majors).toContain(student.major);
      expect(checkDistrict(student.homeDistrict).ok).toBe(true);
      if (id.ok) {
        const enrolAge = ageOn(id.value.birthDate, `${student.enrolmentYear}-09-01`);
        expect(enrolAge).toBeGreaterThanOrEqual(school.level === "SECONDARY_VOCATIONAL" ? 15 : 17);
        expect(enrolAge).toBeLessThanOrEqual(school.level === "SECONDARY_VOCATIONAL" ? 16 : 19);
      }
    }
    expect(ids.size).toBe(city.students.length);
  });

  test("there are graduates of 2024 and 2025 and current students graduating 2026 and 2027", () => {
    for (const year of [2024, 2025, 2026, 2027]) expect(city.students.filter((s) => s.graduationYear === year).length).toBeGreaterThan(300);
    const local = city.students.filter((s) => s.homeDistrict.startsWith("3505")).length;
    expect(local / city.students.length).toBeGreaterThan(0.7);
  });

  test("internships pay at least 80% of their regular wage, match the enterprise's clusters and district", () => {
    const enterprises = new Map(city.enterprises.map((e) => [e.key, e]));
    for (const posting of city.postings) {
      const enterprise = enterprises.get(posting.enterpriseKey)!;
      expect(posting.district).toBe(enterprise.district);
      expect(posting.capacity).toBeGreaterThanOrEqual(1);
      expect(posting.capacity).toBeLessThanOrEqual(10);
      expect(posting.startDate < posting.endDate).toBe(true);
      expect(posting.startDate >= "2026-01-01" && posting.endDate <= "2027-12-31").toBe(true);
      for (const major of posting.majors) {
        const checked = checkMajor(major);
        expect(checked.ok && posting.levels.includes(checked.value.level)).toBe(true);
        expect(clustersOfMajor(major).some((c) => enterprise.clusters.includes(c))).toBe(true);
      }
      if (posting.kind === "INTERNSHIP") expect(checkInternPay(posting.monthlyPay, posting.regularWage)).toMatchObject({ ok: true });
      if (posting.kind === "INTERNSHIP") expect(posting.regularWage).toBeDefined();
    }
    const openInternshipPlaces = city.postings.filter((p) => p.kind === "INTERNSHIP" && p.status === "OPEN").reduce((sum, p) => sum + p.capacity, 0);
    const current = city.students.filter((s) => s.graduationYear === 2026 || s.graduationYear === 2027).length;
    expect(openInternshipPlaces / current).toBeGreaterThan(0.4);
  });

  test("graduate destinations show the retention trend and a realistic employment and match rate", () => {
    const rates = (year: number) => {
      const outcomes = city.outcomes.filter((o) => o.graduationYear === year);
      const employed = outcomes.filter((o) => o.status === "EMPLOYED");
      return {
        employment: employed.length / outcomes.length,
        retention: employed.filter((o) => o.workDistrict!.startsWith("3505")).length / employed.length,
        related: employed.filter((o) => o.relatedToMajor).length / employed.length,
      };
    };
    const y2024 = rates(2024);
    const y2025 = rates(2025);
    expect(y2024.retention).toBeGreaterThan(0.42);
    expect(y2024.retention).toBeLessThan(0.48);
    expect(y2025.retention).toBeGreaterThan(0.49);
    expect(y2025.retention).toBeLessThan(0.55);
    for (const r of [y2024, y2025]) {
      expect(r.employment).toBeGreaterThan(0.8);
      expect(r.employment).toBeLessThan(0.92);
      expect(r.related).toBeGreaterThan(0.72);
      expect(r.related).toBeLessThan(0.88);
    }
  });

  test("each 2024 and 2025 graduate has one destination whose employer data is valid", () => {
    const graduates = city.students.filter((s) => s.graduationYear === 2024 || s.graduationYear === 2025);
    expect(city.outcomes).toHaveLength(graduates.length);
    expect(new Set(city.outcomes.map((o) => o.studentNationalId)).size).toBe(graduates.length);
    const keys = new Set(city.enterprises.map((e) => e.key));
    for (const outcome of city.outcomes) {
      if (outcome.status !== "EMPLOYED") {
        expect(outcome.employerName).toBeUndefined();
        continue;
      }
      expect(checkCreditCode(outcome.employerCreditCode).ok).toBe(true);
      expect(checkDistrict(outcome.workDistrict).ok).toBe(true);
      expect(checkIndustry(outcome.industry)).toMatchObject({ ok: true, value: { level: 4 } });
      if (outcome.employerKey) expect(keys.has(outcome.employerKey)).toBe(true);
      expect(outcome.date.startsWith(String(outcome.graduationYear))).toBe(true);
    }
    expect(city.outcomes.some((o) => o.employerKey)).toBe(true);
    expect(city.outcomes.some((o) => o.status === "EMPLOYED" && !o.employerKey)).toBe(true);
  });

  test("it is fast enough to build on every seed run", () => {
    const start = Date.now();
    buildDemoCity(99);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
