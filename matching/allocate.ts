/**
 * allocate(): validate, solve each connected component (min-cost flow, or the reference LP),
 * prove optimality with an independently checked certificate, explain, and assemble the Result.
 */
import { checkCertificate, type OptimalityCertificate } from "./certificate";
import { isCompactInstance } from "./compact";
import { componentMarginalValues, unplacedReasonOfRange } from "./explain";
import { minCostCirculation } from "./flow";
import { DEFAULT_LP_MEMORY_BUDGET, solveLp } from "./lp-model";
import { buildComponentNetwork, componentEdges, components, degrees, exactPotentials, integerCostModel, Workspace, type CirculationNetwork, type ComponentLayout, type CostModel } from "./network";
import type { AllocateOptions, EnterpriseCeilingValue, EnterpriseOutcome, FailedResult, OptimalResult, Placement, PostingSlotValue, Result, ResultDuals, SolveStats, Unplaced } from "./types";
import { stabilityReport } from "./stability";
import { parseInstance, studentEdges, type ParsedInstance } from "./validate";
import { componentStartPrices, warmStartOf, type WarmStart } from "./warm-start";

/**
 * Default bound on arc scans of the per-enterprise slot-value searches (the search from the root,
 * once per component, is not charged); values past it are dual bounds. Rarely reached now.
 */
const DEFAULT_SLOT_VALUE_WORK = 10_000_000;

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
    if (now === undefined || mark === undefined) {
      options.progress?.(name, NaN);
      return;
    }
    const t = now();
    phases[name] = Math.round((t - mark) * 100) / 100;
    mark = t;
    options.progress?.(name, phases[name]);
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

  const solved = solveComponents(data, costs, lpChosen, options, lap);
  if (!solved.ok) return failure("ERROR", solved.message, solver, elapsed());
  const { chosen, certificate } = solved;

  const verdict = checkCertificate(data, chosen, certificate);
  lap("certify");
  if (!verdict.ok) return failure("ERROR", `optimality certificate rejected: ${verdict.problems.join("; ")}`, solver, elapsed());

  const stability = options.stability === false ? undefined : stabilityReport(data, chosen, options.studentSchools, options.stabilityListLimit);
  if (stability) lap("stability");
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
    ...(stability ? { stability } : {}),
    ...(options.duals ? { duals: resultDuals(data, certificate) } : {}),
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

