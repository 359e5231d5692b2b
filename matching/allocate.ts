/**
 * allocate(): validate, solve each connected component (min-cost flow, or the reference LP),
 * prove optimality with an independently checked certificate, explain, and assemble the Result.
 */
import { checkCertificate, type OptimalityCertificate } from "./certificate";
import { isCompactInstance } from "./compact";
import { unplacedReasonOfRange } from "./explain";
import { DEFAULT_LP_MEMORY_BUDGET, solveLp } from "./lp-model";
import { integerCostModel, type CostModel } from "./network";
import { mergeParts, solvePart, splitInstance, type PartOutcome, type PartSolution, type PartTask } from "./parts";
import type { AllocateOptions, EnterpriseCeilingValue, EnterpriseOutcome, FailedResult, OptimalResult, Placement, PostingSlotValue, Result, SolveStats, Unplaced } from "./types";
import { parseInstance, studentEdges, type ParsedInstance } from "./validate";

function failure(status: "ERROR" | "TIME_LIMIT", message: string, solver?: string, millis?: number): FailedResult {
  return { version: 1, status, message, stats: { solver, ...(millis === undefined ? {} : { millis }) } };
}

/**
 * Solves an allocation instance (FORMAT.md) to proven optimality; never throws on bad input.
 * Invalid instances give status "INVALID_INPUT" with messages; a run that cannot prove its
 * answer optimal gives "ERROR", never "OPTIMAL". `options.solver`: "auto" (default, = flow),
 * "flow", or "lp" (the reference LP, refused past `lpMemoryBudgetBytes`).
 * `instance` is a plain object Instance (validated here) or a CompactInstance (already validated:
 * see parseInstanceJson / compactInstance), which is solved as it is.
 */
export function allocate(instance: unknown, options: AllocateOptions = {}): Result {
  const now = options.now;
  const started = now?.();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = (name: string): void => {
    if (now === undefined || mark === undefined) return;
    const t = now();
    phases[name] = Math.round((t - mark) * 100) / 100;
    mark = t;
  };
  const elapsed = (): number | undefined => (now && started !== undefined ? Math.round((now() - started) * 100) / 100 : undefined);

  const parsed = isCompactInstance(instance) ? { ok: true as const, instance: instance.data } : parseInstance(instance);
  if (!parsed.ok) {
    const millis = elapsed();
    return { version: 1, status: "INVALID_INPUT", errors: parsed.errors, ...(millis === undefined ? {} : { stats: { millis } }) };
  }
  lap("validate");
  const data = parsed.instance;
  const choice = options.solver ?? "auto";
  if (choice !== "auto" && choice !== "flow" && choice !== "lp") return failure("ERROR", `unknown solver "${String(choice)}" (expected auto, flow or lp)`);

  const costs = integerCostModel(data);
  const solver: "flow" | "lp" = choice === "lp" ? "lp" : "flow";
  const lpBudget = options.lpMemoryBudgetBytes ?? DEFAULT_LP_MEMORY_BUDGET;
  if (costs === undefined) {
    // floorPenalty is not a short decimal (or magnitudes are extreme): no exact integer model,
    // hence no exact certificate; report an error rather than an unproven optimum.
    return failure(
      "ERROR",
      `floorPenalty ${data.floorPenalty} has more than 6 decimals or scores are too large for exact integer arithmetic; round floorPenalty (e.g. to 0.000001)`,
      solver,
      elapsed(),
    );
  }
  let lpChosen: Uint8Array | undefined;
  let lpObjective: number | undefined;
  if (solver === "lp") {
    const outcome = solveLp(data, lpBudget);
    lap("lp");
    if (!outcome.ok) return failure("ERROR", outcome.message, "lp", elapsed());
    lpChosen = outcome.chosen;
    lpObjective = outcome.objective;
  }

  const solved = solveAll(data, costs, lpChosen, options, lap);
  lap("networks"); // build + solve + slot values (summed over parts in stats)
  if (!solved.ok) return failure("ERROR", solved.message, solver, elapsed());
  const { chosen } = solved;
  const certificate: OptimalityCertificate = {
    costScale: costs.scale,
    floorCost: costs.floorCost,
    students: solved.studentPotentials,
    postings: solved.postingPotentials,
    enterprises: solved.enterprisePotentials,
  };

  const verdict = checkCertificate(data, chosen, certificate);
  lap("certify");
  if (!verdict.ok) return failure("ERROR", `optimality certificate rejected: ${verdict.problems.join("; ")}`, solver, elapsed());

  const result = assemble(data, chosen);
  const values = slotValueLists(data, solved);
  lap("assemble");
  const stats: SolveStats = {
    solver,
    components: solved.components,
    nodes: solved.nodes,
    arcs: solved.arcs,
    certified: true,
    costScale: costs.scale,
    ...(costs.capped ? { floorPenaltyCapped: true } : {}),
    ...(solver === "lp" ? { lpIntegral: true, lpObjective } : {}),
    ...solved.counters,
  };
  const millis = elapsed();
  if (millis !== undefined) {
    stats.millis = millis;
    stats.phases = phases;
  }
  return {
    version: 1,
    status: "OPTIMAL",
    ...result,
    ...values,
    stats,
  };
}

