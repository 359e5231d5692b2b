/**
 * Demo city generator: a deterministic, pure (no I/O, no clock) Quanzhou with the real enterprises
 * and schools of the seed documents, generated students, postings and graduate destinations.
 *
 * Everything is plain data; IDs, codes and majors pass the validators of schema/rules. Credit codes
 * are generated, NOT the organisations' real codes; people are fictitious.
 */
import { DEFAULT_CLUSTERS, clustersOfIndustry, clustersOfMajor } from "../schema/reference/clusters";
import { findQuanzhouDivision, QUANZHOU_COUNTIES } from "../schema/reference/divisions";
import { findMajor, type Major } from "../schema/reference/majors";
import { generateCreditCode, generateFujianPilotCode } from "../schema/rules/credit-code";
import { generateNationalId, type Gender } from "../schema/rules/national-id";
import { generatePhone } from "../schema/rules/phone";
import { createRng, type Rng } from "../schema/rules/rng";
import { SCHOOL_LEVEL_LABELS, SCHOOL_LEVEL_YEARS, type SchoolLevel } from "../schema/rules/school-level";
import { isAboveScale, internQuota } from "../schema/rules/enterprise-size";
import { CLUSTER_PROFILES, GENERIC_SKILLS } from "./data/cluster-profiles";
import { ENTERPRISE_SEEDS } from "./data/enterprises";
import { EMPLOYER_PLACE, EMPLOYER_WORDS, GIVEN_COMMON, GIVEN_FEMALE, GIVEN_MALE, OUTSIDE_HOME_DISTRICTS, OUTSIDE_WORK_DISTRICTS, SURNAMES } from "./data/names";
import { SCHOOL_SEEDS } from "./data/schools";

export interface DemoCluster { code: string; name: string; industries: string[]; majorPrefixes: string[] }
export interface DemoEnterprise {
  key: string; name: string; creditCode: string; district: string;
  /** GB/T 4754 4-digit class. */
  industry: string;
  /** Cluster codes. */
  clusters: string[];
  headcount: number;
  /** Yuan per year. */
  annualRevenue: number;
  /** Typical monthly wage, yuan. */
  regularWage: number;
}
export interface DemoSchool {
  key: string; name: string; level: SchoolLevel; district: string;
  /** 6-digit codes consistent with level. */
  majors: string[];
}
export interface DemoStudent {
  schoolKey: string; name: string; nationalId: string; phone: string; major: string;
  enrolmentYear: number; graduationYear: number; homeDistrict: string; skills: string[]; certificates: string[];
}
export interface DemoPosting {
  enterpriseKey: string; kind: "INTERNSHIP" | "JOB"; title: string; description: string; majors: string[]; levels: SchoolLevel[];
  district: string; capacity: number; monthlyPay: number; regularWage?: number;
  /** YYYY-MM-DD */
  startDate: string; endDate: string; status: "OPEN" | "CLOSED";
}
export interface DemoOutcome {
  studentNationalId: string; graduationYear: number; status: "EMPLOYED" | "FURTHER_STUDY" | "UNEMPLOYED" | "OTHER";
  employerKey?: string; employerName?: string; employerCreditCode?: string; workDistrict?: string; industry?: string;
  relatedToMajor?: boolean; date: string; source: string;
}
export interface DemoCity {
  clusters: DemoCluster[]; enterprises: DemoEnterprise[]; schools: DemoSchool[]; students: DemoStudent[];
  postings: DemoPosting[]; outcomes: DemoOutcome[];
}

