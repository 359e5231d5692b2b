import { Types, trusted } from "mongoose";
import { EnterpriseModel } from "../schema/enterprise.model";
import { PostingModel } from "../schema/posting.model";
import { SchoolModel } from "../schema/school.model";
import { StudentModel } from "../schema/student.model";
import { UserModel } from "../schema/user.model";
import { ApplicationModel } from "../schema/application.model";
import { ApplicationStatus, PostingKind, PostingStatus, Role, SchoolLevel } from "../schema/enums";
import { createRng } from "../schema/rules/rng";
import { Role as ViewerRole } from "../schema/enums";
import type { Viewer } from "../server/auth";
import { hashPassword } from "../server/security/passwords";
import type { Services } from "../server/services";
import { buildDemoCity, type DemoCity } from "./demo-city";
import { loadDemoOutcomes } from "./load-outcomes";

export const DEMO_PASSWORD = "demo-password";

export interface DemoAccount {
  email: string;
  role: Role;
  description: string;
}

/** The accounts the README lists (one per role); every demo school and enterprise has one more. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "bureau@demo.local", role: Role.BUREAU, description: "泉州市人社局（市人力资源和社会保障局）" },
  { email: "school@demo.local", role: Role.SCHOOL, description: "泉州职业技术大学" },
  { email: "enterprise@demo.local", role: Role.ENTERPRISE, description: "福建盼盼食品有限公司" },
  { email: "student@demo.local", role: Role.STUDENT, description: "泉州职业技术大学的一名在校生（有岗位志愿）" },
];

const BUREAU: Viewer = { userId: "seed", role: ViewerRole.BUREAU, schoolId: null, enterpriseId: null };

export interface LoadSummary {
  enterprises: number;
  schools: number;
  students: number;
  postings: number;
  applications: number;
  outcomes: number;
  accounts: number;
}

/**
 * Loads the demo city into an empty database through the services (so every
 * record passes the same checks as API input). Returns null, and writes
 * nothing, when the database already holds schools or enterprises.
 */
export async function loadDemoData(services: Services, options: { createDemoAccounts: boolean; city?: DemoCity }): Promise<LoadSummary | null> {
  if ((await SchoolModel.estimatedDocumentCount()) > 0 || (await EnterpriseModel.estimatedDocumentCount()) > 0) return null;
  const city = options.city ?? buildDemoCity();

  for (const cluster of city.clusters) await services.clusters.upsert(cluster);

  const enterpriseIds = new Map<string, Types.ObjectId>();
  for (const e of city.enterprises) {
    const created = await services.enterprises.create({
      name: e.name, creditCode: e.creditCode, district: e.district, industry: e.industry,
      clusters: e.clusters, headcount: e.headcount, annualRevenue: e.annualRevenue,
    });
    enterpriseIds.set(e.key, created._id);
  }

  const schoolIds = new Map<string, Types.ObjectId>();
  for (const s of city.schools) {
    const created = await services.schools.create({ name: s.name, level: s.level as SchoolLevel, district: s.district, majors: s.majors });
    schoolIds.set(s.key, created._id);
  }

  const bySchool = new Map<string, DemoCity["students"]>();
  for (const student of city.students) bySchool.set(student.schoolKey, [...(bySchool.get(student.schoolKey) ?? []), student]);
  for (const [schoolKey, rows] of bySchool) {
    const schoolId = schoolIds.get(schoolKey);
    if (!schoolId) throw new Error(`demo student of unknown school ${schoolKey}`);
    for (let i = 0; i < rows.length; i += 5000) {
      await services.students.importStudents(BUREAU, String(schoolId), rows.slice(i, i + 5000).map(({ schoolKey: _key, ...row }) => row));
    }
  }

  for (const p of city.postings) {
    const enterpriseId = enterpriseIds.get(p.enterpriseKey);
    if (!enterpriseId) throw new Error(`demo posting of unknown enterprise ${p.enterpriseKey}`);
    const created = await services.postings.create(BUREAU, {
      enterpriseId: String(enterpriseId), kind: p.kind as PostingKind, title: p.title, description: p.description,
      majors: p.majors, levels: p.levels as SchoolLevel[], district: p.district, capacity: p.capacity,
      monthlyPay: p.monthlyPay, regularWage: p.regularWage ?? null, startDate: p.startDate, endDate: p.endDate,
    });
    if (p.status === "CLOSED") await services.postings.close(BUREAU, String(created._id));
  }

  const applications = await seedPreferences(services);
  const outcomes = await loadDemoOutcomes(services, city);
  await (await import("./notices")).loadDemoNotices(services); // issue 13: 200 notices of each kind, through the notice service

  let accounts = 0;
  if (options.createDemoAccounts) {
    // One hash for all demo accounts: they share the published demo password anyway.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const demoStudent = await studentWithPreferences(schoolIds.get(demoSchoolKey(city))!);
    const users: Record<string, unknown>[] = [
      { email: "bureau@demo.local", role: Role.BUREAU, passwordHash },
      ...(demoStudent ? [{ email: "student@demo.local", role: Role.STUDENT, student: demoStudent, passwordHash }] : []),
      { email: "school@demo.local", role: Role.SCHOOL, school: schoolIds.get(demoSchoolKey(city)), passwordHash },
      { email: "enterprise@demo.local", role: Role.ENTERPRISE, enterprise: enterpriseIds.get(demoEnterpriseKey(city)), passwordHash },
    ];
    for (const [key, id] of schoolIds) users.push({ email: `${key}@school.demo.local`, role: Role.SCHOOL, school: id, passwordHash });
    for (const [key, id] of enterpriseIds) users.push({ email: `${key}@enterprise.demo.local`, role: Role.ENTERPRISE, enterprise: id, passwordHash });
    await UserModel.insertMany(users);
    accounts = users.length;
  }

  return {
    enterprises: enterpriseIds.size,
    schools: schoolIds.size,
    students: city.students.length,
    postings: city.postings.length,
    applications,
    outcomes,
    accounts,
  };
}