/**
 * Solves every component: in one piece, or (flow solver, `options.parts`, an instance with
 * components to share) split into parts, all but the first handed to the runner and the first
 * solved here meanwhile. A part the runner could not solve is solved here.
 */
function solveAll(data: ParsedInstance, costs: CostModel, lpChosen: Uint8Array | undefined, options: AllocateOptions, lap: (name: string) => void): PartOutcome {
  const slotValues = options.slotValues !== false;
  const task = (instance: ParsedInstance): PartTask => ({ instance, costs, slotValues, ...(options.slotValueWorkLimit === undefined ? {} : { slotValueWorkLimit: options.slotValueWorkLimit }) });
  const runner = options.parts;
  const split = runner && !lpChosen ? splitInstance(data, runner.threads, runner.minEdges) : undefined;
  if (!split) return solvePart(task(data), options.now, lap, lpChosen);
  lap("components");
  const tasks = split.parts.map(task);
  const pending = runner!.start(tasks.slice(1));
  const first = solvePart(tasks[0], options.now);
  const others = pending.wait().map((outcome, k) => (outcome.ok ? outcome : solvePart(tasks[k + 1], options.now)));
  const solutions: PartSolution[] = [];
  for (const outcome of [first, ...others]) {
    if (!outcome.ok) return outcome;
    solutions.push(outcome);
  }
  const whole = mergeParts(data, solutions, split.maps, slotValues);
  whole.counters.threads = solutions.length;
  return whole;
}

/** The slot values of a solution as the Result's lists (when they were computed). */
function slotValueLists(data: ParsedInstance, solved: PartSolution): { postingSlotValues?: PostingSlotValue[]; enterpriseCeilingValues?: EnterpriseCeilingValue[] } {
  const { postingValues, postingExact, ceilingValues, ceilingExact } = solved;
  if (!postingValues || !postingExact || !ceilingValues || !ceilingExact) return {};
  return {
    postingSlotValues: data.postingIds.map((posting, p) => ({ posting, value: postingValues[p], exact: postingExact[p] === 1 })),
    enterpriseCeilingValues: data.enterpriseIds.map((enterprise, e) => ({ enterprise, value: ceilingValues[e], exact: ceilingExact[e] === 1 })),
  };
}

/** Placements, enterprise outcomes, unplaced students with reasons, and the objective. */
function assemble(data: ParsedInstance, chosen: Uint8Array): Pick<OptimalResult, "objective" | "totalScore" | "totalShortfall" | "placements" | "enterprises" | "unplaced"> {
  const nS = data.studentIds.length;
  const nE = data.enterpriseIds.length;
  const { edgeStudent, edgePosting, edgeScore, postingEnterprise, studentIds, postingIds, enterpriseIds } = data;
  const placements: Placement[] = [];
  const studentPlaced = new Float64Array(nS);
  const postingPlaced = new Float64Array(data.postingIds.length);
  const enterprisePlaced = new Float64Array(nE);
  let totalScore = 0;
  for (let i = 0; i < chosen.length; i++) {
    if (chosen[i] === 0) continue;
    const p = edgePosting[i];
    const e = postingEnterprise[p];
    const score = edgeScore[i];
    placements.push({ student: studentIds[edgeStudent[i]], posting: postingIds[p], enterprise: enterpriseIds[e], score });
    studentPlaced[edgeStudent[i]]++;
    postingPlaced[p]++;
    enterprisePlaced[e]++;
    totalScore += score;
  }
  let totalShortfall = 0;
  const enterprises: EnterpriseOutcome[] = new Array(nE);
  for (let e = 0; e < nE; e++) {
    const placed = enterprisePlaced[e];
    const shortfall = Math.max(0, data.enterpriseMin[e] - placed);
    totalShortfall += shortfall;
    enterprises[e] = { id: enterpriseIds[e], minInterns: data.enterpriseMin[e], maxInterns: data.enterpriseMax[e], placed, shortfall };
  }
  // Reasons from the student grouping of the edges (validation built it).
  const { start, order } = studentEdges(data);
  const unplaced: Unplaced[] = [];
  for (let s = 0; s < nS; s++) {
    const max = data.studentMax[s];
    if (studentPlaced[s] < max || max === 0) {
      unplaced.push({
        student: studentIds[s],
        reason: unplacedReasonOfRange(data, s, order, start[s], start[s + 1], chosen, postingPlaced, enterprisePlaced),
        placed: studentPlaced[s],
        maxPlacements: max,
      });
    }
  }
  return { objective: totalScore - data.floorPenalty * totalShortfall, totalScore, totalShortfall, placements, enterprises, unplaced };
}