/** Share of employed graduates working in Quanzhou before school offsets (a visible rise, cf. 001 §1(2) target 50%). */
const RETENTION_BASE: Readonly<Record<number, number>> = { 2024: 0.415, 2025: 0.485 };
/** Graduation years of the generated cohorts (2024/2025 graduated, 2026/2027 current, rest first-years). */
const COHORTS = [
  { kind: "GRADUATED", graduationYear: 2024, weight: 22 },
  { kind: "GRADUATED", graduationYear: 2025, weight: 22 },
  { kind: "CURRENT", graduationYear: 2026, weight: 23 },
  { kind: "CURRENT", graduationYear: 2027, weight: 23 },
  { kind: "FIRST_YEAR", graduationYear: 0, weight: 10 },
] as const;
const FIRST_YEAR_ENROLMENT = 2025;
const INTERNSHIP_STARTS = ["2026-03-01", "2026-07-01", "2026-09-01", "2026-11-01", "2027-03-01"];
const OUTCOME_SOURCES = ["学校就业统计", "毕业生自报", "社保缴费比对"];

/** Adds whole months to a YYYY-MM-DD date and subtracts one day (end of an n-month period). */
function periodEnd(start: string, months: number): string {
  const [y, m, d] = start.split("-").map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

function randomDateBetween(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((b - a) / 86_400_000);
  return new Date(a + rng.int(0, days) * 86_400_000).toISOString().slice(0, 10);
}

function weightedPick<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  return rng.weighted(table.map(([item]) => item), table.map(([, weight]) => weight));
}

function personName(rng: Rng, gender: Gender): string {
  const surname = weightedPick(rng, SURNAMES);
  const pool = gender === "MALE" ? GIVEN_MALE : GIVEN_FEMALE;
  const first = rng.chance(0.2) ? rng.pick(GIVEN_COMMON) : rng.pick(pool);
  return rng.chance(0.85) ? surname + first + rng.pick(pool) : surname + first;
}

/** Quanzhou counties weighted by population/economy, for homes and local employers. */
const COUNTY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ["350582", 10], ["350583", 7], ["350503", 5], ["350502", 4], ["350581", 5], ["350521", 4],
  ["350505", 2], ["350504", 2], ["350524", 4], ["350525", 2], ["350526", 2],
];

function shortPlaceName(district: string): string {
  const division = findQuanzhouDivision(district);
  if (division) return division.name.replace(/(市|区|县)$/, "");
  const city4: Record<string, string> = { "3501": "福州", "3502": "厦门", "3503": "莆田", "3506": "漳州", "3508": "龙岩", "3509": "宁德" };
  return city4[district.slice(0, 4)] ?? EMPLOYER_PLACE[district.slice(0, 2)] ?? "华夏";
}

function majorOf(code: string): Major {
  const major = findMajor(code);
  if (!major) throw new Error(`demo data uses unknown major ${code}`);
  return major;
}

function profileFor(majorCode: string) {
  const clusters = clustersOfMajor(majorCode);
  return { clusters, profile: CLUSTER_PROFILES[clusters[0] ?? ""] };
}

function buildEnterprises(rng: Rng): DemoEnterprise[] {
  return ENTERPRISE_SEEDS.map((seed) => {
    const codeRng = rng.fork(`enterprise:${seed.key}`);
    const creditCode = seed.pilotCode ? generateFujianPilotCode(codeRng, seed.district) : generateCreditCode(codeRng, seed.district);
    const clusters = [...new Set([...clustersOfIndustry(seed.industry), ...(seed.extraClusters ?? [])])];
    return {
      key: seed.key, name: seed.name, creditCode, district: seed.district, industry: seed.industry, clusters,
      headcount: seed.headcount, annualRevenue: seed.annualRevenue, regularWage: seed.regularWage,
    };
  });
}

