/**
 * The reference formulation: the LP of FORMAT.md, verbatim, for javascript-lp-solver.
 *
 *   maximise  sum score(s,p) x(s,p) - floorPenalty * sum shortfall(e)
 *   x(s,p) in [0, 1]                       (row "u<i>": x <= 1)
 *   sum_p x(s,p) <= maxPlacements(s)       (row "s<j>")
 *   sum_s x(s,p) <= capacity(p)            (row "p<k>")
 *   placed(e) <= maxInterns(e)             (row "e<l>")
 *   placed(e) + shortfall(e) >= minInterns(e), shortfall >= 0   (row "f<l>")
 *
 * The soft floor is an explicit shortfall variable, not the library's weighted soft
 * constraints. The constraint matrix is a network matrix, so the LP optimum is integral; the
 * solution is rounded and checked. The library keeps a dense tableau (rows x columns doubles),
 * so the model is refused past a memory budget. Readable and slow: the test oracle, and the
 * fallback for a floorPenalty the flow solver cannot scale to integers.
 */
import solver from "javascript-lp-solver";
import type { ParsedInstance } from "./validate";

/** Default budget for the dense tableau: 1 GiB. */
export const DEFAULT_LP_MEMORY_BUDGET = 2 ** 30;

/** The JSON model javascript-lp-solver takes. */
export interface LpModel {
  optimize: string;
  opType: "max";
  constraints: Record<string, { min?: number; max?: number }>;
  variables: Record<string, Record<string, number>>;
}

/**
 * Builds the LP of FORMAT.md: variable "x<i>" per edge i (objective coefficient = score),
 * "d<l>" per enterprise l (shortfall, objective -floorPenalty).
 */
export function buildLpModel(instance: ParsedInstance): LpModel {
  const constraints: LpModel["constraints"] = {};
  const variables: LpModel["variables"] = {};
  instance.studentIds.forEach((_, j) => (constraints[`s${j}`] = { max: instance.studentMax[j] }));
  instance.postingIds.forEach((_, k) => (constraints[`p${k}`] = { max: instance.postingCapacity[k] }));
  instance.enterpriseIds.forEach((_, l) => {
    constraints[`e${l}`] = { max: instance.enterpriseMax[l] };
    constraints[`f${l}`] = { min: instance.enterpriseMin[l] };
    variables[`d${l}`] = { objective: -instance.floorPenalty, [`f${l}`]: 1 };
  });
  for (let i = 0; i < instance.edgeStudent.length; i++) {
    const k = instance.edgePosting[i];
    const l = instance.postingEnterprise[k];
    constraints[`u${i}`] = { max: 1 };
    variables[`x${i}`] = {
      objective: instance.edgeScore[i],
      [`u${i}`]: 1,
      [`s${instance.edgeStudent[i]}`]: 1,
      [`p${k}`]: 1,
      [`e${l}`]: 1,
      [`f${l}`]: 1,
    };
  }
  return { optimize: "objective", opType: "max", constraints, variables };
}

/** Bytes of the dense tableau for this instance: (rows + 1) * (columns + 1) * 8. */
export function estimateLpBytes(instance: ParsedInstance): number {
  const rows = instance.edgeStudent.length + instance.studentIds.length + instance.postingIds.length + 2 * instance.enterpriseIds.length;
  const columns = instance.edgeStudent.length + instance.enterpriseIds.length;
  return (rows + 1) * (columns + 1) * 8;
}

export type LpOutcome =
  | { ok: true; chosen: Uint8Array; objective: number; integral: boolean }
  | { ok: false; message: string };

/**
 * Solves the reference LP. Refuses (ok: false) past `memoryBudgetBytes`, and when the
 * solution is infeasible, unbounded or not integral (which would be a library defect).
 */
export function solveLp(instance: ParsedInstance, memoryBudgetBytes = DEFAULT_LP_MEMORY_BUDGET): LpOutcome {
  const bytes = estimateLpBytes(instance);
  if (bytes > memoryBudgetBytes) {
    return {
      ok: false,
      message: `LP reference refused: its dense tableau would need about ${(bytes / 2 ** 20).toFixed(0)} MiB, over the budget of ${(memoryBudgetBytes / 2 ** 20).toFixed(0)} MiB; use the flow solver`,
    };
  }
  const model = buildLpModel(instance);
  const solution = solver.Solve(model) as Record<string, unknown>;
  if (solution.feasible !== true || solution.bounded === false || typeof solution.result !== "number") {
    return { ok: false, message: `LP solver returned no optimal solution (feasible=${String(solution.feasible)}, bounded=${String(solution.bounded)})` };
  }
  const m = instance.edgeStudent.length;
  const chosen = new Uint8Array(m);
  let integral = true;
  for (let i = 0; i < m; i++) {
    const value = solution[`x${i}`];
    const x = typeof value === "number" ? value : 0;
    const rounded = Math.round(x);
    if (Math.abs(x - rounded) > 1e-6 || rounded < 0 || rounded > 1) integral = false;
    chosen[i] = rounded === 1 ? 1 : 0;
  }
  if (!integral) return { ok: false, message: "LP solution is not integral; cannot report placements" };
  return { ok: true, chosen, objective: solution.result, integral };
}
