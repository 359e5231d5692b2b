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
import { studentEdges, type ParsedInstance } from "./validate";

/**
 * Typed-array storage reused across the components of one allocate() call. Each named buffer
 * only grows; callers get views (`subarray`) of the requested length whose contents are
 * unspecified (whatever the previous component left), so every user initialises what it reads.
 *
 * Why: at 100,000 students the nine components used to allocate ~25 MB of typed arrays each,
 * and more than 64 MB of new ArrayBuffers since the last GC makes V8 start a full mark-compact
 * ("external memory pressure") that marks the whole parsed JSON instance (~150 ms at 100k).
 * `reserve` sizes the buffers for the largest component up front, so the rest reuse them.
 */
export class Workspace {
  private readonly i32 = new Map<string, Int32Array>();
  private readonly f64 = new Map<string, Float64Array>();
  private readonly u8 = new Map<string, Uint8Array>();
  /** Minimum capacities for node-sized, arc-sized and slot-sized (2 per forward arc) requests. */
  private nodeHint = 0;
  private arcHint = 0;
  private slotHint = 0;

  /**
   * shared: buffers on SharedArrayBuffers, so that a network built with this workspace can be
   * solved in place by another thread (AllocateOptions.networkThread).
   */
  constructor(private readonly shared = false) {}

  private memory(bytes: number): ArrayBuffer | SharedArrayBuffer {
    return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  }

  /** Sizes later requests for the largest component (nodes, forward arcs). */
  reserve(nodes: number, forwardArcs: number): void {
    this.nodeHint = Math.max(this.nodeHint, nodes + 2);
    this.arcHint = Math.max(this.arcHint, forwardArcs);
    this.slotHint = Math.max(this.slotHint, 2 * forwardArcs);
  }

  private capacity(length: number): number {
    // The smallest hint that covers the request (node-, arc- or slot-sized), else the request.
    if (length <= this.nodeHint) return this.nodeHint;
    if (length <= this.arcHint) return this.arcHint;
    return Math.max(length, this.slotHint);
  }

  int32(name: string, length: number): Int32Array {
    let buffer = this.i32.get(name);
    if (buffer === undefined || buffer.length < length) {
      buffer = new Int32Array(this.memory(4 * this.capacity(length)));
      this.i32.set(name, buffer);
    }
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }

  float64(name: string, length: number): Float64Array {
    let buffer = this.f64.get(name);
    if (buffer === undefined || buffer.length < length) {
      buffer = new Float64Array(this.memory(8 * this.capacity(length)));
      this.f64.set(name, buffer);
    }
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }

  uint8(name: string, length: number): Uint8Array {
    let buffer = this.u8.get(name);
    if (buffer === undefined || buffer.length < length) {
      buffer = new Uint8Array(this.memory(this.capacity(length)));
      this.u8.set(name, buffer);
    }
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }
}

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
  /**
   * Instance edge indices of this component, ascending (their forward arcs are in this order).
   * Empty until `componentEdges` fills it when `components` was asked to defer it.
   */
  edges: Int32Array;
  edgeCount: number;
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
export function components(instance: ParsedInstance, deg: Degrees, deferEdges = false): ComponentLayout[] {
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
  const { edgeStudent, edgePosting, postingEnterprise } = instance;
  // union(student, posting) per edge, the student's root kept across its consecutive edges
  // (it stays a root: it is only ever linked under the posting's root, which then replaces it).
  let lastStudent = -1;
  let studentRoot = -1;
  for (let i = 0; i < edgeStudent.length; i++) {
    const s = edgeStudent[i];
    if (s !== lastStudent) {
      lastStudent = s;
      studentRoot = find(s);
    }
    const rp = find(nS + edgePosting[i]);
    if (rp !== studentRoot) {
      parent[studentRoot] = rp;
      studentRoot = rp;
    }
  }
  for (let p = 0; p < nP; p++) {
    const ra = find(nS + p);
    const rb = find(nS + nP + postingEnterprise[p]);
    if (ra !== rb) parent[ra] = rb;
  }

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
  for (let s = 0; s < nS; s++) if (compOf[s] >= 0) edgeCount[compOf[s]] += deg.student[s];
  // Deferred edge lists need edges grouped by student in index order (then a component's edges
  // are its students' ranges, concatenated): otherwise they are built here.
  const defer = deferEdges && studentEdges(instance).order === undefined;
  const layouts: ComponentLayout[] = [];
  for (let c = 0; c < count; c++) {
    layouts.push({
      students: new Int32Array(sCount[c]),
      postings: new Int32Array(pCount[c]),
      enterprises: new Int32Array(eCount[c]),
      edges: new Int32Array(defer ? 0 : edgeCount[c]),
      edgeCount: edgeCount[c],
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
  if (!defer) {
    for (let i = 0; i < edgeStudent.length; i++) {
      const c = compOf[edgeStudent[i]];
      layouts[c].edges[edgeCount[c]++] = i;
    }
  }
  return layouts;
}

/**
 * The component's edge list (see `components`' deferEdges), filled into a workspace view when
 * it was deferred: then valid until the next component's list is filled.
 */
export function componentEdges(instance: ParsedInstance, layout: ComponentLayout, ws: Workspace): Int32Array {
  if (layout.edges.length === layout.edgeCount) return layout.edges;
  const { start } = studentEdges(instance);
  const edges = ws.int32("layout.edges", layout.edgeCount);
  let k = 0;
  for (const s of layout.students) for (let i = start[s]; i < start[s + 1]; i++) edges[k++] = i;
  layout.edges = edges;
  return edges;
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
 * size that receive each member's local node number. With a workspace the network's arrays
 * are views of its buffers (valid until the next component is built with it).
 *
 * Forward arcs, in this order: R->s, s->p per edge, p->e, e->R floor, e->R rest. Zero-capacity
 * arcs are kept (capacity 0) so that forward arc positions are fixed; they never carry flow.
 * The arcs are written straight into CSR order (what `toCsr` would give for this arc list):
 * every node's out- and in-degree is known from the structure, so no arc list is materialised.
 */
export function buildComponentNetwork(
  instance: ParsedInstance,
  layout: ComponentLayout,
  deg: Degrees,
  costs: CostModel,
  scratch: { studentLocal: Int32Array; postingLocal: Int32Array; enterpriseLocal: Int32Array },
  ws: Workspace = new Workspace(),
): CirculationNetwork {
  const { students, postings, enterprises, edges } = layout;
  const nS = students.length;
  const nP = postings.length;
  const nE = enterprises.length;
  const nodes = 1 + nS + nP + nE;
  const firstPosting = 1 + nS;
  const firstEnterprise = firstPosting + nP;
  const { studentLocal, postingLocal, enterpriseLocal } = scratch;
  for (let i = 0; i < nS; i++) studentLocal[students[i]] = 1 + i;
  for (let i = 0; i < nP; i++) postingLocal[postings[i]] = firstPosting + i;
  for (let i = 0; i < nE; i++) enterpriseLocal[enterprises[i]] = firstEnterprise + i;
  const { edgeStudent, edgePosting, edgeScore, postingEnterprise, postingCapacity } = instance;

  const m = nS + edges.length + nP + 2 * nE;
  // Degrees: first[v + 1] = out + in arcs of v; outStart[v] = where v's reverses begin.
  const first = ws.int32("net.first", nodes + 1);
  const fill = ws.int32("net.fill", nodes);
  const fillIn = ws.int32("net.fillIn", nodes);
  const inflowBound = ws.float64("net.inflowBound", nE);
  inflowBound.fill(0);
  fillIn.fill(0); // in-degrees for now
  fillIn[0] = 2 * nE;
  for (let i = 0; i < nS; i++) fillIn[1 + i] = 1;
  for (let i = 0; i < nP; i++) {
    const p = postings[i];
    fillIn[firstPosting + i] = deg.posting[p];
    fillIn[enterpriseLocal[postingEnterprise[p]]]++;
    inflowBound[enterpriseLocal[postingEnterprise[p]] - firstEnterprise] += Math.min(postingCapacity[p], deg.posting[p]);
  }
  first[0] = 0;
  let at = 0;
  // Out-degrees: R has nS, a student its edges, a posting 1, an enterprise 2.
  for (let v = 0; v < nodes; v++) {
    const out = v === 0 ? nS : v < firstPosting ? deg.student[students[v - 1]] : v < firstEnterprise ? 1 : 2;
    fill[v] = at;
    const inDegree = fillIn[v];
    fillIn[v] = at + out;
    at += out + inDegree;
    first[v + 1] = at;
  }
  const slots = 2 * m;
  const head = ws.int32("net.head", slots);
  const rcap = ws.int32("net.rcap", slots);
  const cost = ws.float64("net.cost", slots);
  const rev = ws.int32("net.rev", slots);
  const forwardSlot = ws.int32("net.forwardSlot", m);
  const net: CirculationNetwork = { nodes, first, head, rcap, cost, rev, forwardSlot };
  let a = 0;
  for (let i = 0; i < nS; i++) {
    const s = students[i];
    addArc(net, fill, fillIn, a++, 0, 1 + i, Math.min(instance.studentMax[s], deg.student[s] + 1), 0);
  }
  const scale = costs.scale;
  for (let k = 0; k < edges.length; k++) {
    const i = edges[k];
    addArc(net, fill, fillIn, a++, studentLocal[edgeStudent[i]], postingLocal[edgePosting[i]], 1, -edgeScore[i] * scale);
  }
  for (let i = 0; i < nP; i++) {
    const p = postings[i];
    addArc(net, fill, fillIn, a++, firstPosting + i, enterpriseLocal[postingEnterprise[p]], Math.min(postingCapacity[p], deg.posting[p] + 1), 0);
  }
  for (let i = 0; i < nE; i++) {
    const e = enterprises[i];
    const bound = inflowBound[i] + 1;
    const min = instance.enterpriseMin[e];
    const max = instance.enterpriseMax[e];
    addArc(net, fill, fillIn, a++, firstEnterprise + i, 0, Math.min(min, bound), -costs.floorCost);
    addArc(net, fill, fillIn, a++, firstEnterprise + i, 0, Math.min(max - min, bound), 0);
  }
  return net;
}

/**
 * Writes forward arc `a` (u -> v) at u's next out-slot and its reverse at v's next in-slot.
 * A module function, not a closure per network: V8 keeps one optimised copy for every component
 * (a closure made per call was a new call target each time: a deoptimisation per component).
 */
function addArc(net: CirculationNetwork, fill: Int32Array, fillIn: Int32Array, a: number, u: number, v: number, cap: number, c: number): void {
  const { head, rcap, cost, rev } = net;
  const x = fill[u]++;
  const y = fillIn[v]++;
  head[x] = v;
  rcap[x] = cap;
  cost[x] = c;
  rev[x] = y;
  head[y] = u;
  rcap[y] = 0;
  cost[y] = -c;
  rev[y] = x;
  net.forwardSlot[a] = x;
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
 * every residual arc, found by label-correcting shortest paths from the given start values
 * (FIFO Bellman-Ford with Tarjan's subtree disassembly). They exist iff the flow is optimal; a
 * negative cycle (flow not optimal) or exhausting `workLimit` arc scans returns undefined.
 * Potentials are normalised to pi(R) = 0: the shortest distances from a virtual source with an
 * arc of length start[v] to every v, which are unique, so the scan order does not change them.
 * `costDivisor`: the network's costs are the original integer costs times this (exact integer
 * quotients), so the flow solver can try a proof without restoring its scaled costs.
 * `stats.work` receives the arc scans spent. The result is a view of the workspace's buffer.
 * `maxPasses` (default n + 1) gives up once a node would be scanned more often than that.
 *
 * Subtree disassembly: the search keeps the tree of the last improvements (every tree arc tight)
 * as a preorder thread. When w's label falls, its subtree is cut off: its labels are stale and
 * will fall again through w, so scanning them now would be wasted (they are skipped until
 * re-attached); and if the arc's tail u is in that subtree, the tree path w -> u plus the arc
 * u -> w is a negative cycle, found at once. Before, a cycle showed only when some node came
 * back for its 8th scan: a failing early proof cost 3.3-4.5 passes over the arcs.
 */
export function exactPotentials(
  net: CirculationNetwork,
  start: Float64Array,
  workLimit: number,
  costDivisor = 1,
  ws: Workspace = new Workspace(),
  stats?: { work: number; cycleArc?: number },
  maxPasses = net.nodes + 1,
): Float64Array | undefined {
  const n = net.nodes;
  const { first, head, rcap, cost } = net;
  const pi = ws.float64("bf.pi", n);
  pi.set(start);
  const queue = ws.int32("bf.queue", n + 1);
  const inQueue = ws.uint8("bf.inQueue", n);
  const passes = ws.int32("bf.passes", n);
  // The tree: node n is the virtual source X; parent DETACHED marks a node cut off its tree.
  // threadNext/threadPrev: circular preorder list of the attached nodes, from X.
  const parent = ws.int32("bf.parent", n + 1);
  // The slot of each node's tree arc (from its parent), to walk a cycle found (see negativeCycle).
  const parentArc = ws.int32("bf.parentArc", n + 1);
  const depth = ws.int32("bf.depth", n + 1);
  const threadNext = ws.int32("bf.threadNext", n + 1);
  const threadPrev = ws.int32("bf.threadPrev", n + 1);
  const DETACHED = -2;
  passes.fill(0);
  let qHead = 0;
  let qTail = 0;
  for (let v = 0; v < n; v++) {
    queue[qTail++] = v;
    inQueue[v] = 1;
    parent[v] = n;
    depth[v] = 1;
    threadNext[v] = v + 1;
    threadPrev[v + 1] = v;
  }
  parent[n] = -1;
  depth[n] = 0;
  threadNext[n] = 0;
  threadPrev[0] = n;
  let work = 0;
  let size = n;
  const divide = costDivisor !== 1;
  // Gives up (no closure here: one made per call deoptimised the caller's code every call).
  let failed = false;
  let cycleArc = -1;
  search: while (size > 0) {
    const u = queue[qHead];
    qHead = qHead === n ? 0 : qHead + 1;
    size--;
    inQueue[u] = 0;
    if (parent[u] === DETACHED) continue; // its label will fall again: scanned then
    const pu = pi[u];
    const end = first[u + 1];
    work += end - first[u];
    if (++passes[u] > maxPasses || work > workLimit) {
      failed = true;
      break;
    }
    for (let a = first[u]; a < end; a++) {
      if (rcap[a] <= 0) continue;
      const w = head[a];
      const candidate = pu + (divide ? cost[a] / costDivisor : cost[a]);
      if (candidate >= pi[w]) continue;
      pi[w] = candidate;
      if (parent[w] !== DETACHED) {
        // Cut w's subtree out of the thread; u inside it closes a negative cycle.
        const dw = depth[w];
        let x = threadNext[w];
        while (depth[x] > dw) {
          if (x === u) {
            failed = true; // a negative cycle: the tree path w -> u, then arc a back to w
            cycleArc = a;
            break search;
          }
          parent[x] = DETACHED;
          x = threadNext[x];
        }
        const before = threadPrev[w];
        threadNext[before] = x;
        threadPrev[x] = before;
      }
      // Attach w under u (right after u in the thread).
      parent[w] = u;
      parentArc[w] = a;
      depth[w] = depth[u] + 1;
      const after = threadNext[u];
      threadNext[u] = w;
      threadPrev[w] = u;
      threadNext[w] = after;
      threadPrev[after] = w;
      if (!inQueue[w]) {
        inQueue[w] = 1;
        queue[qTail] = w;
        qTail = qTail === n ? 0 : qTail + 1;
        size++;
      }
    }
  }
  if (stats) {
    stats.work += work;
    stats.cycleArc = cycleArc;
  }
  if (failed) return undefined;
  const root = pi[0];
  for (let v = 0; v < n; v++) pi[v] -= root;
  return pi;
}

/**
 * Cancels the negative cycle the last failed exactPotentials call with this workspace found
 * (`cycleArc`, its closing slot u -> w; the rest is the tree path w -> u in "bf.parentArc"):
 * pushes the cycle's smallest residual capacity around it. Returns that amount (>= 1). The
 * circulation's cost falls by at least one integer unit per call, so repeated calls end.
 */
export function cancelNegativeCycle(net: CirculationNetwork, cycleArc: number, ws: Workspace): number {
  const { head, rcap, rev } = net;
  const parentArc = ws.int32("bf.parentArc", net.nodes + 1);
  const w = head[cycleArc];
  let delta = rcap[cycleArc];
  for (let v = head[rev[cycleArc]]; v !== w; v = head[rev[parentArc[v]]]) delta = Math.min(delta, rcap[parentArc[v]]);
  rcap[cycleArc] -= delta;
  rcap[rev[cycleArc]] += delta;
  for (let v = head[rev[cycleArc]]; v !== w; v = head[rev[parentArc[v]]]) {
    const a = parentArc[v];
    rcap[a] -= delta;
    rcap[rev[a]] += delta;
  }
  return delta;
}