function buildStudents(rng: Rng, schools: readonly DemoSchool[]): DemoStudent[] {
  const students: DemoStudent[] = [];
  const usedIds = new Set<string>();
  const usedPhones = new Set<string>();
  for (const school of schools) {
    const seed = SCHOOL_SEEDS.find((s) => s.key === school.key)!;
    const srng = rng.fork(`students:${school.key}`);
    const years = SCHOOL_LEVEL_YEARS[school.level];
    for (let i = 0; i < seed.students; i++) {
      const cohort = weightedPick(srng, COHORTS.map((c) => [c, c.weight] as const));
      const enrolmentYear = cohort.kind === "FIRST_YEAR" ? FIRST_YEAR_ENROLMENT : cohort.graduationYear - years;
      const graduationYear = enrolmentYear + years;
      const gender: Gender = srng.chance(0.52) ? "MALE" : "FEMALE";
      // 中职 students enrol at about 15, the others at about 18 (age on 1 September of the enrolment year).
      const enrolAge = school.level === "SECONDARY_VOCATIONAL" ? weightedPick(srng, [[15, 8], [16, 2]]) : weightedPick(srng, [[17, 1], [18, 7], [19, 2]]);
      const birthDate = randomDateBetween(srng, `${enrolmentYear - enrolAge - 1}-09-01`, `${enrolmentYear - enrolAge}-08-31`);
      const local = srng.chance(school.level === "UNDERGRADUATE" ? 0.55 : school.level === "SECONDARY_VOCATIONAL" ? 0.95 : 0.8);
      const homeDistrict = local
        ? srng.chance(0.5) ? school.district : weightedPick(srng, COUNTY_WEIGHTS)
        : weightedPick(srng, OUTSIDE_HOME_DISTRICTS);
      let nationalId: string;
      do nationalId = generateNationalId(srng, { addressCode: homeDistrict, birthDate, gender });
      while (usedIds.has(nationalId));
      usedIds.add(nationalId);
      let phone: string;
      do phone = generatePhone(srng);
      while (usedPhones.has(phone));
      usedPhones.add(phone);
      const major = srng.pick(school.majors);
      const { profile } = profileFor(major);
      const grade = Math.min(years, 2026 - enrolmentYear);
      const skills = [...srng.sample(profile.skills, srng.int(1, 3)), ...srng.sample(GENERIC_SKILLS, srng.int(0, 1))];
      const certificates = srng.sample(profile.certificates, grade <= 1 ? 0 : srng.int(0, 2));
      students.push({
        schoolKey: school.key, name: personName(srng, gender), nationalId, phone, major,
        enrolmentYear, graduationYear, homeDistrict, skills, certificates,
      });
    }
  }
  return students;
}

