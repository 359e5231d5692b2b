/**
 * allocate(): validate, solve each connected component (min-cost flow, or the reference LP),
 * prove optimality with an independently checked certificate, explain, and assemble the Result.
 */
import { checkCertificate, type OptimalityCertificate } from "./certificate";
import { isCompactInstance } from "./compact";
import { componentMarginalValues, unplacedReasonOfRange } from "./explain";
import { minCostCirculation, type CirculationOutcome, type NetworkThread } from "./flow";
import { DEFAULT_LP_MEMORY_BUDGET, solveLp } from "./lp-model";
import { buildComponentNetwork, componentEdges, components, degrees, exactPotentials, integerCostModel, Workspace, type CirculationNetwork, type ComponentLayout, type CostModel, type Degrees } from "./network";
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

/** Default size from which a component goes to AllocateOptions.networkThread. */
const DEFAULT_THREAD_MIN_EDGES = 200_000;

/** What solving the components builds up: placement, certificate, slot values, counters. */
class ComponentSolve {
  readonly chosen: Uint8Array;
  readonly certificate: OptimalityCertificate;
  readonly scratch: { studentLocal: Int32Array; postingLocal: Int32Array; enterpriseLocal: Int32Array };
  readonly postingSlotValues: PostingSlotValue[];
  readonly enterpriseCeilingValues: EnterpriseCeilingValue[];
  readonly counters: Counters = { phases: 0, relabels: 0, pushes: 0, arcScans: 0, updateScans: 0, priceUpdates: 0, proofAttempts: 0, proofScans: 0, cyclesCancelled: 0 };
  readonly times = { build: 0, solve: 0, slotValues: 0 };
  readonly budget: { work: number };
  nodes = 0;
  arcs = 0;

  constructor(
    readonly data: ParsedInstance,
    readonly costs: CostModel,
    readonly deg: Degrees,
    readonly options: AllocateOptions,
    readonly warm: WarmStart | undefined,
  ) {
    const nS = data.studentIds.length;
    const nP = data.postingIds.length;
    const nE = data.enterpriseIds.length;
    this.chosen = new Uint8Array(data.edgeStudent.length);
    this.certificate = { costScale: costs.scale, floorCost: costs.floorCost, students: new Float64Array(nS), postings: new Float64Array(nP), enterprises: new Float64Array(nE) };
    this.scratch = { studentLocal: new Int32Array(nS), postingLocal: new Int32Array(nP), enterpriseLocal: new Int32Array(nE) };
    this.postingSlotValues = new Array(nP);
    this.enterpriseCeilingValues = new Array(nE);
    this.budget = { work: options.slotValueWorkLimit ?? DEFAULT_SLOT_VALUE_WORK };
  }

  private clock(): number {
    return this.options.now?.() ?? 0;
  }

  /** The component's network, its arrays in `ws` (valid until the next build with it). */
  build(layout: ComponentLayout, ws: Workspace): CirculationNetwork {
    const t0 = this.clock();
    componentEdges(this.data, layout, ws);
    const net = buildComponentNetwork(this.data, layout, this.deg, this.costs, this.scratch, ws);
    this.nodes += net.nodes;
    this.arcs += net.forwardSlot.length;
    this.times.build += this.clock() - t0;
    return net;
  }

  /** Loads the warm start's flow onto the network; its starting prices (undefined: cold). */
  startPrices(layout: ComponentLayout, net: CirculationNetwork): Float64Array | undefined {
    if (!this.warm) return undefined;
    loadFlow(net, layout, this.warm.chosen);
    return componentStartPrices(this.warm, layout, net);
  }

  /** Solves the network here: proves the LP's placement optimal, or runs cost scaling. */
  solve(layout: ComponentLayout, net: CirculationNetwork, ws: Workspace, lpChosen: Uint8Array | undefined): { pi: Float64Array; arcId?: Int32Array } | { message: string } {
    const t0 = this.clock();
    try {
      if (lpChosen) {
        loadFlow(net, layout, lpChosen);
        const pi = exactPotentials(net, new Float64Array(net.nodes), 100 * net.head.length + 100 * net.nodes + 1000);
        return pi ? { pi } : { message: "the LP solution admits an improving cycle: not optimal (numerical trouble in the LP solver)" };
      }
      return this.outcome(minCostCirculation(net, ws, { startPrices: this.startPrices(layout, net) }));
    } finally {
      this.times.solve += this.clock() - t0;
    }
  }

  /** Counts a min-cost flow outcome (here or from the network thread). */
  outcome(outcome: CirculationOutcome): { pi: Float64Array; arcId: Int32Array } | { message: string } {
    if (!outcome.ok) return { message: outcome.message };
    const c = this.counters;
    c.proofAttempts += outcome.proofAttempts;
    c.proofScans += outcome.proofScans;
    c.cyclesCancelled += outcome.cyclesCancelled;
    c.phases = Math.max(c.phases, outcome.phases);
    c.relabels += outcome.relabels;
    c.pushes += outcome.pushes;
    c.arcScans += outcome.arcScans;
    c.updateScans += outcome.updateScans;
    c.priceUpdates += outcome.updates;
    return { pi: outcome.potentials, arcId: outcome.arcId };
  }