/** Puts a feasible placement (the LP's, or a warm start's) on a component network as its flow. */
function loadFlow(net: CirculationNetwork, layout: ComponentLayout, chosen: Uint8Array): void {
  const layoutEdges = layout.edges;
  const nS = layout.students.length;
  const nP = layout.postings.length;
  const nE = layout.enterprises.length;
  const forward = net.forwardSlot;
  const addFlow = (f: number, x: number): void => {
    if (x === 0) return;
    const a = forward[f];
    net.rcap[a] -= x;
    net.rcap[net.rev[a]] += x;
  };
  const nodeFlowIn = new Float64Array(net.nodes);
  for (let k = 0; k < layoutEdges.length; k++) {
    const x = chosen[layoutEdges[k]];
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

type Counters = Record<"phases" | "relabels" | "pushes" | "arcScans" | "updateScans" | "priceUpdates" | "proofAttempts" | "proofScans" | "cyclesCancelled", number>;

/**
 * Solves one component's network in place: proves the LP's placement optimal (lpChosen), or runs
 * cost scaling, from the warm start's flow and prices when there is one, else from scratch.
 */
function solveNetwork(
  net: CirculationNetwork,
  layout: ComponentLayout,
  ws: Workspace,
  lpChosen: Uint8Array | undefined,
  warm: WarmStart | undefined,
  counters: Counters,
): { pi: Float64Array; arcId?: Int32Array } | { message: string } {
  if (lpChosen) {
    loadFlow(net, layout, lpChosen);
    const pi = exactPotentials(net, new Float64Array(net.nodes), 100 * net.head.length + 100 * net.nodes + 1000);
    return pi ? { pi } : { message: "the LP solution admits an improving cycle: not optimal (numerical trouble in the LP solver)" };
  }
  let startPrices: Float64Array | undefined;
  if (warm) {
    loadFlow(net, layout, warm.chosen);
    startPrices = componentStartPrices(warm, layout, net);
  }
  const outcome = minCostCirculation(net, ws, { startPrices });
  if (!outcome.ok) return { message: outcome.message };
  counters.proofAttempts += outcome.proofAttempts;
  counters.proofScans += outcome.proofScans;
  counters.cyclesCancelled += outcome.cyclesCancelled;
  counters.phases = Math.max(counters.phases, outcome.phases);
  counters.relabels += outcome.relabels;
  counters.pushes += outcome.pushes;
  counters.arcScans += outcome.arcScans;
  counters.updateScans += outcome.updateScans;
  counters.priceUpdates += outcome.updates;
  return { pi: outcome.potentials, arcId: outcome.arcId };
}

function solveComponents(
  data: ParsedInstance,
  costs: CostModel,
  lpChosen: Uint8Array | undefined,
  options: AllocateOptions,
  lap: (name: string) => void,
): Solved {
  const deg = degrees(data);
  const layouts = components(data, deg, true);
  // One set of working arrays, sized for the largest component, reused by every component.
  const ws = new Workspace();
  for (const layout of layouts) {
    const nodes = 1 + layout.students.length + layout.postings.length + layout.enterprises.length;
    ws.reserve(nodes, layout.students.length + layout.edgeCount + layout.postings.length + 2 * layout.enterprises.length);
  }
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
  const counters: Counters = { phases: 0, relabels: 0, pushes: 0, arcScans: 0, updateScans: 0, priceUpdates: 0, proofAttempts: 0, proofScans: 0, cyclesCancelled: 0 };
  const warm = lpChosen ? undefined : warmStartOf(data, options.warmStart, costs.scale);
  let buildTime = 0;
  let solveTime = 0;
  let explainTime = 0;
  const clock = options.now;
  lap("components");
  for (const layout of layouts) {
    const t0 = clock?.();
    componentEdges(data, layout, ws);
    const net = buildComponentNetwork(data, layout, deg, costs, scratch, ws);
    const t1 = clock?.();
    nodes += net.nodes;
    arcs += net.forwardSlot.length;
    const solvedNet = solveNetwork(net, layout, ws, lpChosen, warm, counters);
    if ("message" in solvedNet) return { ok: false, message: solvedNet.message };
    const { pi, arcId } = solvedNet;
    const t2 = clock?.();
    // Read the placement and the potentials back into instance order.
    const nSc = layout.students.length;
    const { forwardSlot, rcap, rev } = net;
    const edges = layout.edges;
    for (let k = 0; k < edges.length; k++) chosen[edges[k]] = rcap[rev[forwardSlot[nSc + k]]] > 0 ? 1 : 0;
    for (let i = 0; i < nSc; i++) certificate.students[layout.students[i]] = pi[1 + i];
    for (let i = 0; i < layout.postings.length; i++) certificate.postings[layout.postings[i]] = pi[1 + nSc + i];
    for (let i = 0; i < layout.enterprises.length; i++) certificate.enterprises[layout.enterprises[i]] = pi[1 + nSc + layout.postings.length + i];
    if (wantValues) {
      const values = componentMarginalValues(data, layout, net, pi, costs.scale, budget, scratch.enterpriseLocal, ws, arcId);
      for (let i = 0; i < layout.postings.length; i++) {
        const p = layout.postings[i];
        const v = values.postings[i];
        postingSlotValues[p] = { posting: data.postingIds[p], value: v.value, exact: v.exact };
      }
      for (let i = 0; i < layout.enterprises.length; i++) {
        const e = layout.enterprises[i];
        const v = values.enterprises[i];
        enterpriseCeilingValues[e] = { enterprise: data.enterpriseIds[e], value: v.value, exact: v.exact };
      }
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

/** The certificate's potentials by id (AllocateOptions.duals). */
function resultDuals(data: ParsedInstance, certificate: OptimalityCertificate): ResultDuals {
  return {
    costScale: certificate.costScale,
    students: { ids: data.studentIds, values: Array.from(certificate.students) },
    postings: { ids: data.postingIds, values: Array.from(certificate.postings) },
    enterprises: { ids: data.enterpriseIds, values: Array.from(certificate.enterprises) },
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
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
