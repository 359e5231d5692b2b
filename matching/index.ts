/**
 * The matching engine: pure allocation of students to internship postings (FORMAT.md).
 * No database, no clock, no environment, no I/O.
 */
export { allocate } from "./allocate";
export { validateInstance } from "./validate";
export { compactInstance, instanceOfCompact, isCompactInstance, parseInstanceJson } from "./compact";
export type { CompactEdges, CompactInstance, CompactInstanceInput, CompactOutcome } from "./compact";
export { checkCertificate } from "./certificate";
export { buildCompactEdges, buildEdges, edgeScore, enterpriseBounds, isEligible, majorAccepted, majorFit, DEFAULT_POLICY, DEFAULT_WEIGHTS, QUANZHOU_PREFIX } from "./profiles";
export type { BuildEdgesOptions } from "./profiles";
export type { CertificateVerdict, OptimalityCertificate } from "./certificate";
export type { ParsedInstance } from "./validate";
export type {
  AllocateOptions,
  BlockingPair,
  EdgePosting,
  EdgeStudent,
  EducationLevel,
  EnterpriseBoundsPolicy,
  EnterpriseCeilingValue,
  EnterpriseOutcome,
  EnvyPair,
  FailedResult,
  Instance,
  InstanceEdge,
  InstanceEnterprise,
  InstancePosting,
  InstanceStudent,
  InvalidInputResult,
  OptimalResult,
  Placement,
  PostingSlotValue,
  Result,
  ResultDuals,
  ScoreWeights,
  SolverChoice,
  SolveStats,
  StabilityReport,
  Status,
  Unplaced,
  UnplacedReason,
} from "./types";
