/**
 * The allocation problem as a min-cost circulation, split into connected components.
 *
 * One network per component, node 0 being the root R that stands for both source and
 * sink (the zero-cost sink->source return arc of the classic formulation, contracted):
 *
 *   R -> student      cap maxPlacements       cost 0
 *   student -> posting cap 1 (one per edge)   cost -score * scale
 *   posting -> enterprise cap capacity        cost 0
 *   enterprise -> R   cap minInterns          cost -floorCost   (the floor units)
 *   enterprise -> R   cap maxInterns - minInterns  cost 0
 *
 * A circulation of cost C places students with objective
 * (-C / scale) - floorPenalty * sum(minInterns). Capacities that can never bind are
 * clamped to (largest possible flow + 1), which keeps them in Int32 range without
 * changing which arcs are saturated, so optimality conditions stay those of the true
 * capacities (the independent certificate check uses the true ones).
 */
import type { ParsedInstance } from "./validate";

/** Residual network of one component in CSR form (arcs grouped by tail). */
export interface CirculationNetwork {
  nodes: number;
  /** first[v]..first[v+1]-1 are the arcs leaving v. */
  first: Int32Array;
  head: Int32Array;
  /** Residual capacity (the flow on arc a is rcap[rev[a]] for a forward arc). */
  rcap: Int32Array;
  /** Integer cost in scaled units; cost[rev[a]] = -cost[a]. */
  cost: Float64Array;
  rev: Int32Array;
  /** CSR slot of each forward arc, in build order. */
  forwardSlot: Int32Array;
}

/** How a component's local nodes and forward arcs map back to the instance. */
export interface ComponentLayout {
  students: Int32Array;
  postings: Int32Array;
  enterprises: Int32Array;
  /** Instance edge indices of this component (their forward arcs are in this order). */
  edges: Int32Array;
}

/** Integer cost data shared by all components. */
export interface CostModel {
  /** Costs are multiplied by this power of ten so that floorPenalty * scale is an integer. */
  scale: number;
  /** Integer cost of one unit of floor (floorPenalty * scale, or the lexicographic cap). */
  floorCost: number;
  /** True when floorPenalty exceeded every possible score difference and was capped. */
  capped: boolean;
}

/**
 * Finds integer costs equivalent to the instance's: scores times a power of ten that makes
 * floorPenalty integral (up to 6 decimals). A floorPenalty above the sum of all |scores|
 * makes the objective lexicographic (fewest shortfalls first, then best score), so it is
 * replaced by that sum + 1, which orders every pair of solutions the same way.
 * Returns undefined when no exact integer model with safe magnitudes exists.
 */
export function integerCostModel(instance: ParsedInstance): CostModel | undefined {
  let sumAbs = 0;
  for (let i = 0; i < instance.edgeScore.length; i++) sumAbs += Math.abs(instance.edgeScore[i]);
  const fp = instance.floorPenalty;
  if (fp > sumAbs + 1) return safe({ scale: 1, floorCost: sumAbs + 1, capped: true }, sumAbs);
  for (let k = 0, scale = 1; k <= 6; k++, scale *= 10) {
    const floorCost = Math.round(fp * scale);
    if (floorCost / scale === fp) return safe({ scale, floorCost, capped: false }, sumAbs);
  }
  return undefined;
}

function safe(model: CostModel, sumAbs: number): CostModel | undefined {
  // Costs are later multiplied by (nodes + 1) and potentials reach about nodes * max cost.
  const bound = Math.max(sumAbs * model.scale, model.floorCost, 1);
  return bound < 2 ** 44 ? model : undefined;
}

/** Student/posting/enterprise incidence counts. */
export interface Degrees {
  student: Int32Array;
  posting: Int32Array;
}

/** Counts each student's and posting's edges. */
export function degrees(instance: ParsedInstance): Degrees {
  const student = new Int32Array(instance.studentIds.length);
  const posting = new Int32Array(instance.postingIds.length);
  const { edgeStudent, edgePosting } = instance;
  for (let i = 0; i < edgeStudent.length; i++) {
    student[edgeStudent[i]]++;
    posting[edgePosting[i]]++;
  }
  return { student, posting };
}

/**
 * Groups students, postings and enterprises into connected components (union-find over
 * edges and posting->enterprise links). Students without edges are left out: they can
 * never be placed and need no network.
 */
