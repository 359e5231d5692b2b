/**
 * Allocation instance and result, version 1 (shared/allocation/FORMAT.md).
 *
 * The Result is a discriminated union on `status`; every variant keeps `version: 1`.
 * Fields beyond FORMAT.md (reasons, slot values, stats) are explanations the
 * format allows a solver to add.
 */

import type { NetworkThread } from "./flow";

export interface InstanceStudent {
  id: string;
  /** Integer >= 0, default 1. */
  maxPlacements?: number;
}

export interface InstanceEnterprise {
  id: string;
  /** Floor for this allocation (soft, penalised per missing intern), net of current interns. */
  minInterns: number;
  /** Ceiling for this allocation (hard), net of current interns. */
  maxInterns: number;
}

export interface InstancePosting {
  id: string;
  enterprise: string;
  capacity: number;
}

export interface InstanceEdge {
  student: string;
  posting: string;
  /** Integer, may be 0 or negative. */
  score: number;
}

export interface Instance {
  version: 1;
  params: { floorPenalty: number };
  students: InstanceStudent[];
  enterprises: InstanceEnterprise[];
  postings: InstancePosting[];
  edges: InstanceEdge[];
}

export type Status = "OPTIMAL" | "INVALID_INPUT" | "TIME_LIMIT" | "ERROR";

/** Which algorithm to use: "auto" is the min-cost-flow solver. */
export type SolverChoice = "auto" | "flow" | "lp";

export interface AllocateOptions {
  /** Default "auto" (= "flow"). */
  solver?: SolverChoice;
  /**
   * Memory the reference LP's dense tableau may use, in bytes (default 1 GiB).
   * Past it the LP solver refuses with status "ERROR" instead of exhausting memory.
   */
  lpMemoryBudgetBytes?: number;
  /**
   * Compute `postingSlotValues` / `enterpriseCeilingValues` (default true).
   * They are exact marginal values found by shortest-path searches over the
   * optimal residual network: one search from the root per component (unbounded,
   * it settles each node at most once) and per-enterprise searches, whose settled
   * nodes `slotValueWorkLimit` bounds in total; a value those cannot reach in the
   * budget is the dual-price upper bound (flagged `exact: false`).
   */
  slotValues?: boolean;
  slotValueWorkLimit?: number;
  /** Clock for `stats.millis` and phase timings; matching/ itself never reads a clock. */
  now?: () => number;
  /**
   * Called as each phase of allocate() ends (validate, components, networks, certify, stability,
   * assemble) with its duration by `now` (NaN without a clock), so a caller can report progress
   * (the CLI prints each with its memory).
   */
  progress?: (phase: string, millis: number) => void;
  /**
   * A previous OPTIMAL Result of this allocation, solved with `duals: true` (same ids; students,
   * postings, edges or capacities may have changed since): its placements that are still edges
   * and fit every limit become the starting flow and its duals the starting prices, so after a
   * few declined offers, a changed capacity or a withdrawn student the new optimum is found in a
   * fraction of a cold solve. The answer is the same kind of proven optimum (same certificate
   * check); a warm start is never trusted, and one without duals is ignored (solved cold).
   */
  warmStart?: Result;
  /**
   * Put the node potentials that prove optimality in the Result (`duals`, default false): what a
   * later `warmStart` needs to be fast. About 1.2 numbers per student.
   */
  duals?: boolean;
  /**
   * Stability diagnostics (`stability` in the Result, default true): blocking pairs under the
   * edge scores, and justified envy among students of one school when `studentSchools` is given.
   */
  stability?: boolean;
  /** Student id -> school id, for the envy count of `stability` (students not listed have no school). */
  studentSchools?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /**
   * A second thread for the min-cost flow of large components (flow solver only): networks of at
   * least `networkThreadMinEdges` edges (default 200,000) are handed to it while allocate()
   * solves the others itself; the answer is the same (the same solver, certificate and checks).
   */
  networkThread?: NetworkThread;
  networkThreadMinEdges?: number;
  /** How many blocking and envy pairs `stability` lists (all are counted); default 100. */
  stabilityListLimit?: number;
}