/** The school of school@demo.local: 泉州职业技术大学 when present. */
function demoSchoolKey(city: DemoCity): string {
  return (city.schools.find((s) => s.name === "泉州职业技术大学") ?? city.schools[0]!).key;
}

/** The enterprise of enterprise@demo.local: 盼盼 when present. */
function demoEnterpriseKey(city: DemoCity): string {
  return (city.enterprises.find((e) => e.name.includes("盼盼")) ?? city.enterprises[0]!).key;
}

/** The student of student@demo.local: the first of the school with the most (at least 2) active preferences. */
async function studentWithPreferences(school: Types.ObjectId): Promise<Types.ObjectId | null> {
  const applications = await ApplicationModel.find({ school, status: ApplicationStatus.ACTIVE }, { student: 1 }).sort({ _id: 1 }).lean();
  const counts = new Map<string, { id: Types.ObjectId; n: number }>();
  for (const a of applications) {
    const entry = counts.get(String(a.student)) ?? { id: a.student, n: 0 };
    entry.n += 1;
    counts.set(String(a.student), entry);
  }
  let best: { id: Types.ObjectId; n: number } | null = null;
  for (const entry of counts.values()) if (entry.n >= 2 && (!best || entry.n > best.n)) best = entry;
  return best?.id ?? null;
}

/**
 * Ranked preferences (up to 5) of current students for open internships that
 * accept their major, so that an allocation has something to work with.
 */
async function seedPreferences(services: Services): Promise<number> {
  const rng = createRng(4242);
  const postings = await PostingModel.find({ kind: PostingKind.INTERNSHIP, status: PostingStatus.OPEN }).lean();
  const students = await StudentModel.find({ graduationYear: trusted({ $gte: 2026 }) }, { _id: 1, school: 1, major: 1 }).sort({ _id: 1 }).lean();
  const docs: Parameters<Services["applications"]["insertChecked"]>[0] = [];
  for (const student of students) {
    const fitting = postings.filter((p) => p.majors.includes(student.major) || p.majors.includes(student.major.slice(0, 4)));
    const count = Math.min(fitting.length, rng.int(0, 5));
    const chosen = rng.shuffle([...fitting]).slice(0, count);
    chosen.forEach((posting, i) => docs.push({
      student: student._id, posting: posting._id, school: student.school, enterprise: posting.enterprise,
      rank: i + 1, status: ApplicationStatus.ACTIVE,
    }));
  }
  if (docs.length) await services.applications.insertChecked(docs);
  return docs.length;
}
