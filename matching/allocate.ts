/**
 * allocate(): validate, solve each connected component (min-cost flow, or the reference LP),
 * prove optimality with an independently checked certificate, explain, and assemble the Result.
 */
import { checkCertificate, type OptimalityCertificate } from "./certificate";
import { componentMarginalValues, unplacedReason } from "./explain";
import { minCostCirculation } from "./flow";
import { DEFAULT_LP_MEMORY_BUDGET, solveLp } from "./lp-model";
import { buildComponentNetwork, components, degrees, exactPotentials, integerCostModel, type CirculationNetwork, type CostModel } from "./network";
import type { AllocateOptions, EnterpriseCeilingValue, EnterpriseOutcome, FailedResult, Placement, PostingSlotValue, Result, SolveStats, Unplaced } from "./types";
import { parseInstance, type ParsedInstance } from "./validate";

/** Default bound on arc scans spent on exact slot values (roughly 0.2 s); the rest are dual bounds. */
const DEFAULT_SLOT_VALUE_WORK = 10_000_000;

function failure(status: "ERROR" | "TIME_LIMIT", message: string, solver?: string, millis?: number): FailedResult {
  return { version: 1, status, message, stats: { solver, ...(millis === undefined ? {} : { millis }) } };
}

/**
 * Solves an allocation instance (FORMAT.md) to proven optimality; never throws on bad input.
 * Invalid instances give status "INVALID_INPUT" with messages; a run that cannot prove its
 * answer optimal gives "ERROR", never "OPTIMAL". `options.solver`: "auto" (default, = flow),
 * "flow", or "lp" (the reference LP, refused past `lpMemoryBudgetBytes`).
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

  const parsed = parseInstance(instance);
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

  const solved = solveComponents(data, costs, lpChosen, options, lap);
  if (!solved.ok) return failure("ERROR", solved.message, solver, elapsed());
  const { chosen, certificate } = solved;

  const verdict = checkCertificate(data, chosen, certificate);
  lap("certify");
  if (!verdict.ok) return failure("ERROR", `optimality certificate rejected: ${verdict.problems.join("; ")}`, solver, elapsed());

  const result = assemble(data, chosen);
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
    ...(solved.postingSlotValues ? { postingSlotValues: solved.postingSlotValues, enterpriseCeilingValues: solved.enterpriseCeilingValues } : {}),
    stats,
  };
}

type Solved =
  | {
      ok: true;
      chosen: Uint8Array;
      certificate: OptimalityCertificate;
      components: number;
      nodes: number;
      arcs: number;
      counters: Record<string, number>;
      postingSlotValues?: PostingSlotValue[];
      enterpriseCeilingValues?: EnterpriseCeilingValue[];
    }
  | { ok: false; message: string };

/** Puts the LP's placement on a component network as its flow. */
function loadFlow(net: CirculationNetwork, layoutEdges: Int32Array, nS: number, nP: number, nE: number, lpChosen: Uint8Array): void {
  const forward = net.forwardSlot;
  const addFlow = (f: number, x: number): void => {
    if (x === 0) return;
    const a = forward[f];
    net.rcap[a] -= x;
    net.rcap[net.rev[a]] += x;
  };
  const nodeFlowIn = new Float64Array(net.nodes);
  for (let k = 0; k < layoutEdges.length; k++) {
    const x = lpChosen[layoutEdges[k]];
    if (x === 0) continue;
    const a = forward[nS + k];
    const s = net.head[net.rev[a]];
    const p = net.head[a];
    addFlow(nS + k, 1);
    nodeFlowIn[s]++;
    nodeFlowIn[p]++;
  }
  for (let i = 0; i < nS; i++) addFlow(i, nodeFlowIn[1 + i]);
  for (let i = 0; i < nP; i++) {
    const a = forward[nS + layoutEdges.length + i];
    nodeFlowIn[net.head[a]] += nodeFlowIn[1 + nS + i];
    addFlow(nS + layoutEdges.length + i, nodeFlowIn[1 + nS + i]);
  }
  for (let i = 0; i < nE; i++) {
    const placed = nodeFlowIn[1 + nS + nP + i];
    const floorArc = nS + layoutEdges.length + nP + 2 * i;
    const floorCap = net.rcap[forward[floorArc]];
    const onFloor = Math.min(placed, floorCap);
    addFlow(floorArc, onFloor);
    addFlow(floorArc + 1, placed - onFloor);
  }
}