export function components(instance: ParsedInstance, deg: Degrees): ComponentLayout[] {
  const nS = instance.studentIds.length;
  const nP = instance.postingIds.length;
  const nE = instance.enterpriseIds.length;
  const total = nS + nP + nE;
  const parent = new Int32Array(total);
  for (let i = 0; i < total; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };
  const { edgeStudent, edgePosting, postingEnterprise } = instance;
  for (let i = 0; i < edgeStudent.length; i++) union(edgeStudent[i], nS + edgePosting[i]);
  for (let p = 0; p < nP; p++) union(nS + p, nS + nP + postingEnterprise[p]);

  // Number the components by first appearance (deterministic), skipping edgeless students.
  const compOf = new Int32Array(total).fill(-1);
  const rootComp = new Int32Array(total).fill(-1);
  let count = 0;
  for (let v = 0; v < total; v++) {
    if (v < nS && deg.student[v] === 0) continue;
    const r = find(v);
    if (rootComp[r] < 0) rootComp[r] = count++;
    compOf[v] = rootComp[r];
  }
  const sCount = new Int32Array(count);
  const pCount = new Int32Array(count);
  const eCount = new Int32Array(count);
  const edgeCount = new Int32Array(count);
  for (let s = 0; s < nS; s++) if (compOf[s] >= 0) sCount[compOf[s]]++;
  for (let p = 0; p < nP; p++) pCount[compOf[nS + p]]++;
  for (let e = 0; e < nE; e++) eCount[compOf[nS + nP + e]]++;
  for (let i = 0; i < edgeStudent.length; i++) edgeCount[compOf[edgeStudent[i]]]++;
  const layouts: ComponentLayout[] = [];
  for (let c = 0; c < count; c++) {
    layouts.push({
      students: new Int32Array(sCount[c]),
      postings: new Int32Array(pCount[c]),
      enterprises: new Int32Array(eCount[c]),
      edges: new Int32Array(edgeCount[c]),
    });
  }
  sCount.fill(0);
  pCount.fill(0);
  eCount.fill(0);
  edgeCount.fill(0);
  for (let s = 0; s < nS; s++) {
    const c = compOf[s];
    if (c >= 0) layouts[c].students[sCount[c]++] = s;
  }
  for (let p = 0; p < nP; p++) {
    const c = compOf[nS + p];
    layouts[c].postings[pCount[c]++] = p;
  }
  for (let e = 0; e < nE; e++) {
    const c = compOf[nS + nP + e];
    layouts[c].enterprises[eCount[c]++] = e;
  }
  for (let i = 0; i < edgeStudent.length; i++) {
    const c = compOf[edgeStudent[i]];
    layouts[c].edges[edgeCount[c]++] = i;
  }
  return layouts;
}

/** Local node numbering of a component: 0 = R, then students, postings, enterprises. */
export interface LocalIndex {
  /** Instance index -> local node, valid for this component's members only. */
  studentNode: (s: number) => number;
  postingNode: (p: number) => number;
  enterpriseNode: (e: number) => number;
  firstPosting: number;
  firstEnterprise: number;
}

/**
 * Builds the residual network of one component. `localOf*` are scratch arrays of instance
 * size that receive each member's local node number.
 */
export function buildComponentNetwork(
  instance: ParsedInstance,
  layout: ComponentLayout,
  deg: Degrees,
  costs: CostModel,
  scratch: { studentLocal: Int32Array; postingLocal: Int32Array; enterpriseLocal: Int32Array },
): CirculationNetwork {
  const { students, postings, enterprises, edges } = layout;
  const nS = students.length;
  const nP = postings.length;
  const nE = enterprises.length;
  const nodes = 1 + nS + nP + nE;
  const firstPosting = 1 + nS;
  const firstEnterprise = firstPosting + nP;
  for (let i = 0; i < nS; i++) scratch.studentLocal[students[i]] = 1 + i;
  for (let i = 0; i < nP; i++) scratch.postingLocal[postings[i]] = firstPosting + i;
  for (let i = 0; i < nE; i++) scratch.enterpriseLocal[enterprises[i]] = firstEnterprise + i;

  // Forward arcs: R->s, s->p per edge, p->e, e->R floor, e->R rest. Zero-capacity arcs are kept
  // (capacity 0) so that forward arc positions are fixed; they never carry flow.
  const arcCount = nS + edges.length + nP + 2 * nE;
  const tail = new Int32Array(arcCount);
  const headF = new Int32Array(arcCount);
  const capF = new Int32Array(arcCount);
  const costF = new Float64Array(arcCount);
  let a = 0;
  for (let i = 0; i < nS; i++) {
    const s = students[i];
    tail[a] = 0;
    headF[a] = 1 + i;
    capF[a] = Math.min(instance.studentMax[s], deg.student[s] + 1);
    a++;
  }
  const { edgeStudent, edgePosting, edgeScore, postingEnterprise, postingCapacity } = instance;
  for (let k = 0; k < edges.length; k++) {
    const i = edges[k];
    tail[a] = scratch.studentLocal[edgeStudent[i]];
    headF[a] = scratch.postingLocal[edgePosting[i]];
    capF[a] = 1;
    costF[a] = -edgeScore[i] * costs.scale;
    a++;
  }
  const inflowBound = new Float64Array(nE);
  for (let i = 0; i < nP; i++) {
    const p = postings[i];
    const e = scratch.enterpriseLocal[postingEnterprise[p]];
    tail[a] = firstPosting + i;
    headF[a] = e;
    capF[a] = Math.min(postingCapacity[p], deg.posting[p] + 1);
    inflowBound[e - firstEnterprise] += Math.min(postingCapacity[p], deg.posting[p]);
    a++;
  }
  for (let i = 0; i < nE; i++) {
    const e = enterprises[i];
    const bound = inflowBound[i] + 1;
    const min = instance.enterpriseMin[e];
    const max = instance.enterpriseMax[e];
    tail[a] = firstEnterprise + i;
    headF[a] = 0;
    capF[a] = Math.min(min, bound);
    costF[a] = -costs.floorCost;
    a++;
    tail[a] = firstEnterprise + i;
    headF[a] = 0;
    capF[a] = Math.min(max - min, bound);
    a++;
  }
  return toCsr(nodes, tail, headF, capF, costF);
}