function buildPostings(rng: Rng, enterprises: readonly DemoEnterprise[], schools: readonly DemoSchool[]): DemoPosting[] {
  const offered = new Set(schools.flatMap((school) => school.majors));
  const postings: DemoPosting[] = [];
  for (const enterprise of enterprises) {
    const prng = rng.fork(`postings:${enterprise.key}`);
    const candidates = [...offered].filter((code) => clustersOfMajor(code).some((c) => enterprise.clusters.includes(c))).sort();
    if (candidates.length === 0) continue;
    const byLevel = new Map<SchoolLevel, string[]>();
    for (const code of candidates) {
      const level = majorOf(code).level;
      byLevel.set(level, [...(byLevel.get(level) ?? []), code]);
    }
    const levels = [...byLevel.keys()];
    const { floor } = internQuota(enterprise);
    const internshipCount = enterprise.headcount >= 1000 ? prng.int(4, 6) : prng.int(2, 4);
    const enterpriseInternships: DemoPosting[] = [];
    for (let i = 0; i < internshipCount; i++) {
      const mainLevel = prng.weighted(levels, levels.map((l) => byLevel.get(l)!.length));
      const postingLevels = [mainLevel];
      const other = levels.filter((l) => l !== mainLevel);
      if (other.length > 0 && prng.chance(0.3)) postingLevels.push(prng.pick(other));
      const majors = postingLevels.flatMap((level) => prng.sample(byLevel.get(level)!, prng.int(1, 3)));
      const regularWage = Math.round((enterprise.regularWage * (0.9 + prng.next() * 0.2)) / 100) * 100;
      const monthlyPay = Math.ceil((regularWage * (0.8 + prng.next() * 0.15)) / 100) * 100;
      const startDate = prng.pick(INTERNSHIP_STARTS);
      const lead = majorOf(majors[0]);
      enterpriseInternships.push({
        enterpriseKey: enterprise.key,
        kind: "INTERNSHIP",
        title: `${lead.name}方向岗位实习生`,
        description: `${enterprise.name}（${shortPlaceName(enterprise.district)}）招收${postingLevels.map((l) => SCHOOL_LEVEL_LABELS[l]).join("、")}`
          + `${majors.map((m) => majorOf(m).name).join("、")}等专业学生岗位实习，为期6个月，月薪${monthlyPay}元，专业对口，配备企业导师。`,
        majors,
        levels: postingLevels,
        district: enterprise.district,
        capacity: prng.int(1, 10),
        monthlyPay,
        regularWage,
        startDate,
        endDate: periodEnd(startDate, 6),
        status: prng.chance(0.87) ? "OPEN" : "CLOSED",
      });
    }
    // Above-scale enterprises with a modest floor (2% of staff, 001 §3(3)) get enough open places to meet it;
    // the largest ones keep a floor their postings cannot reach (a visible shortfall).
    if (floor > 0 && floor <= 30) {
      let open = enterpriseInternships.filter((p) => p.status === "OPEN").reduce((sum, p) => sum + p.capacity, 0);
      for (const posting of enterpriseInternships) {
        if (open >= floor + 2) break;
        if (posting.status !== "OPEN") continue;
        open += 10 - posting.capacity;
        posting.capacity = 10;
      }
    }
    postings.push(...enterpriseInternships);
    const jobCount = isAboveScale(enterprise) ? prng.int(1, 2) : prng.int(0, 1);
    for (let j = 0; j < jobCount; j++) {
      const postingLevels = prng.sample(levels, Math.min(levels.length, prng.int(1, 2)));
      const majors = postingLevels.flatMap((level) => prng.sample(byLevel.get(level)!, prng.int(1, 2)));
      const monthlyPay = Math.round((enterprise.regularWage * (0.95 + prng.next() * 0.2)) / 100) * 100;
      const lead = majorOf(majors[0]);
      postings.push({
        enterpriseKey: enterprise.key,
        kind: "JOB",
        title: `${lead.name}方向储备人才`,
        description: `${enterprise.name}招聘${postingLevels.map((l) => SCHOOL_LEVEL_LABELS[l]).join("、")}应届毕业生，专业：${majors.map((m) => majorOf(m).name).join("、")}，月薪${monthlyPay}元起，缴纳五险一金。`,
        majors,
        levels: postingLevels,
        district: enterprise.district,
        capacity: prng.int(1, 10),
        monthlyPay,
        startDate: "2026-07-01",
        endDate: "2027-06-30",
        status: prng.chance(0.85) ? "OPEN" : "CLOSED",
      });
    }
  }
  return postings;
}

