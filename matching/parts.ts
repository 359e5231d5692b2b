/**
 * Solving an instance's connected components, all together or split into shares ("parts") that
 * can be solved at the same time on other threads (allocate's `parts` option). Components share
 * no student, posting or enterprise, so a part is an instance of its own: its solution, its
 * potentials and its slot values are those of its components in the whole instance. Pure: the
 * threads belong to whoever implements PartRunner (server/solver/part-threads.ts).
 */
import { componentMarginalValues } from "./explain";
import { minCostCirculation } from "./flow";
import { buildComponentNetwork, componentEdges, components, degrees, exactPotentials, Workspace, type CirculationNetwork, type ComponentLayout, type CostModel, type Degrees } from "./network";
import type { ParsedInstance } from "./validate";

/**
 * Default bound on arc scans of the per-enterprise slot-value searches of one part (the search
 * from the root, once per component, is not charged); values past it are dual bounds. Rarely
 * reached now.
 */
export const DEFAULT_SLOT_VALUE_WORK = 10_000_000;

/** Below this many edges an instance is solved in one piece: a thread's start costs more. */
export const MIN_SPLIT_EDGES = 20_000;

/** One share of an instance's components, as an instance of its own, to be solved anywhere. */
export interface PartTask {
  instance: ParsedInstance;
  /** The whole instance's cost model, so that the part's potentials certify in the whole. */
  costs: CostModel;
  slotValues: boolean;
  slotValueWorkLimit?: number;
}

/** A solved part, in the part's own indices. Plain typed arrays: it can cross threads. */
export interface PartSolution {
  ok: true;
  /** Per edge: 1 when chosen. */
  chosen: Uint8Array;
  /** Node potentials (the optimality certificate), root at 0. */
  studentPotentials: Float64Array;
  postingPotentials: Float64Array;
  enterprisePotentials: Float64Array;
  /** Slot values (when asked for): value and exactness per posting and per enterprise ceiling. */
  postingValues?: Float64Array;
  postingExact?: Uint8Array;
  ceilingValues?: Float64Array;
  ceilingExact?: Uint8Array;
  components: number;
  nodes: number;
  arcs: number;
  /** Solver work counters, and buildMillis / solveMillis / slotValueMillis when a clock was given. */
  counters: Record<string, number>;
}

export type PartOutcome = PartSolution | { ok: false; message: string };

/**
 * Solves parts elsewhere (another thread) while the caller solves its own. `start` hands the
 * tasks over and returns at once; `wait` blocks until every one has an outcome, in task order.
 * allocate() is synchronous, so the wait must be too (server/solver/part-threads.ts blocks on
 * Atomics.wait). An outcome with ok false is solved again by the caller.
 */
export interface PartRunner {
  /** Parts solved at once, the caller's included (an instance is split into this many at most). */
  readonly threads: number;
  /** Instances with fewer edges are solved in one piece (default MIN_SPLIT_EDGES). */
  readonly minEdges?: number;
  start(tasks: PartTask[]): { wait(): PartOutcome[] };
}

/**
 * Solves every component of `task.instance` (min-cost flow, or the given LP placement checked
 * for optimality), with potentials and slot values. `now` times the phases; `lap` is called with
 * "components" once the components are known.
 */
