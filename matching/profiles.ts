/**
 * From enterprise and student profiles to the numbers of an allocation instance.
 * Pure functions; the caller supplies ages, current intern counts and the policy.
 */
import type { CompactEdges } from "./compact";
import { int32Column } from "./columns";
import type { EdgePosting, EdgeStudent, EnterpriseBoundsPolicy, InstanceEdge, ScoreWeights } from "./types";

/**
 * Policy rates:
 * - floorRate / ceilingRate: above-scale enterprises "in principle place interns at 2%–3% of
 *   total staff, in posts matching the major" (seed doc 001 Quanzhou pilot-city plan, §3(3)).
 * - generalCeilingRate: interns at most 10% of an employer's workforce (2021 MOE vocational
 *   internship rules; provincial copies say "一般不超过").
 */
export const DEFAULT_POLICY: EnterpriseBoundsPolicy = Object.freeze({
  floorRate: 0.02,
  ceilingRate: 0.03,
  generalCeilingRate: 0.1,
});

/** A decimal rate as an exact fraction num/den (den a power of ten), so 0.02 * 150 is exactly 3. */
function asFraction(rate: number): { num: number; den: number } {
  for (let den = 1; den <= 1e9; den *= 10) {
    const num = Math.round(rate * den);
    if (num / den === rate) return { num, den };
  }
  // Not a short decimal: nearest fraction over 1e9 (rates are policy constants like 0.02).
  return { num: Math.round(rate * 1e9), den: 1e9 };
}

function ceilTimes(headcount: number, rate: number): number {
  const { num, den } = asFraction(rate);
  const product = headcount * num; // integers well inside 2^53 for any real headcount
  return Math.floor((product + den - 1) / den);
}

function floorTimes(headcount: number, rate: number): number {
  const { num, den } = asFraction(rate);
  return Math.floor((headcount * num) / den);
}

/**
 * Floor and ceiling of interns for one allocation, net of interns already placed.
 *
 * Above-scale enterprises: minInterns = ceil(2% of headcount), maxInterns = floor(3%)
 * (001 §3(3)), the floor clamped to the ceiling when rounding would cross them (headcount 10:
 * 0..0). Other employers: no floor, ceiling floor(10%) (2021 internship rules). Both are then
 * reduced by `currentInterns` and never negative. Rounding is done on exact fractions.
 */
export function enterpriseBounds(
  enterprise: { headcount: number; aboveScale: boolean },
  currentInterns: number,
  policy: EnterpriseBoundsPolicy = DEFAULT_POLICY,
): { minInterns: number; maxInterns: number } {
  const headcount = Math.max(0, Math.floor(enterprise.headcount));
  const current = Math.max(0, Math.floor(currentInterns));
  let floor: number;
  let ceiling: number;
  if (enterprise.aboveScale) {
    ceiling = floorTimes(headcount, policy.ceilingRate);
    floor = Math.min(ceilTimes(headcount, policy.floorRate), ceiling);
  } else {
    floor = 0;
    ceiling = floorTimes(headcount, policy.generalCeilingRate);
  }
  return { minInterns: Math.max(0, floor - current), maxInterns: Math.max(0, ceiling - current) };
}

/**
 * Default score weights (integers). Every eligible edge scores at least `sameClass` (> 0),
 * because eligibility already requires a class-level major match.
 * Major fit dominates (专业对口, 001 §3(3): "posts matching the major"); the student's own
 * ranking comes next; locality favours retention in Quanzhou (留泉率, 001 §1(2)).
 */
export const DEFAULT_WEIGHTS: ScoreWeights = Object.freeze({
  sameMajor: 40,
  sameClass: 25,
  sameCategory: 10,
  preferenceTop: 30,
  preferenceStep: 3,
  homeDistrict: 15,
  inQuanzhou: 5,
});

/** Quanzhou prefecture: GB/T 2260 codes 3505xx. */
export const QUANZHOU_PREFIX = "3505";
/** Preferences beyond this rank are ignored. */
export const MAX_PREFERENCES = 10;

/** The 6-digit part of a major code ("080910T" -> "080910"). */
function majorDigits(major: string): string {
  return major.replace(/[TK]$/, "");
}

