/**
 * The document shapes and their enums as the services see them. The services import these from
 * here, never from a model module, so that the models (and mongoose) stay behind the store.
 */
export type { AllocationRun, RunEnterprise, SlotValue } from "../../schema/allocation-run.model";
export { AllocationRunStatus, SolverChoice } from "../../schema/allocation-run.model";
export type { Application } from "../../schema/application.model";
export { AuditAction } from "../../schema/audit-entry.model";
export type { Cluster } from "../../schema/cluster.model";
export type { Enterprise } from "../../schema/enterprise.model";
export type { EmploymentOutcome } from "../../schema/outcome.model";
export { PlacementStatus } from "../../schema/placement.model";
export type { Placement } from "../../schema/placement.model";
export type { Posting } from "../../schema/posting.model";
export type { School } from "../../schema/school.model";
export type { Student } from "../../schema/student.model";
export type { UnplacedStudent } from "../../schema/unplaced-student.model";
export type { User } from "../../schema/user.model";
export type { Id } from "./ids";