export function solvePart(task: PartTask, now?: () => number, lap?: (name: string) => void, lpChosen?: Uint8Array): PartOutcome {
  const data = task.instance;
  const costs = task.costs;
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
  const solution: PartSolution = {
    ok: true,
    chosen: new Uint8Array(data.edgeStudent.length),
    studentPotentials: new Float64Array(nS),
    postingPotentials: new Float64Array(nP),
    enterprisePotentials: new Float64Array(nE),
    ...(task.slotValues
      ? { postingValues: new Float64Array(nP), postingExact: new Uint8Array(nP), ceilingValues: new Float64Array(nE), ceilingExact: new Uint8Array(nE) }
      : {}),
    components: layouts.length,
    nodes: 0,
    arcs: 0,
    counters: { phases: 0, relabels: 0, pushes: 0, arcScans: 0, updateScans: 0, priceUpdates: 0, proofAttempts: 0, proofScans: 0 },
  };
  const { counters } = solution;
  const scratch = { studentLocal: new Int32Array(nS), postingLocal: new Int32Array(nP), enterpriseLocal: new Int32Array(nE) };
  const budget = { work: task.slotValueWorkLimit ?? DEFAULT_SLOT_VALUE_WORK };
  let buildTime = 0;
  let solveTime = 0;
  let explainTime = 0;
  lap?.("components");
  for (const layout of layouts) {
    const t0 = now?.();
    componentEdges(data, layout, ws);
    const net = buildComponentNetwork(data, layout, deg, costs, scratch, ws);
    const t1 = now?.();
    solution.nodes += net.nodes;
    solution.arcs += net.forwardSlot.length;
    let pi: Float64Array | undefined;
    let arcId: Int32Array | undefined;
    if (lpChosen) {
      loadFlow(net, layout.edges, layout.students.length, layout.postings.length, layout.enterprises.length, lpChosen);
      pi = exactPotentials(net, new Float64Array(net.nodes), 100 * net.head.length + 100 * net.nodes + 1000);
      if (!pi) return { ok: false, message: "the LP solution admits an improving cycle: not optimal (numerical trouble in the LP solver)" };
    } else {
      const outcome = minCostCirculation(net, ws);
      if (!outcome.ok) return { ok: false, message: outcome.message };
      pi = outcome.potentials;
      arcId = outcome.arcId;
      counters.proofAttempts += outcome.proofAttempts;
      counters.proofScans += outcome.proofScans;
      counters.phases = Math.max(counters.phases, outcome.phases);
      counters.relabels += outcome.relabels;
      counters.pushes += outcome.pushes;
      counters.arcScans += outcome.arcScans;
      counters.updateScans += outcome.updateScans;
      counters.priceUpdates += outcome.updates;
    }
    const t2 = now?.();
    readBack(solution, layout, net, pi);
    if (task.slotValues) {
      const values = componentMarginalValues(data, layout, net, pi, costs.scale, budget, scratch.enterpriseLocal, ws, arcId);
      for (let i = 0; i < layout.postings.length; i++) {
        solution.postingValues![layout.postings[i]] = values.postings[i].value;
        solution.postingExact![layout.postings[i]] = values.postings[i].exact ? 1 : 0;
      }
      for (let i = 0; i < layout.enterprises.length; i++) {
        solution.ceilingValues![layout.enterprises[i]] = values.enterprises[i].value;
        solution.ceilingExact![layout.enterprises[i]] = values.enterprises[i].exact ? 1 : 0;
      }
    }
    const t3 = now?.();
    if (now) {
      buildTime += (t1 as number) - (t0 as number);
      solveTime += (t2 as number) - (t1 as number);
      explainTime += (t3 as number) - (t2 as number);
    }
  }
  if (now) Object.assign(counters, { buildMillis: round(buildTime), solveMillis: round(solveTime), slotValueMillis: round(explainTime) });
  return solution;
}

/** The component's placement and potentials into the solution, in the part's indices. */
function readBack(solution: PartSolution, layout: ComponentLayout, net: CirculationNetwork, pi: Float64Array): void {
  const nSc = layout.students.length;
  const nPc = layout.postings.length;
  const { forwardSlot, rcap, rev } = net;
  const edges = layout.edges;
  for (let k = 0; k < edges.length; k++) solution.chosen[edges[k]] = rcap[rev[forwardSlot[nSc + k]]] > 0 ? 1 : 0;
  for (let i = 0; i < nSc; i++) solution.studentPotentials[layout.students[i]] = pi[1 + i];
  for (let i = 0; i < nPc; i++) solution.postingPotentials[layout.postings[i]] = pi[1 + nSc + i];
  for (let i = 0; i < layout.enterprises.length; i++) solution.enterprisePotentials[layout.enterprises[i]] = pi[1 + nSc + nPc + i];
}

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

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Where a part's students, postings, enterprises and edges are in the whole instance (ascending). */
export interface PartMap {
  students: Int32Array;
  postings: Int32Array;
  enterprises: Int32Array;
  edges: Int32Array;
}

/**
 * Splits the instance's components into at most `count` parts of similar work (largest first,
 * each to the lightest part; work ~ edges + students), each an instance of its own that keeps
 * the whole instance's order of students, postings, enterprises and edges, so every component's
 * network, and hence its solution, is the same as in the whole. Students without edges, and
 * components without work, go to the first part. Returns undefined when there is nothing to share: fewer than two parts with work,
 * or fewer than `minEdges` edges.
 */