export interface Placement {
  student: string;
  posting: string;
  enterprise: string;
  score: number;
}

export interface EnterpriseOutcome {
  id: string;
  minInterns: number;
  maxInterns: number;
  placed: number;
  shortfall: number;
}

/**
 * Why a student got fewer placements than `maxPlacements`.
 * - MAX_PLACEMENTS_ZERO: the student asked for no placement (listed for completeness).
 * - NO_ELIGIBLE_POSTING: the student has no edge at all.
 * - NO_FURTHER_ELIGIBLE_POSTING: placed on every posting it has an edge to, still below maxPlacements.
 * - NEGATIVE_SCORE_ONLY: every remaining edge has a negative score; placing would lower the objective.
 * - NO_CAPACITY: every remaining eligible posting has capacity 0 or an enterprise ceiling of 0.
 * - OUTCOMPETED: every remaining eligible posting's capacity, or its enterprise's ceiling,
 *   went to students worth at least as much.
 * - NO_GAIN: some eligible posting still has room, but its score is <= 0, so placing the
 *   student there would not raise the objective.
 */
export type UnplacedReason =
  | "MAX_PLACEMENTS_ZERO"
  | "NO_ELIGIBLE_POSTING"
  | "NO_FURTHER_ELIGIBLE_POSTING"
  | "NEGATIVE_SCORE_ONLY"
  | "NO_CAPACITY"
  | "OUTCOMPETED"
  | "NO_GAIN";

export interface Unplaced {
  student: string;
  reason: UnplacedReason;
  placed: number;
  maxPlacements: number;
}

/**
 * Objective gain from one more unit of a capacity, holding everything else fixed.
 * `exact: true` means it equals re-solving with capacity + 1 minus the optimum;
 * `exact: false` means it is the dual-price upper bound (the search budget ran out).
 */
export interface PostingSlotValue {
  posting: string;
  value: number;
  exact: boolean;
}

export interface EnterpriseCeilingValue {
  enterprise: string;
  value: number;
  exact: boolean;
}

/**
 * A student and a posting that would both rather be matched to each other, under the edge
 * scores, than keep what the optimum gave them: the student has a free placement or holds a
 * lower-scored edge, and the posting has a free seat (below its capacity and its enterprise below
 * maxInterns) or holds a student whose edge scores lower. The optimum maximises the total score
 * with floors, so it may leave such pairs; they are what a stable-matching reading would object to.
 */
export interface BlockingPair {
  student: string;
  posting: string;
  score: number;
  /** The student's lowest placed score it would give up, or null when it had a free placement. */
  studentWorst: number | null;
  /** The lowest score among the posting's holders, or null when it had a free seat. */
  postingWorst: number | null;
}

/**
 * Justified envy within one school: `student` has an edge to the posting `envied` holds, scores it
 * above its own worst placement (or has a free placement), and its edge scores above the envied
 * student's at that posting.
 */
export interface EnvyPair {
  school: string;
  student: string;
  envied: string;
  posting: string;
  score: number;
  enviedScore: number;
}

/** Stability diagnostics of an optimal placement (AllocateOptions.stability). */
export interface StabilityReport {
  /** Every blocking pair counted; `blocking` lists the first ones (in edge order). */
  blockingPairs: number;
  blockingStudents: number;
  blocking: BlockingPair[];
  /** Every justified-envy pair within a school counted (0 without studentSchools). */
  envyPairs: number;
  envy: EnvyPair[];
}

/**
 * Node potentials of the optimality certificate, by id (AllocateOptions.duals): for a later
 * warm start. Units: score * costScale; the root's potential is 0.
 */
