import type { AuthChecker } from "type-graphql";
import { Role } from "../../schema/enums";
import type { Context } from "../context";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Viewer } from "./token";

/**
 * The access rules. Every root field carries `@Authorized(...)` with one of
 * these (a test walks the schema and fails on a field without one):
 * - `PUBLIC`: anyone, logged in or not (login);
 * - `ANY_ROLE`: any logged-in staff account (bureau, school, enterprise); the service narrows
 *   what each role sees;
 * - `EVERY_ROLE`: `ANY_ROLE` and students (their own account: `me`);
 * - one or more roles. A STUDENT account reaches only the fields that name it: `me { student }`,
 *   ranking its own preferences, answering its own offer.
 * Row-level rules (which enterprise, which school) are the `scope*` functions
 * below, applied by the services; identities come from the token only.
 */
export const PUBLIC = "PUBLIC";
export const ANY_ROLE = [Role.BUREAU, Role.SCHOOL, Role.ENTERPRISE];
export const EVERY_ROLE = [...ANY_ROLE, Role.STUDENT];

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