function buildOutcomes(rng: Rng, students: readonly DemoStudent[], schools: readonly DemoSchool[], enterprises: readonly DemoEnterprise[]): DemoOutcome[] {
  const schoolByKey = new Map(schools.map((school) => [school.key, school]));
  const localEnterprises = enterprises.filter((e) => e.district.startsWith("3505"));
  const graduates = students.filter((student) => RETENTION_BASE[student.graduationYear] !== undefined);
  // Pass 1: destination status of every graduate.
  const statuses = graduates.map((student) => {
    const srng = rng.fork(`status:${student.nationalId}`);
    const secondary = schoolByKey.get(student.schoolKey)!.level === "SECONDARY_VOCATIONAL";
    return weightedPick(srng, (secondary
      ? [["EMPLOYED", 80], ["FURTHER_STUDY", 14], ["UNEMPLOYED", 4], ["OTHER", 2]]
      : [["EMPLOYED", 88], ["FURTHER_STUDY", 6], ["UNEMPLOYED", 5], ["OTHER", 1]]) as ReadonlyArray<readonly [DemoOutcome["status"], number]>);
  });
  // Pass 2: within each school and year, exactly round(rate × employed) work in Quanzhou, so the
  // city-wide retention trend does not depend on sampling noise.
  const inCity = new Set<string>();
  const groups = new Map<string, DemoStudent[]>();
  graduates.forEach((student, i) => {
    if (statuses[i] !== "EMPLOYED") return;
    const key = `${student.schoolKey}:${student.graduationYear}`;
    groups.set(key, [...(groups.get(key) ?? []), student]);
  });
  for (const [key, members] of groups) {
    const [schoolKey, year] = key.split(":");
    const offset = SCHOOL_SEEDS.find((s) => s.key === schoolKey)!.retentionOffset;
    const rate = Math.min(0.95, Math.max(0.05, RETENTION_BASE[Number(year)] + offset));
    for (const student of rng.fork(`retention:${key}`).shuffle(members).slice(0, Math.round(rate * members.length))) inCity.add(student.nationalId);
  }
  // Pass 3: the records.
  return graduates.map((student, i): DemoOutcome => {
    const orng = rng.fork(`outcome:${student.nationalId}`);
    const status = statuses[i];
    const source = orng.pick(OUTCOME_SOURCES);
    const year = student.graduationYear;
    if (status === "FURTHER_STUDY") return { studentNationalId: student.nationalId, graduationYear: year, status, date: `${year}-09-01`, source };
    if (status !== "EMPLOYED") return { studentNationalId: student.nationalId, graduationYear: year, status, date: `${year}-12-31`, source };
    const local = inCity.has(student.nationalId);
    const related = orng.chance(0.8);
    const majorClusters = clustersOfMajor(student.major);
    const date = randomDateBetween(orng, `${year}-06-15`, `${year}-12-15`);
    const base = { studentNationalId: student.nationalId, graduationYear: year, status, relatedToMajor: related, date, source };
    if (local && orng.chance(0.55)) {
      const fits = localEnterprises.filter((e) => e.clusters.some((c) => majorClusters.includes(c)) === related);
      if (fits.length > 0) {
        const employer = orng.pick(fits);
        return {
          ...base, employerKey: employer.key, employerName: employer.name, employerCreditCode: employer.creditCode,
          workDistrict: employer.district, industry: employer.industry,
        };
      }
    }
    const workDistrict = local ? weightedPick(orng, COUNTY_WEIGHTS) : weightedPick(orng, OUTSIDE_WORK_DISTRICTS);
    const clusterCode = related
      ? (majorClusters.length > 0 ? orng.pick(majorClusters) : "")
      : orng.pick(DEFAULT_CLUSTERS.map((c) => c.code).filter((c) => !majorClusters.includes(c)));
    const profile = CLUSTER_PROFILES[clusterCode];
    const employerName = `${shortPlaceName(workDistrict)}${orng.pick(EMPLOYER_WORDS)}${profile.employerWord}有限公司`;
    return {
      ...base, employerName, employerCreditCode: generateCreditCode(orng, workDistrict), workDistrict,
      industry: orng.pick(profile.industryClasses),
    };
  });
}

/**
 * Builds the demo city for a seed: clusters (the default list), the real enterprises and schools of
 * the seed documents, ≥ 2,400 generated students, postings (internships with regularWage and pay
 * ≥ 80% of it, 2021 rules art. 18; some jobs) and destinations of the 2024 and 2025 graduates.
 * Same seed → deep-equal result. Pure: no I/O, no clock, no global state.
 */
export function buildDemoCity(seed = 2026): DemoCity {
  const rng = createRng(seed);
  const clusters: DemoCluster[] = DEFAULT_CLUSTERS.map((c) => ({ code: c.code, name: c.name, industries: [...c.industries], majorPrefixes: [...c.majorPrefixes] }));
  const enterprises = buildEnterprises(rng);
  const schools: DemoSchool[] = SCHOOL_SEEDS.map((s) => ({ key: s.key, name: s.name, level: s.level, district: s.district, majors: [...s.majors] }));
  const students = buildStudents(rng, schools);
  const postings = buildPostings(rng, enterprises, schools);
  const outcomes = buildOutcomes(rng, students, schools, enterprises);
  return { clusters, enterprises, schools, students, postings, outcomes };
}

/** Quanzhou county codes usable as real districts (re-exported for factories). */
export const DEMO_COUNTIES: readonly string[] = QUANZHOU_COUNTIES.map((division) => division.code);