  /** Reads the solved network back into instance order, and its slot values. */
  finish(layout: ComponentLayout, net: CirculationNetwork, pi: Float64Array, arcId: Int32Array | undefined, ws: Workspace): void {
    const { data, chosen, certificate } = this;
    const nSc = layout.students.length;
    const nPc = layout.postings.length;
    const { forwardSlot, rcap, rev } = net;
    const edges = layout.edges;
    for (let k = 0; k < edges.length; k++) chosen[edges[k]] = rcap[rev[forwardSlot[nSc + k]]] > 0 ? 1 : 0;
    for (let i = 0; i < nSc; i++) certificate.students[layout.students[i]] = pi[1 + i];
    for (let i = 0; i < nPc; i++) certificate.postings[layout.postings[i]] = pi[1 + nSc + i];
    for (let i = 0; i < layout.enterprises.length; i++) certificate.enterprises[layout.enterprises[i]] = pi[1 + nSc + nPc + i];
    if (this.options.slotValues === false) return;
    const t0 = this.clock();
    const values = componentMarginalValues(data, layout, net, pi, this.costs.scale, this.budget, this.scratch.enterpriseLocal, ws, arcId);
    for (let i = 0; i < nPc; i++) {
      const p = layout.postings[i];
      this.postingSlotValues[p] = { posting: data.postingIds[p], value: values.postings[i].value, exact: values.postings[i].exact };
    }
    for (let i = 0; i < layout.enterprises.length; i++) {
      const e = layout.enterprises[i];
      this.enterpriseCeilingValues[e] = { enterprise: data.enterpriseIds[e], value: values.enterprises[i].value, exact: values.enterprises[i].exact };
    }
    this.times.slotValues += this.clock() - t0;
  }
}

/** A component handed to the network thread (its network on its own shared arrays). */
interface Handed {
  layout: ComponentLayout;
  net: CirculationNetwork;
}

/**
 * Solves every component in `order`; returns a message when one fails. With a network thread the
 * large ones alternate between it and this thread, and it gets the next one as soon as it
 * returns one (before this thread reads that one back and computes its slot values), so it is
 * rarely idle. This thread builds every network and computes every slot value.
 */
function solveAll(order: ComponentLayout[], run: ComponentSolve, ws: Workspace, lpChosen: Uint8Array | undefined, thread: NetworkThread | undefined, threadMin: number): string | undefined {
  const queue = [...order];
  let handed: Handed | undefined;
  const handNext = (): void => {
    if (!thread || handed || queue.length === 0 || queue[0].edgeCount < threadMin) return;
    const layout = queue.shift() as ComponentLayout;
    // Its own shared arrays: the thread solves them in place while this one goes on.
    const net = run.build(layout, new Workspace(true));
    thread.start(net, run.startPrices(layout, net));
    handed = { layout, net };
  };
  handNext();
  while (queue.length > 0 || handed) {
    const layout = queue.shift();
    if (layout) {
      const net = run.build(layout, ws);
      const solved = run.solve(layout, net, ws, lpChosen);
      if ("message" in solved) {
        if (handed) thread?.finish(); // leaves the thread free for the next call
        return solved.message;
      }
      run.finish(layout, net, solved.pi, solved.arcId, ws);
    }
    if (handed && thread) {
      const done: Handed = handed;
      handed = undefined;
      const solved = run.outcome(thread.finish());
      if ("message" in solved) return solved.message;
      handNext();
      run.finish(done.layout, done.net, solved.pi, solved.arcId, ws);
    }
    handNext();
  }
  return undefined;
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
  // One set of working arrays, sized for the largest component, reused by every component solved here.
  const ws = new Workspace();
  for (const layout of layouts) {
    const nodes = 1 + layout.students.length + layout.postings.length + layout.enterprises.length;
    ws.reserve(nodes, layout.students.length + layout.edgeCount + layout.postings.length + 2 * layout.enterprises.length);
  }
  const run = new ComponentSolve(data, costs, deg, options, lpChosen ? undefined : warmStartOf(data, options.warmStart, costs.scale));
  const thread = lpChosen ? undefined : options.networkThread;
  lap("components");
  // With a second thread, largest first: the two threads then end close together.
  const order = thread ? [...layouts].sort((a, b) => b.edgeCount - a.edgeCount) : layouts;
  const failed = solveAll(order, run, ws, lpChosen, thread, options.networkThreadMinEdges ?? DEFAULT_THREAD_MIN_EDGES);
  if (failed) return { ok: false, message: failed };
  lap("networks"); // build + solve + slot values, split below
  const timings: Record<string, number> = options.now ? { buildMillis: round(run.times.build), solveMillis: round(run.times.solve), slotValueMillis: round(run.times.slotValues) } : {};
  const wantValues = options.slotValues !== false;
  return {
    ok: true,
    chosen: run.chosen,
    certificate: run.certificate,
    components: layouts.length,
    nodes: run.nodes,
    arcs: run.arcs,
    counters: { ...run.counters, ...timings },
    ...(wantValues ? { postingSlotValues: run.postingSlotValues, enterpriseCeilingValues: run.enterpriseCeilingValues } : {}),
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
