import { Role } from "../../schema/enums";
import { ForbiddenError } from "../errors";
import type { Viewer } from "./token";

/*
 * What each role may see, as the row filters the services apply (top-level equality, which the
 * store's indexes serve). Depends on nothing of the services, the context or the store.
 */

/** May this viewer read and change this school's data (its students and their applications)? */
export function canManageSchool(viewer: Viewer, schoolId: string): boolean {
  return viewer.role === Role.BUREAU || (viewer.role === Role.SCHOOL && viewer.schoolId === schoolId);
}

/** May this viewer read and change this enterprise's data (its postings and the applications to them)? */
export function canManageEnterprise(viewer: Viewer, enterpriseId: string): boolean {
  return viewer.role === Role.BUREAU || (viewer.role === Role.ENTERPRISE && viewer.enterpriseId === enterpriseId);
}

/** Is this viewer the student's own account? */
export function isOwnStudent(viewer: Viewer, studentId: string): boolean {
  return viewer.role === Role.STUDENT && !!viewer.studentId && viewer.studentId === studentId;
}

/** Full national ID and phone are shown only to the student's own school. */
export function canSeeIdentity(viewer: Viewer, studentSchoolId: string): boolean {
  return viewer.role === Role.SCHOOL && viewer.schoolId === studentSchoolId;
}

/*
 * Students reach no root list (their role is not among ANY_ROLE's); should a list ever admit
 * them, the scopes below still narrow it to their own rows rather than to everything.
 */

/** Mongo filter limiting enterprises to what the viewer may read. */
export function scopeEnterprises(viewer: Viewer): Record<string, string> {
  // Schools, students and the bureau read the enterprise registry; an enterprise reads only itself.
  return viewer.role === Role.ENTERPRISE ? { _id: viewer.enterpriseId! } : {};
}

/** Mongo filter limiting schools to what the viewer may read. */
export function scopeSchools(viewer: Viewer): Record<string, string> {
  // Enterprises, students and the bureau read the school registry; a school reads only itself.
  return viewer.role === Role.SCHOOL ? { _id: viewer.schoolId! } : {};
}

/** Mongo filter limiting students to what the viewer may read (enterprises: FORBIDDEN). */
export function scopeStudents(viewer: Viewer): Record<string, string> {
  if (viewer.role === Role.BUREAU) return {};
  if (viewer.role === Role.SCHOOL) return { school: viewer.schoolId! };
  if (viewer.role === Role.STUDENT) return { _id: viewer.studentId ?? "none" };
  throw new ForbiddenError("enterprises see applicants through applications only");
}

/** Mongo filter limiting postings: enterprises their own; schools and students the open ones; the bureau all. */
export function scopePostings(viewer: Viewer): Record<string, string> {
  if (viewer.role === Role.ENTERPRISE) return { enterprise: viewer.enterpriseId! };
  if (viewer.role === Role.SCHOOL || viewer.role === Role.STUDENT) return { status: "OPEN" };
  return {};
}

/** Mongo filter limiting applications (and offers) to the viewer's school, enterprise or self. */
export function scopeApplications(viewer: Viewer): Record<string, string> {
  if (viewer.role === Role.ENTERPRISE) return { enterprise: viewer.enterpriseId! };
  if (viewer.role === Role.SCHOOL) return { school: viewer.schoolId! };
  if (viewer.role === Role.STUDENT) return { student: viewer.studentId ?? "none" };
  return {};
}

/**
 * Whether a record read outside the database (e.g. a packed profile) falls in
 * one of the scopes above: every field of the filter equal, ids compared as text.
 */
export function inScope(scope: Record<string, string>, record: object): boolean {
  return Object.entries(scope).every(([field, value]) => String((record as Record<string, string>)[field]) === String(value));
}
