import type { AuthChecker } from "type-graphql";
import { Role } from "../../schema/enums";
import type { Context } from "../context";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Viewer } from "./token";

/**
 * The access rules. Every root field carries `@Authorized(...)` with one of
 * these (a test walks the schema and fails on a field without one):
 * - `PUBLIC`: anyone, logged in or not (login);
 * - `ANY_ROLE`: any logged-in user; the service narrows what each role sees;
 * - one or more roles.
 * Row-level rules (which enterprise, which school) are the `scope*` functions
 * below, applied by the services; identities come from the token only.
 */
export const PUBLIC = "PUBLIC";
export const ANY_ROLE = [Role.BUREAU, Role.SCHOOL, Role.ENTERPRISE];

export const authChecker: AuthChecker<Context, string> = ({ context }, roles) => {
  if (roles.includes(PUBLIC)) return true;
  const viewer = context.viewer;
  if (!viewer) throw new UnauthenticatedError();
  if (roles.length === 0 || roles.includes(viewer.role)) return true;
  throw new ForbiddenError(`requires role ${roles.join(" or ")}`);
};

/** The viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/** May this viewer read and change this school's data (its students and their applications)? */
export function canManageSchool(viewer: Viewer, schoolId: string): boolean {
  return viewer.role === Role.BUREAU || (viewer.role === Role.SCHOOL && viewer.schoolId === schoolId);
}

/** May this viewer read and change this enterprise's data (its postings and the applications to them)? */
export function canManageEnterprise(viewer: Viewer, enterpriseId: string): boolean {
  return viewer.role === Role.BUREAU || (viewer.role === Role.ENTERPRISE && viewer.enterpriseId === enterpriseId);
}

/** Full national ID and phone are shown only to the student's own school. */
export function canSeeIdentity(viewer: Viewer, studentSchoolId: string): boolean {
  return viewer.role === Role.SCHOOL && viewer.schoolId === studentSchoolId;
}

/** Mongo filter limiting enterprises to what the viewer may read. */
export function scopeEnterprises(viewer: Viewer): Record<string, unknown> {
  // Schools and the bureau read the enterprise registry; an enterprise reads only itself.
  return viewer.role === Role.ENTERPRISE ? { _id: viewer.enterpriseId } : {};
}

/** Mongo filter limiting schools to what the viewer may read. */
export function scopeSchools(viewer: Viewer): Record<string, unknown> {
  // Enterprises and the bureau read the school registry; a school reads only itself.
  return viewer.role === Role.SCHOOL ? { _id: viewer.schoolId } : {};
}

/** Mongo filter limiting students to what the viewer may read (enterprises: FORBIDDEN). */
export function scopeStudents(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === Role.BUREAU) return {};
  if (viewer.role === Role.SCHOOL) return { school: viewer.schoolId };
  throw new ForbiddenError("enterprises see applicants through applications only");
}

/** Mongo filter limiting postings: enterprises their own; schools the open ones; the bureau all. */
export function scopePostings(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === Role.ENTERPRISE) return { enterprise: viewer.enterpriseId };
  if (viewer.role === Role.SCHOOL) return { status: "OPEN" };
  return {};
}

/** Mongo filter limiting applications (and offers) to the viewer's school or enterprise. */
export function scopeApplications(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === Role.ENTERPRISE) return { enterprise: viewer.enterpriseId };
  if (viewer.role === Role.SCHOOL) return { school: viewer.schoolId };
  return {};
}

/**
 * Whether a record read outside the database (e.g. a packed profile) falls in
 * one of the scopes above: every field of the filter equal, ids compared as text.
 */
export function inScope(scope: Record<string, unknown>, record: object): boolean {
  return Object.entries(scope).every(([field, value]) => String((record as Record<string, unknown>)[field]) === String(value));
}