/** How well a student's major fits a posting's list: 3 same major, 2 same class, 1 same category, 0 none. */
export function majorFit(studentMajor: string, postingMajors: readonly string[]): 0 | 1 | 2 | 3 {
  const major = majorDigits(studentMajor);
  let best: 0 | 1 | 2 | 3 = 0;
  for (const listed of postingMajors) {
    const code = majorDigits(listed);
    if (code.length === 4) {
      // A 4-digit class prefix: the student matches at class level at best.
      if (major.startsWith(code)) best = best > 2 ? best : 2;
      else if (major.slice(0, 2) === code.slice(0, 2)) best = best > 1 ? best : 1;
    } else if (code === major) return 3;
    else if (code.slice(0, 4) === major.slice(0, 4)) best = best > 2 ? best : 2;
    else if (code.slice(0, 2) === major.slice(0, 2)) best = best > 1 ? best : 1;
  }
  return best;
}

/** Whether a posting's major list accepts the student: exact 6-digit major, or its 4-digit class listed. */
export function majorAccepted(studentMajor: string, postingMajors: readonly string[]): boolean {
  const major = majorDigits(studentMajor);
  for (const listed of postingMajors) {
    const code = majorDigits(listed);
    if (code.length === 4 ? major.startsWith(code) : code === major) return true;
  }
  return false;
}

export interface BuildEdgesOptions {
  /**
   * Keep only this many eligible postings per student, the best-scored ones
   * (ties: earlier posting first); 0 = all. Candidate generation, as matching
   * systems do at city scale: a student in a common major is eligible for
   * hundreds of postings, and the allocation is then solved exactly over the
   * candidates. Preferred, same-major and nearby postings score highest, so
   * they are kept.
   */
  maxCandidatesPerStudent?: number;
}

/**
 * Whether the student may be allocated to the posting: an open INTERNSHIP posting (JOB
 * postings are not allocated), accepting the student's major and level (empty list = all
 * levels), and no 岗位实习 for students under 16 or in their first year (2021 rules art. 16).
 */
export function isEligible(student: EdgeStudent, posting: EdgePosting): boolean {
  if (posting.kind !== "INTERNSHIP" || !posting.open) return false;
  if (student.age < 16 || student.studyYear <= 1) return false;
  if (posting.levels.length > 0 && !posting.levels.includes(student.level)) return false;
  return majorAccepted(student.major, posting.majors);
}

/**
 * Integer score of a (student, posting) pair: major fit + preference rank + locality.
 * `rank` is the 1-based position of the posting in the student's preferences (0 = unranked).
 */
export function edgeScore(student: EdgeStudent, posting: EdgePosting, rank: number, weights: ScoreWeights = DEFAULT_WEIGHTS): number {
  const fit = majorFit(student.major, posting.majors);
  let score = fit === 3 ? weights.sameMajor : fit === 2 ? weights.sameClass : fit === 1 ? weights.sameCategory : 0;
  if (rank >= 1 && rank <= MAX_PREFERENCES) score += Math.max(0, weights.preferenceTop - (rank - 1) * weights.preferenceStep);
  if (posting.district.startsWith(QUANZHOU_PREFIX)) score += weights.inQuanzhou;
  if (posting.district === student.homeDistrict) score += weights.homeDistrict;
  return score;
}

/**
 * All eligible (student, posting) pairs with their scores, ordered by student then posting in
 * input order (deterministic). Weights must be integers (throws a RangeError otherwise, a
 * programming error: scores of an instance are integers).
 */
export function buildEdges(
  students: readonly EdgeStudent[],
  postings: readonly EdgePosting[],
  weights: ScoreWeights = DEFAULT_WEIGHTS,
  options: BuildEdgesOptions = {},
): InstanceEdge[] {
  const edges: InstanceEdge[] = [];
  forEachEdge(students, postings, weights, options, (s, p, score) => {
    edges.push({ student: students[s].id, posting: postings[p].id, score });
  });
  return edges;
}

/**
 * buildEdges as index columns (edge i: students[student[i]], postings[posting[i]], score[i]),
 * the same edges in the same order, for compactInstance: millions of edges without an object
 * or a string each.
 */
export function buildCompactEdges(
  students: readonly EdgeStudent[],
  postings: readonly EdgePosting[],
  weights: ScoreWeights = DEFAULT_WEIGHTS,
  options: BuildEdgesOptions = {},
): CompactEdges {
  const student = int32Column();
  const posting = int32Column();
  const score = int32Column(); // scores are computed in Int32 (fitScore) anyway
  forEachEdge(students, postings, weights, options, (s, p, x) => {
    student.push(s);
    posting.push(p);
    score.push(x);
  });
  return { student: student.finish(), posting: posting.finish(), score: score.finish() };
}