export interface ResultDuals {
  costScale: number;
  students: { ids: string[]; values: number[] };
  postings: { ids: string[]; values: number[] };
  enterprises: { ids: string[]; values: number[] };
}

export interface SolveStats {
  solver: "flow" | "lp";
  /** Total time when `options.now` was given. */
  millis?: number;
  /** Phase timings when `options.now` was given. */
  phases?: Record<string, number>;
  components: number;
  nodes: number;
  arcs: number;
  /** True when the optimality certificate (potentials) passed the independent check. */
  certified: boolean;
  /** Integer factor the costs were multiplied by to make floorPenalty integral. */
  costScale: number;
  /** Set when a huge floorPenalty was replaced by an equivalent lexicographic one. */
  floorPenaltyCapped?: boolean;
  /** LP only: whether the LP solution came out integral (it must, the matrix is a network matrix). */
  lpIntegral?: boolean;
  lpObjective?: number;
  [extra: string]: unknown;
}

export interface OptimalResult {
  version: 1;
  status: "OPTIMAL";
  objective: number;
  totalScore: number;
  totalShortfall: number;
  placements: Placement[];
  enterprises: EnterpriseOutcome[];
  unplaced: Unplaced[];
  postingSlotValues?: PostingSlotValue[];
  enterpriseCeilingValues?: EnterpriseCeilingValue[];
  stability?: StabilityReport;
  duals?: ResultDuals;
  stats: SolveStats;
}

export interface InvalidInputResult {
  version: 1;
  status: "INVALID_INPUT";
  errors: string[];
  stats?: { millis?: number };
}

export interface FailedResult {
  version: 1;
  status: "TIME_LIMIT" | "ERROR";
  message: string;
  stats?: { solver?: string; millis?: number; [extra: string]: unknown };
}

export type Result = OptimalResult | InvalidInputResult | FailedResult;

/** Profiles -> instance (see profiles.ts). */
export interface EnterpriseBoundsPolicy {
  /** Floor share of headcount for above-scale enterprises (001 §3(3): 2%). */
  floorRate: number;
  /** Ceiling share of headcount for above-scale enterprises (001 §3(3): 3%). */
  ceilingRate: number;
  /** Ceiling for every other employer (2021 internship rules: at most 10% of the workforce). */
  generalCeilingRate: number;
}

export interface ScoreWeights {
  /** Student's major equals a listed 6-digit major. */
  sameMajor: number;
  /** Student's 4-digit class is listed, or a listed major shares it. */
  sameClass: number;
  /** A listed major shares the student's 2-digit category only (never eligible on its own). */
  sameCategory: number;
  /** Preference rank 1; rank r earns preferenceTop - (r-1)*preferenceStep, never below 0. */
  preferenceTop: number;
  preferenceStep: number;
  /** Posting in the student's home district (added to inQuanzhou when both hold). */
  homeDistrict: number;
  /** Posting anywhere in Quanzhou (district code 3505xx): favours retention (001 §1(2)). */
  inQuanzhou: number;
}

export type EducationLevel = "SECONDARY_VOCATIONAL" | "HIGHER_VOCATIONAL" | "VOCATIONAL_UNDERGRADUATE" | "UNDERGRADUATE";

export interface EdgeStudent {
  id: string;
  /** 6-digit major code; undergraduate codes may end with T or K. */
  major: string;
  level: EducationLevel;
  /** Whole years at the internship start, supplied by the caller. */
  age: number;
  /** 1 = first year. */
  studyYear: number;
  /** 6-digit GB/T 2260 code. */
  homeDistrict: string;
  /** Posting ids, ranked, best first (up to 10 are scored). */
  preferences: string[];
}

export interface EdgePosting {
  id: string;
  enterprise: string;
  kind: "INTERNSHIP" | "JOB";
  /** 6-digit major codes or 4-digit class prefixes. */
  majors: string[];
  /** Accepted levels; empty = all. */
  levels: EducationLevel[];
  district: string;
  open: boolean;
}
