import type { Types } from "mongoose";
import type { AllocationRun } from "../../schema/allocation-run.model";
import { EnterpriseModel } from "../../schema/enterprise.model";
import { ApplicationStatus, PostingKind, PostingStatus } from "../../schema/enums";
import { PlacementStatus } from "../../schema/placement.model";
import { SchoolModel } from "../../schema/school.model";
import { ageOn } from "../../schema/rules/national-id";
import { enterpriseBounds, type EdgePosting, type EdgeStudent, type Instance } from "../../matching";
import type { AllocationProfiles } from "../solver/profiles-instance";
import type { ApplicationProfiles, PlacementProfiles, PostingProfiles, StudentProfiles } from "./packed-profiles";

/** Where a run reads students, postings and the places active runs hold. */
export interface ProfileSources {
  students: StudentProfiles;
  postings: PostingProfiles;
  placements: PlacementProfiles;
  applications: ApplicationProfiles;
}

/** What the solver's worker needs, plus what the service needs to write the result back. */
export interface LoadedProfiles {
  profiles: AllocationProfiles;
  /** Student id -> school id, for writing placements and unplaced students. */
  schoolOf: Map<string, Types.ObjectId>;
}

/** School year of a student on a date: enrolled in September; 1 = first year. */
export function studyYear(enrolmentYear: number, date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return year - enrolmentYear + (month >= 9 ? 1 : 0);
}

/**
 * Offers of the active committed runs that still hold a place (offered or
 * accepted): their students are not allocated again, and their places count
 * against postings' capacity and enterprises' bounds.
 */
export async function heldPlaces(activeRuns: Types.ObjectId[], placements: PlacementProfiles) {
  if (activeRuns.length === 0) return [];
  return (await placements.load(activeRuns)).filter((p) => p.status === PlacementStatus.OFFERED || p.status === PlacementStatus.ACCEPTED);
}

/**
 * Reads the database into the profiles of an allocation for a run's scope and
 * policy: students in scope without a held place, open internship postings
 * with their remaining capacity, enterprise floors and ceilings from
 * `enterpriseBounds` net of interns already there (recorded ones plus places
 * held in active runs). The worker scores the edges (`buildEdges`).
 */
export async function loadAllocationProfiles(run: AllocationRun, activeRuns: Types.ObjectId[], today: string, profiles: ProfileSources): Promise<LoadedProfiles> {
  const refYear = Number(today.slice(0, 4));
  const graduationYears = new Set(run.scope.graduationYears);
  const enrolmentYears = new Set(run.scope.enrolmentYears);
  const inRunScope = (s: { graduationYear: number; enrolmentYear: number }) =>
    (graduationYears.size ? graduationYears.has(s.graduationYear) : s.graduationYear >= refYear) && (enrolmentYears.size === 0 || enrolmentYears.has(s.enrolmentYear));
  const districts = new Set(run.scope.districts);

  // Students, postings, preferences and held places come from their packed profiles (a few chunks
  // each); schools and enterprises are small. One read at a time: on FerretDB concurrent reads only
  // compete for the same two cores. Students and postings in id order: the instance (and the
  // candidates kept among equal scores) must not depend on the order imports happened to land in.
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const students = (await profiles.students.load(run.scope.schoolIds)).filter(inRunScope).sort(byId);
  const schools = await SchoolModel.find({}, { level: 1 }).lean();
  const postings = (await profiles.postings.load()).filter(
    (p) => p.kind === PostingKind.INTERNSHIP && p.status === PostingStatus.OPEN && (districts.size === 0 || districts.has(p.district)),
  ).sort(byId);
  const enterprises = await EnterpriseModel.find({}, { headcount: 1, aboveScale: 1, recordedInterns: 1 }).lean();
  const applications = (await profiles.applications.load(run.scope.schoolIds)).filter((a) => a.status === ApplicationStatus.ACTIVE);
  const held = await heldPlaces(activeRuns, profiles.placements);

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
    const list = preferences.get(a.student) ?? [];
    list.push({ posting: a.posting, rank: a.rank });
    preferences.set(a.student, list);
  }

  const schoolOf = new Map<string, Types.ObjectId>();
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