/** The edges of buildEdges, as (student index, posting index, score) calls in that order. */
function forEachEdge(
  students: readonly EdgeStudent[],
  postings: readonly EdgePosting[],
  weights: ScoreWeights,
  options: BuildEdgesOptions,
  emit: (student: number, posting: number, score: number) => void,
): void {
  const limit = options.maxCandidatesPerStudent ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`maxCandidatesPerStudent must be an integer >= 0, got ${limit}`);
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isInteger(value)) throw new RangeError(`score weight ${name} must be an integer, got ${value}`);
  }
  const allocatableIndex: number[] = [];
  postings.forEach((p, index) => {
    if (p.kind === "INTERNSHIP" && p.open) allocatableIndex.push(index);
  });
  const allocatable = allocatableIndex.map((index) => postings[index]);
  // Index postings by what they accept (a 6-digit major or a 4-digit class), so each student
  // looks only at postings that can accept its major: linear in the edges, not students x postings.
  // Every candidate found this way accepts the student's major, and its fit is known from the key
  // that found it (the exact major: sameMajor; only the class: sameClass), as majorFit would say.
  const byAccepted = new Map<string, number[]>();
  allocatable.forEach((posting, index) => {
    for (const listed of new Set(posting.majors.map(majorDigits))) {
      const list = byAccepted.get(listed);
      if (list) list.push(index);
      else byAccepted.set(listed, [index]);
    }
  });
  // Per posting, once: the levels it accepts as a bit mask (0 = all) and whether it is in Quanzhou.
  const bits = new Map<string, number>();
  const levelBit = (level: string) => {
    let bit = bits.get(level);
    if (bit === undefined) bits.set(level, (bit = 1 << Math.min(bits.size, 30)));
    return bit;
  };
  const levelMask = Int32Array.from(allocatable, (p) => p.levels.reduce((mask, level) => mask | levelBit(level), 0));
  const localBonus = Int32Array.from(allocatable, (p) => (p.district.startsWith(QUANZHOU_PREFIX) ? weights.inQuanzhou : 0));
  const stamp = new Int32Array(allocatable.length).fill(-1);
  const fitScore = new Int32Array(allocatable.length);

  const chosen: number[] = [];
  students.forEach((student, s) => {
    // 2021 rules art. 16: no 岗位实习 under 16 or in the first year, whatever the posting.
    if (student.age < 16 || student.studyYear <= 1) return;
    const major = majorDigits(student.major);
    const bit = levelBit(student.level);
    chosen.length = 0;
    const collect = (list: number[] | undefined, score: number) => {
      for (const index of list ?? []) {
        if (levelMask[index] !== 0 && (levelMask[index]! & bit) === 0) continue;
        if (stamp[index] !== s) {
          stamp[index] = s;
          fitScore[index] = score;
          chosen.push(index);
        } else if (score > fitScore[index]!) fitScore[index] = score;
      }
    };
    collect(byAccepted.get(major), weights.sameMajor);
    collect(byAccepted.get(major.slice(0, 4)), weights.sameClass);
    if (chosen.length === 0) return;
    const rankOf = new Map<string, number>();
    student.preferences.slice(0, MAX_PREFERENCES).forEach((id, i) => {
      if (!rankOf.has(id)) rankOf.set(id, i + 1);
    });
    const scoreOf = (index: number) => {
      const posting = allocatable[index]!;
      let score = fitScore[index]! + localBonus[index]!;
      if (posting.district === student.homeDistrict) score += weights.homeDistrict;
      const rank = rankOf.size ? rankOf.get(posting.id) ?? 0 : 0;
      if (rank >= 1) score += Math.max(0, weights.preferenceTop - (rank - 1) * weights.preferenceStep);
      return score;
    };
    for (const index of chosen) fitScore[index] = scoreOf(index); // now the full score
    let kept = chosen;
    if (limit > 0 && chosen.length > limit) {
      kept = [...chosen].sort((a, b) => fitScore[b]! - fitScore[a]! || a - b).slice(0, limit);
    }
    kept.sort((a, b) => a - b);
    for (const index of kept) emit(s, allocatableIndex[index]!, fitScore[index]!);
  });
}