export function splitInstance(data: ParsedInstance, count: number, minEdges = MIN_SPLIT_EDGES, deg: Degrees = degrees(data)): { parts: ParsedInstance[]; maps: PartMap[] } | undefined {
  if (count < 2 || data.edgeStudent.length < minEdges) return undefined;
  const layouts = components(data, deg, true);
  if (layouts.length < 2) return undefined;
  const order = layouts.map((_, c) => c).sort((a, b) => work(layouts[b]) - work(layouts[a]) || a - b);
  const load = new Float64Array(count);
  const partOf = new Int32Array(layouts.length);
  for (const c of order) {
    if (work(layouts[c]) === 0) continue; // nothing to solve (an enterprise without postings): part 0
    let lightest = 0;
    for (let k = 1; k < count; k++) if (load[k] < load[lightest]) lightest = k;
    partOf[c] = lightest;
    load[lightest] += work(layouts[c]);
  }
  const used = Array.from(load, (x) => x > 0).filter(Boolean).length;
  if (used < 2) return undefined;

  const nS = data.studentIds.length;
  const nP = data.postingIds.length;
  const nE = data.enterpriseIds.length;
  // Part of every student (edgeless ones: part 0), posting and enterprise.
  const studentPart = new Int32Array(nS);
  const postingPart = new Int32Array(nP);
  const enterprisePart = new Int32Array(nE);
  layouts.forEach((layout, c) => {
    for (const s of layout.students) studentPart[s] = partOf[c];
    for (const p of layout.postings) postingPart[p] = partOf[c];
    for (const e of layout.enterprises) enterprisePart[e] = partOf[c];
  });
  const maps: PartMap[] = [];
  const parts: ParsedInstance[] = [];
  const studentLocal = new Int32Array(nS);
  const postingLocal = new Int32Array(nP);
  const enterpriseLocal = new Int32Array(nE);
  const members = (part: Int32Array, k: number, local: Int32Array): Int32Array => {
    let size = 0;
    for (let i = 0; i < part.length; i++) if (part[i] === k) size++;
    const list = new Int32Array(size);
    size = 0;
    for (let i = 0; i < part.length; i++) {
      if (part[i] !== k) continue;
      local[i] = size;
      list[size++] = i;
    }
    return list;
  };
  const { edgeStudent, edgePosting, edgeScore } = data;
  for (let k = 0; k < count; k++) {
    if (load[k] === 0 && k !== 0) continue;
    const students = members(studentPart, k, studentLocal);
    const postings = members(postingPart, k, postingLocal);
    const enterprises = members(enterprisePart, k, enterpriseLocal);
    let m = 0;
    for (let i = 0; i < edgeStudent.length; i++) if (studentPart[edgeStudent[i]] === k) m++;
    const edges = new Int32Array(m);
    const partEdgeStudent = new Int32Array(m);
    const partEdgePosting = new Int32Array(m);
    const partEdgeScore = new Float64Array(m);
    m = 0;
    for (let i = 0; i < edgeStudent.length; i++) {
      if (studentPart[edgeStudent[i]] !== k) continue;
      edges[m] = i;
      partEdgeStudent[m] = studentLocal[edgeStudent[i]];
      partEdgePosting[m] = postingLocal[edgePosting[i]];
      partEdgeScore[m] = edgeScore[i];
      m++;
    }
    const postingEnterprise = new Int32Array(postings.length);
    for (let i = 0; i < postings.length; i++) postingEnterprise[i] = enterpriseLocal[data.postingEnterprise[postings[i]]];
    parts.push({
      floorPenalty: data.floorPenalty,
      studentIds: Array.from(students, (s) => data.studentIds[s]),
      postingIds: Array.from(postings, (p) => data.postingIds[p]),
      enterpriseIds: Array.from(enterprises, (e) => data.enterpriseIds[e]),
      studentMax: pick(data.studentMax, students),
      postingCapacity: pick(data.postingCapacity, postings),
      postingEnterprise,
      enterpriseMin: pick(data.enterpriseMin, enterprises),
      enterpriseMax: pick(data.enterpriseMax, enterprises),
      edgeStudent: partEdgeStudent,
      edgePosting: partEdgePosting,
      edgeScore: partEdgeScore,
    });
    maps.push({ students, postings, enterprises, edges });
  }
  return { parts, maps };
}

function work(layout: ComponentLayout): number {
  return layout.edgeCount + layout.students.length;
}

function pick(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

/** The parts' solutions as one solution of the whole instance (counters summed, phases the most). */
export function mergeParts(data: ParsedInstance, solutions: PartSolution[], maps: PartMap[], slotValues: boolean): PartSolution {
  const nP = data.postingIds.length;
  const nE = data.enterpriseIds.length;
  const whole: PartSolution = {
    ok: true,
    chosen: new Uint8Array(data.edgeStudent.length),
    studentPotentials: new Float64Array(data.studentIds.length),
    postingPotentials: new Float64Array(nP),
    enterprisePotentials: new Float64Array(nE),
    ...(slotValues ? { postingValues: new Float64Array(nP), postingExact: new Uint8Array(nP), ceilingValues: new Float64Array(nE), ceilingExact: new Uint8Array(nE) } : {}),
    components: 0,
    nodes: 0,
    arcs: 0,
    counters: {},
  };
  solutions.forEach((part, k) => {
    const map = maps[k];
    scatter(whole.chosen, part.chosen, map.edges);
    scatter(whole.studentPotentials, part.studentPotentials, map.students);
    scatter(whole.postingPotentials, part.postingPotentials, map.postings);
    scatter(whole.enterprisePotentials, part.enterprisePotentials, map.enterprises);
    if (slotValues) {
      scatter(whole.postingValues!, part.postingValues!, map.postings);
      scatter(whole.postingExact!, part.postingExact!, map.postings);
      scatter(whole.ceilingValues!, part.ceilingValues!, map.enterprises);
      scatter(whole.ceilingExact!, part.ceilingExact!, map.enterprises);
    }
    whole.components += part.components;
    whole.nodes += part.nodes;
    whole.arcs += part.arcs;
    for (const [name, value] of Object.entries(part.counters)) {
      whole.counters[name] = name === "phases" ? Math.max(whole.counters[name] ?? 0, value) : round((whole.counters[name] ?? 0) + value);
    }
  });
  return whole;
}

function scatter<T extends Uint8Array | Float64Array>(target: T, source: T, indices: Int32Array): void {
  for (let i = 0; i < indices.length; i++) target[indices[i]] = source[i];
}