function solveComponents(
  data: ParsedInstance,
  costs: CostModel,
  lpChosen: Uint8Array | undefined,
  options: AllocateOptions,
  lap: (name: string) => void,
): Solved {
  const deg = degrees(data);
  const layouts = components(data, deg);
  const nS = data.studentIds.length;
  const nP = data.postingIds.length;
  const nE = data.enterpriseIds.length;
  const chosen = new Uint8Array(data.edgeStudent.length);
  const certificate: OptimalityCertificate = {
    costScale: costs.scale,
    floorCost: costs.floorCost,
    students: new Float64Array(nS),
    postings: new Float64Array(nP),
    enterprises: new Float64Array(nE),
  };
  const scratch = { studentLocal: new Int32Array(nS), postingLocal: new Int32Array(nP), enterpriseLocal: new Int32Array(nE) };
  const wantValues = options.slotValues !== false;
  const budget = { work: options.slotValueWorkLimit ?? DEFAULT_SLOT_VALUE_WORK };
  const postingSlotValues: PostingSlotValue[] = new Array(nP);
  const enterpriseCeilingValues: EnterpriseCeilingValue[] = new Array(nE);
  let nodes = 0;
  let arcs = 0;
  const counters = { phases: 0, relabels: 0, pushes: 0, arcScans: 0, updateScans: 0, priceUpdates: 0 };
  let buildTime = 0;
  let solveTime = 0;
  let explainTime = 0;
  const clock = options.now;
  lap("components");
  for (const layout of layouts) {
    const t0 = clock?.();
    const net = buildComponentNetwork(data, layout, deg, costs, scratch);
    const t1 = clock?.();
    nodes += net.nodes;
    arcs += net.forwardSlot.length;
    let pi: Float64Array | undefined;
    if (lpChosen) {
      loadFlow(net, layout.edges, layout.students.length, layout.postings.length, layout.enterprises.length, lpChosen);
      pi = exactPotentials(net, new Float64Array(net.nodes), 100 * net.head.length + 100 * net.nodes + 1000);
      if (!pi) return { ok: false, message: "the LP solution admits an improving cycle: not optimal (numerical trouble in the LP solver)" };
    } else {
      const outcome = minCostCirculation(net);
      if (!outcome.ok) return { ok: false, message: outcome.message };
      pi = outcome.potentials;
      counters.phases = Math.max(counters.phases, outcome.phases);
      counters.relabels += outcome.relabels;
      counters.pushes += outcome.pushes;
      counters.arcScans += outcome.arcScans;
      counters.updateScans += outcome.updateScans;
      counters.priceUpdates += outcome.updates;
    }
    const t2 = clock?.();
    // Read the placement and the potentials back into instance order.
    const nSc = layout.students.length;
    for (let k = 0; k < layout.edges.length; k++) {
      const a = net.forwardSlot[nSc + k];
      chosen[layout.edges[k]] = net.rcap[net.rev[a]] > 0 ? 1 : 0;
    }
    for (let i = 0; i < nSc; i++) certificate.students[layout.students[i]] = pi[1 + i];
    for (let i = 0; i < layout.postings.length; i++) certificate.postings[layout.postings[i]] = pi[1 + nSc + i];
    for (let i = 0; i < layout.enterprises.length; i++) certificate.enterprises[layout.enterprises[i]] = pi[1 + nSc + layout.postings.length + i];
    if (wantValues) {
      const values = componentMarginalValues(data, layout, net, pi, costs.scale, budget, scratch.enterpriseLocal);
      layout.postings.forEach((p, i) => (postingSlotValues[p] = { posting: data.postingIds[p], ...values.postings[i] }));
      layout.enterprises.forEach((e, i) => (enterpriseCeilingValues[e] = { enterprise: data.enterpriseIds[e], ...values.enterprises[i] }));
    }
    const t3 = clock?.();
    if (clock) {
      buildTime += (t1 as number) - (t0 as number);
      solveTime += (t2 as number) - (t1 as number);
      explainTime += (t3 as number) - (t2 as number);
    }
  }
  lap("networks"); // build + solve + slot values, split below
  const timings: Record<string, number> = clock ? { buildMillis: round(buildTime), solveMillis: round(solveTime), slotValueMillis: round(explainTime) } : {};
  return {
    ok: true,
    chosen,
    certificate,
    components: layouts.length,
    nodes,
    arcs,
    counters: { ...counters, ...timings },
    ...(wantValues ? { postingSlotValues, enterpriseCeilingValues } : {}),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Placements, enterprise outcomes, unplaced students with reasons, and the objective. */
function assemble(data: ParsedInstance, chosen: Uint8Array): {
  objective: number;
  totalScore: number;
  totalShortfall: number;
  placements: Placement[];
  enterprises: EnterpriseOutcome[];
  unplaced: Unplaced[];
} {
  const nS = data.studentIds.length;
  const placements: Placement[] = [];
  const studentPlaced = new Float64Array(nS);
  const postingPlaced = new Float64Array(data.postingIds.length);
  const enterprisePlaced = new Float64Array(data.enterpriseIds.length);
  let totalScore = 0;
  for (let i = 0; i < chosen.length; i++) {
    if (chosen[i] === 0) continue;
    const p = data.edgePosting[i];
    const e = data.postingEnterprise[p];
    const score = data.edgeScore[i];
    placements.push({ student: data.studentIds[data.edgeStudent[i]], posting: data.postingIds[p], enterprise: data.enterpriseIds[e], score });
    studentPlaced[data.edgeStudent[i]]++;
    postingPlaced[p]++;
    enterprisePlaced[e]++;
    totalScore += score;
  }
  let totalShortfall = 0;
  const enterprises: EnterpriseOutcome[] = data.enterpriseIds.map((id, e) => {
    const placed = enterprisePlaced[e];
    const shortfall = Math.max(0, data.enterpriseMin[e] - placed);
    totalShortfall += shortfall;
    return { id, minInterns: data.enterpriseMin[e], maxInterns: data.enterpriseMax[e], placed, shortfall };
  });
  // Edges per student, for the reasons.
  const start = new Int32Array(nS + 1);
  for (let i = 0; i < data.edgeStudent.length; i++) start[data.edgeStudent[i] + 1]++;
  for (let s = 0; s < nS; s++) start[s + 1] += start[s];
  const fill = start.slice(0, nS);
  const byStudent = new Int32Array(data.edgeStudent.length);
  for (let i = 0; i < data.edgeStudent.length; i++) byStudent[fill[data.edgeStudent[i]]++] = i;
  const unplaced: Unplaced[] = [];
  for (let s = 0; s < nS; s++) {
    const max = data.studentMax[s];
    if (studentPlaced[s] < max || max === 0) {
      const edges = Array.from(byStudent.subarray(start[s], start[s + 1]));
      unplaced.push({
        student: data.studentIds[s],
        reason: unplacedReason(data, s, edges, chosen, postingPlaced, enterprisePlaced),
        placed: studentPlaced[s],
        maxPlacements: max,
      });
    }
  }
  return { objective: totalScore - data.floorPenalty * totalShortfall, totalScore, totalShortfall, placements, enterprises, unplaced };
}