/** Lays forward arcs and their reverses out in CSR order. */
export function toCsr(nodes: number, tail: Int32Array, headF: Int32Array, capF: Int32Array, costF: Float64Array): CirculationNetwork {
  const m = tail.length;
  const first = new Int32Array(nodes + 1);
  const outDegree = new Int32Array(nodes);
  for (let a = 0; a < m; a++) {
    first[tail[a] + 1]++;
    first[headF[a] + 1]++;
    outDegree[tail[a]]++;
  }
  for (let v = 0; v < nodes; v++) first[v + 1] += first[v];
  // Each node's range holds its forward (out) arcs first, then the reverses of its in-arcs: the
  // residual arcs of the zero flow then already come first, which is the order the solver keeps.
  const fill = first.slice(0, nodes);
  const fillIn = new Int32Array(nodes);
  for (let v = 0; v < nodes; v++) fillIn[v] = first[v] + outDegree[v];
  const head = new Int32Array(2 * m);
  const rcap = new Int32Array(2 * m);
  const cost = new Float64Array(2 * m);
  const rev = new Int32Array(2 * m);
  const forwardSlot = new Int32Array(m);
  for (let a = 0; a < m; a++) {
    const u = tail[a];
    const v = headF[a];
    const x = fill[u]++;
    const y = fillIn[v]++;
    head[x] = v;
    rcap[x] = capF[a];
    cost[x] = costF[a];
    rev[x] = y;
    head[y] = u;
    rcap[y] = 0;
    cost[y] = -costF[a];
    rev[y] = x;
    forwardSlot[a] = x;
  }
  return { nodes, first, head, rcap, cost, rev, forwardSlot };
}

/**
 * Exact potentials for the current flow: node prices pi with cost(a) + pi(u) - pi(v) >= 0 on
 * every residual arc, found by label-correcting shortest paths (FIFO Bellman-Ford) from the
 * given start values. They exist iff the flow is optimal; a negative cycle (flow not optimal)
 * or exhausting `workLimit` arc scans returns undefined. Potentials are normalised to pi(R) = 0.
 */
export function exactPotentials(net: CirculationNetwork, start: Float64Array, workLimit: number): Float64Array | undefined {
  const n = net.nodes;
  const { first, head, rcap, cost } = net;
  const pi = Float64Array.from(start);
  const queue = new Int32Array(n + 1);
  const inQueue = new Uint8Array(n);
  const passes = new Int32Array(n);
  let qHead = 0;
  let qTail = 0;
  for (let v = 0; v < n; v++) {
    queue[qTail++] = v;
    inQueue[v] = 1;
  }
  let work = 0;
  let size = n;
  while (size > 0) {
    const u = queue[qHead];
    qHead = qHead === n ? 0 : qHead + 1;
    size--;
    inQueue[u] = 0;
    if (++passes[u] > n + 1) return undefined; // negative cycle
    const pu = pi[u];
    const end = first[u + 1];
    work += end - first[u];
    if (work > workLimit) return undefined;
    for (let a = first[u]; a < end; a++) {
      if (rcap[a] <= 0) continue;
      const w = head[a];
      const candidate = pu + cost[a];
      if (candidate < pi[w]) {
        pi[w] = candidate;
        if (!inQueue[w]) {
          inQueue[w] = 1;
          queue[qTail] = w;
          qTail = qTail === n ? 0 : qTail + 1;
          size++;
        }
      }
    }
  }
  const root = pi[0];
  for (let v = 0; v < n; v++) pi[v] -= root;
  return pi;
}
