import type { Id, AllocationRun } from "../store/documents";
import { ageOn } from "../../schema/rules/national-id";
import { enterpriseBounds, type EdgePosting, type EdgeStudent, type Instance } from "../../matching";
import type { AllocationProfiles } from "../solver/profiles-instance";
import type { Stores } from "../store";

/** What the solver's worker needs, plus what the service needs to write the result back. */
export interface LoadedProfiles {
  profiles: AllocationProfiles;
  /** Student id -> school id, for writing placements and unplaced students. */
  schoolOf: Map<string, Id>;
}

/** School year of a student on a date: enrolled in September; 1 = first year. */
export function studyYear(enrolmentYear: number, date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return year - enrolmentYear + (month >= 9 ? 1 : 0);
}

/**
 * Reads the database into the profiles of an allocation for a run's scope and
 * policy: students in scope without a held place, open internship postings
 * with their remaining capacity, enterprise floors and ceilings from
 * `enterpriseBounds` net of interns already there (recorded ones plus places
 * held in active runs). The worker scores the edges (`buildEdges`).
 */
export async function loadAllocationProfiles(run: AllocationRun, activeRuns: Id[], today: string, stores: Stores): Promise<LoadedProfiles> {
  const refYear = Number(today.slice(0, 4));
  const graduationYears = new Set(run.scope.graduationYears);
  const enrolmentYears = new Set(run.scope.enrolmentYears);
  const inRunScope = (s: { graduationYear: number; enrolmentYear: number }) =>
    (graduationYears.size ? graduationYears.has(s.graduationYear) : s.graduationYear >= refYear) && (enrolmentYears.size === 0 || enrolmentYears.has(s.enrolmentYear));
  const districts = new Set(run.scope.districts);

  // One read at a time: on two cores concurrent reads only compete. Students and postings come in
  // id order: the instance (and the candidates kept among equal scores) must not depend on the
  // order imports happened to land in. Held places: offers (offered or accepted) of active runs;
  // their students are not allocated again, their places count against capacities and bounds.
  const students = (await stores.students.profiles(run.scope.schoolIds)).filter(inRunScope);
  const schools = await stores.schools.all();
  const postings = (await stores.postings.openInternships()).filter((p) => districts.size === 0 || districts.has(p.district));
  const enterprises = await stores.enterprises.all();
  const applications = await stores.applications.activeOf(run.scope.schoolIds);
  const held = await stores.runs.heldPlaces(activeRuns);

  const levelOf = new Map(schools.map((s) => [String(s._id), s.level]));
  const placedStudents = new Set(held.map((h) => h.student));
  const usedByPosting = new Map<string, number>();
  const internsByEnterprise = new Map<string, number>();
  for (const h of held) {
    usedByPosting.set(h.posting, (usedByPosting.get(h.posting) ?? 0) + 1);
    internsByEnterprise.set(h.enterprise, (internsByEnterprise.get(h.enterprise) ?? 0) + 1);
  }
  const preferences = new Map<string, { posting: string; rank: number }[]>();
  for (const a of applications) {
    const student = String(a.student);
    const list = preferences.get(student) ?? [];
    list.push({ posting: String(a.posting), rank: a.rank });
    preferences.set(student, list);
  }

  const schoolOf = new Map<string, Id>();
  const edgeStudents: EdgeStudent[] = [];
  for (const s of students) {
    const { id } = s;
    if (placedStudents.has(id)) continue;
    const level = levelOf.get(String(s.school));
    if (!level) continue;
    schoolOf.set(id, s.school);
    edgeStudents.push({
      id,
      major: s.major,
      level,
      age: ageOn(s.birthDate, today),
      studyYear: studyYear(s.enrolmentYear, today),
      homeDistrict: s.homeDistrict,
      preferences: (preferences.get(id) ?? []).sort((a, b) => a.rank - b.rank).map((p) => p.posting),
    });
  }

  const edgePostings: EdgePosting[] = [];
  const capacities: number[] = [];
  const enterprisesInScope = new Set<string>();
  for (const p of postings) {
    const id = p.id;
    const remaining = Math.max(0, p.capacity - (usedByPosting.get(id) ?? 0));
    if (remaining === 0) continue;
    const enterprise = p.enterprise;
    enterprisesInScope.add(enterprise);
    capacities.push(remaining);
    edgePostings.push({ id, enterprise, kind: "INTERNSHIP", majors: p.majors, levels: p.levels, district: p.district, open: true });
  }
  const instanceEnterprises: Instance["enterprises"] = [];
  for (const e of enterprises) {
    const id = String(e._id);
    if (!enterprisesInScope.has(id)) continue;
    const current = (e.recordedInterns ?? 0) + (internsByEnterprise.get(id) ?? 0);
    instanceEnterprises.push({ id, ...enterpriseBounds({ headcount: e.headcount, aboveScale: e.aboveScale }, current, run.policy) });
  }

  return {
    profiles: {
      students: edgeStudents,
      postings: edgePostings,
      capacities,
      enterprises: instanceEnterprises,
      floorPenalty: run.policy.floorPenalty,
      weights: run.weights,
      maxCandidatesPerStudent: run.policy.maxCandidatesPerStudent ?? 30,
    },
    schoolOf,
  };
}
