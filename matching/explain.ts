/**
 * Explanations attached to an optimal Result: why each student was left (partly) unplaced, and
 * what one more seat of each posting, or one more intern of each enterprise's ceiling, is worth.
 */
import { Workspace, type CirculationNetwork, type ComponentLayout } from "./network";
import type { UnplacedReason } from "./types";
import type { ParsedInstance } from "./validate";

/**
 * Reason a student has fewer placements than maxPlacements, read from the optimal placement:
 * checked in the order MAX_PLACEMENTS_ZERO, NO_ELIGIBLE_POSTING, NO_FURTHER_ELIGIBLE_POSTING,
 * NEGATIVE_SCORE_ONLY, NO_CAPACITY, OUTCOMPETED, NO_GAIN (see types.ts). At optimum an unused
 * edge to a posting with room (posting and enterprise below their limits) cannot have a
 * positive score, so OUTCOMPETED and NO_GAIN cover every remaining case.
 */
export function unplacedReason(
  instance: ParsedInstance,
  student: number,
  studentEdges: readonly number[],
  chosen: Uint8Array,
  postingPlaced: Float64Array,
  enterprisePlaced: Float64Array,
): UnplacedReason {
  return unplacedReasonOfRange(instance, student, Int32Array.from(studentEdges), 0, studentEdges.length, chosen, postingPlaced, enterprisePlaced);
}

/**
 * unplacedReason for the edges order[from..to) (order undefined: the edges from..to themselves),
 * in one pass without allocating.
 */
export function unplacedReasonOfRange(
  instance: ParsedInstance,
  student: number,
  order: Int32Array | undefined,
  from: number,
  to: number,
  chosen: Uint8Array,
  postingPlaced: Float64Array,
  enterprisePlaced: Float64Array,
): UnplacedReason {
  if (instance.studentMax[student] === 0) return "MAX_PLACEMENTS_ZERO";
  if (to === from) return "NO_ELIGIBLE_POSTING";
  const { edgeScore, edgePosting, postingEnterprise, postingCapacity, enterpriseMax } = instance;
  let remaining = 0;
  let allNegative = true;
  let allNoCapacity = true;
  let allFull = true;
  for (let k = from; k < to; k++) {
    const i = order === undefined ? k : order[k];
    if (chosen[i] !== 0) continue;
    remaining++;
    if (edgeScore[i] >= 0) allNegative = false;
    const p = edgePosting[i];
    const e = postingEnterprise[p];
    if (postingCapacity[p] !== 0 && enterpriseMax[e] !== 0) allNoCapacity = false;
    if (postingPlaced[p] < postingCapacity[p] && enterprisePlaced[e] < enterpriseMax[e]) allFull = false;
  }
  if (remaining === 0) return "NO_FURTHER_ELIGIBLE_POSTING";
  if (allNegative) return "NEGATIVE_SCORE_ONLY";
  if (allNoCapacity) return "NO_CAPACITY";
  if (allFull) return "OUTCOMPETED";
  return "NO_GAIN";
}

/** Binary min-heap of (key, node) on typed arrays, with lazy deletion by the caller. */
class NodeHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.nodes = new Int32Array(Math.max(16, capacity));
  }
  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.keys = keys;
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.nodes[i] = this.nodes[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }
  /** Removes the minimum; read topKey/topNode before calling. */
  pop(): void {
    const key = this.keys[--this.size];
    const node = this.nodes[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.nodes[i] = this.nodes[child];
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }
  get topKey(): number {
    return this.keys[0];
  }
  get topNode(): number {
    return this.nodes[0];
  }
}

const heaps = new WeakMap<Workspace, NodeHeap[]>();
/**
 * Search heaps per workspace (they only grow): `which` 0 and 1 can be used at the same time.
 * Exported for the tests' reference method (tests/matching/slot-values-by-search.ts).
 */
export function heapOf(ws: Workspace, which = 0): NodeHeap {
  let list = heaps.get(ws);
  if (list === undefined) {
    list = [new NodeHeap(64), new NodeHeap(64)];
    heaps.set(ws, list);
  }
  return list[which];
}

/** Largest key range searched with a bucket per key value (Dial's queue); beyond it, a heap. */
const BUCKET_KEYS_MAX = 1 << 20;

/** Objective gain of one more unit on an arc: exact when `exact`, else the dual upper bound. */
export interface MarginalValue {
  value: number;
  exact: boolean;
}

/**
 * Marginal values of posting capacities and enterprise ceilings in one solved component.
 *
 * Adding one unit of capacity to arc u->v changes the optimum by the best cycle through it:
 * gain = max(0, -(cost(u,v) + dist(v, u))) in the residual network. With potentials pi giving
 * nonnegative reduced costs, dist(v,u) = distRC(v,u) - pi(v) + pi(u), so the dual price
 * pi(v) - pi(u) - cost(u,v) bounds the gain from above and a Dijkstra on reduced costs, cut at
 * that bound, finds it exactly. Postings: u = posting p, v = its enterprise e; ceilings: u = e,
 * v = root R.
 *
 * A shortest path e -> p either passes through R, and then costs dist(e,R) + dist(R,p), or
 * avoids it. So one search from R per component serves every ceiling and every posting's
 * through-R paths: it is resumed on demand, only as far as some value needs, and is not charged
 * to the budget (it settles at most the component once). The search per enterprise never
 * enters R (whose arcs reach every student with room): it learns dist(e,R) from the arcs into
 * R it passes, skips nodes no closer than through R, and stops as soon as no target can beat
 * its bound or its through-R distance. It is charged per settled node like the searches through
 * R of componentMarginalValuesBySearch (tests/matching/slot-values-by-search.ts) and settles only nodes those would settle before
 * reaching their last target (up to ties with that key), so every value those made exact within a
 * budget is exact here too, and equal (tests/matching/slot-values.test.ts); usually all are.
 * The value is summed along the found cycle with the instance's real scores and floorPenalty,
 * so it stays exact when costs were scaled or the penalty capped. `work` bounds the arc scans of
 * the per-enterprise searches; when it runs out, the remaining posting values are the dual
 * bounds (exact: false). `enterpriseLocal` maps instance enterprises to this component's local nodes.
 */
export function componentMarginalValues(
  instance: ParsedInstance,
  layout: ComponentLayout,
  net: CirculationNetwork,
  pi: Float64Array,
  costScale: number,
  budget: { work: number },
  enterpriseLocal: Int32Array,
  ws: Workspace = new Workspace(),
  slotArcId?: Int32Array,
): { postings: MarginalValue[]; enterprises: MarginalValue[] } {
  const search = new SlotValueSearch(instance, layout, net, pi, costScale, budget, ws, slotArcId);
  if (search.dualBounds(enterpriseLocal)) {
    search.startRootSearch();
    search.ceilingValues();
    search.postingValues();
  }
  return { postings: search.postings, enterprises: search.enterprises };
}

// Placeholders until startRootSearch takes the workspace's buffers (typed as the workspace gives them).
const NO_F64: Float64Array = new Float64Array(0);
const NO_I32: Int32Array = new Int32Array(0);
const NO_U8: Uint8Array = new Uint8Array(0);

/**
 * The steps of componentMarginalValues, in order: dual bounds (what is worth 0 at once), the
 * search from R (resumed on demand), the ceilings, then one search per enterprise for its
 * postings. Every field is set in the constructor, so the object's shape never changes.
 */
class SlotValueSearch {
  readonly n: number;
  readonly nS: number;
  readonly nP: number;
  readonly nE: number;
  readonly firstPosting: number;
  readonly firstEnterprise: number;
  readonly nEdges: number;
  readonly floorStart: number;
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly rcap: Int32Array;
  readonly cost: Float64Array;
  readonly rev: Int32Array;
  /** Slot -> forward arc id, or ~id for reverses (the flow solver's, or built on first use). */
  arcKind: Int32Array | undefined;
  readonly postings: MarginalValue[];
  readonly enterprises: MarginalValue[];
  /** Postings with a positive dual bound, grouped by enterprise; the rest are worth 0. */
  readonly byEnterprise = new Map<number, number[]>();
  readonly ceilingTargets: number[] = [];
  postingRadius = 0;
  ceilingRadius = 0;
  maxRadius = 0;
  // The search from R: fromRoot[v] = dist(R, v) for every v with dist(R, v) at most `settledTo`
  // (an upper bound elsewhere, Infinity if unreached), fromRootArc[v] the slot into v; a bucket
  // per integer key (Dial's queue) or, with fractional potentials, fromHeap.
  fromRoot = NO_F64;
  fromRootArc = NO_I32;
  buckets: Int32Array | undefined = undefined;
  bucketNext = NO_I32;
  bucketPrev = NO_I32;
  cursor = 0;
  settledTo = 0;
  readonly fromHeap: NodeHeap;
  /** Real gain of the tree path R -> v, memoised (NaN: not yet known), and a walk's stack. */
  fromGain = NO_F64;
  pathStack = NO_I32;
  // The per-enterprise search (see postingValues).
  readonly heap: NodeHeap;
  isTarget = NO_U8;
  dist = NO_F64;
  parentArc = NO_I32;
  readonly touched: number[] = [];
  toRoot = Infinity;
  toRootArc = -1;
  targets: number[] = [];
  targetBound = 0;

  constructor(
    readonly instance: ParsedInstance,
    readonly layout: ComponentLayout,
    readonly net: CirculationNetwork,
    readonly pi: Float64Array,
    readonly costScale: number,
    readonly budget: { work: number },
    readonly ws: Workspace,
    slotArcId: Int32Array | undefined,
  ) {
    this.n = net.nodes;
    ({ first: this.first, head: this.head, rcap: this.rcap, cost: this.cost, rev: this.rev } = net);
    this.nS = layout.students.length;
    this.nP = layout.postings.length;
    this.nE = layout.enterprises.length;
    this.firstPosting = 1 + this.nS;
    this.firstEnterprise = this.firstPosting + this.nP;
    this.nEdges = layout.edges.length;
    // Forward arc numbering (network.ts): R->s [0,nS), edges, p->e, then (floor, free) per enterprise.
    this.floorStart = this.nS + this.nEdges + this.nP;
    this.arcKind = slotArcId;
    this.postings = new Array(this.nP);
    this.enterprises = new Array(this.nE);
    this.heap = heapOf(ws);
    this.fromHeap = heapOf(ws, 1);
  }

  /** Objective gain of sending one unit along slot a (negative of its real cost). */
  realGain(a: number): number {
    let arcKind = this.arcKind;
    if (arcKind === undefined) {
      const { forwardSlot, rev } = this.net;
      arcKind = this.arcKind = this.ws.int32("explain.arcKind", this.head.length);
      for (let f = 0; f < forwardSlot.length; f++) {
        arcKind[forwardSlot[f]] = f;
        arcKind[rev[forwardSlot[f]]] = ~f;
      }
    }
    const id = arcKind[a];
    const f = id >= 0 ? id : ~id;
    const sign = id >= 0 ? 1 : -1;
    if (f >= this.nS && f < this.nS + this.nEdges) return sign * this.instance.edgeScore[this.layout.edges[f - this.nS]];
    if (f >= this.floorStart && (f - this.floorStart) % 2 === 0) return sign * this.instance.floorPenalty;
    return 0;
  }

  /**
   * Values that the dual bounds settle at 0, and the search targets left (byEnterprise,
   * ceilingTargets, with their radii); false when nothing is left to search.
   */
  dualBounds(enterpriseLocal: Int32Array): boolean {
    const { pi, first, head, rev, rcap, cost, firstPosting, firstEnterprise } = this;
    for (let i = 0; i < this.nP; i++) {
      const e = enterpriseLocal[this.instance.postingEnterprise[this.layout.postings[i]]];
      const bound = pi[e] - pi[firstPosting + i]; // cost(p,e) = 0
      if (bound <= 0) this.postings[i] = { value: 0, exact: true };
      else {
        if (bound > this.postingRadius) this.postingRadius = bound;
        const list = this.byEnterprise.get(e);
        if (list) list.push(i);
        else this.byEnterprise.set(e, [i]);
      }
    }
    for (let i = 0; i < this.nE; i++) {
      const e = firstEnterprise + i;
      const bound = pi[0] - pi[e];
      // A path R -> e other than the reverse of e's own arcs to R (which only closes the trivial
      // cycle, of gain 0) ends with a residual arc p -> e, at least as long as that arc.
      let closest = Infinity;
      if (bound > 0) {
        const end = first[e + 1];
        for (let a = first[e]; a < end; a++) {
          const b = rev[a];
          const u = head[a];
          if (u === 0 || rcap[b] <= 0) continue;
          const reduced = cost[b] + pi[u] - pi[e];
          if (reduced < closest) closest = reduced;
        }
      }
      if (bound <= 0 || closest >= bound) this.enterprises[i] = { value: 0, exact: true };
      else {
        if (bound > this.ceilingRadius) this.ceilingRadius = bound;
        this.ceilingTargets.push(i);
      }
    }
    return this.byEnterprise.size > 0 || this.ceilingTargets.length > 0;
  }

  /**
   * The search from R, its keys below the largest dual bound. The searches read the network's
   * arcs directly (residual ones only, reduced cost under pi, >= 0): this one settles most of
   * the component, so a residual-only copy would cost more to build than it saves. When the
   * potentials are integers (the usual case: costs are), so are the keys, and a bucket per key
   * value (each a doubly linked list: a node whose key falls moves in O(1)) replaces the heap.
   */
  startRootSearch(): void {
    const { n, ws, pi } = this;
    this.isTarget = ws.uint8("explain.isTarget", n).fill(0);
    this.maxRadius = Math.max(this.postingRadius, this.ceilingRadius);
    this.fromRoot = ws.float64("explain.fromRoot", n).fill(Infinity);
    this.fromRootArc = ws.int32("explain.fromRootArc", n);
    let integral = this.maxRadius <= BUCKET_KEYS_MAX;
    for (let v = 0; v < n && integral; v++) if (pi[v] !== Math.floor(pi[v])) integral = false;
    this.buckets = integral ? ws.int32("explain.bucketFirst", Math.floor(this.maxRadius) + 1).fill(-1) : undefined;
    this.bucketNext = ws.int32("explain.bucketNext", n);
    this.bucketPrev = ws.int32("explain.bucketPrev", n);
    this.fromHeap.size = 0;
    this.fromRoot[0] = 0;
    if (this.buckets) {
      this.bucketNext[0] = -1;
      this.bucketPrev[0] = -1;
      this.buckets[0] = 0;
    } else this.fromHeap.push(0, 0);
    this.fromGain = ws.float64("explain.fromGain", n).fill(NaN);
    this.fromGain[0] = 0;
    this.pathStack = ws.int32("explain.pathStack", n);
    this.dist = ws.float64("explain.dist", n).fill(Infinity);
    this.parentArc = ws.int32("explain.parentArc", n);
  }

  /** Settles every node at most `key` from R with buckets (keys are integers below maxRadius). */
  advanceByBuckets(key: number, buckets: Int32Array): void {
    const { first, head, rcap, cost, pi, fromRoot, fromRootArc, bucketNext, bucketPrev, maxRadius } = this;
    const last = Math.min(Math.floor(key), buckets.length - 1);
    let cursor = this.cursor;
    while (cursor <= last) {
      const u = buckets[cursor];
      if (u < 0) {
        cursor++;
        continue;
      }
      const after = bucketNext[u];
      buckets[cursor] = after;
      if (after >= 0) bucketPrev[after] = -1;
      const d = cursor;
      const pu = pi[u];
      const end = first[u + 1];
      for (let a = first[u]; a < end; a++) {
        if (rcap[a] <= 0) continue;
        const w = head[a];
        const nd = d + cost[a] + pu - pi[w];
        // Settled nodes never improve (their keys are <= d <= nd); queued ones move buckets.
        if (nd < fromRoot[w] && nd < maxRadius) {
          const old = fromRoot[w];
          if (old !== Infinity) {
            const prev = bucketPrev[w];
            const next = bucketNext[w];
            if (prev >= 0) bucketNext[prev] = next;
            else buckets[old] = next;
            if (next >= 0) bucketPrev[next] = prev;
          }
          fromRoot[w] = nd;
          fromRootArc[w] = a;
          const top = buckets[nd];
          bucketNext[w] = top;
          bucketPrev[w] = -1;
          if (top >= 0) bucketPrev[top] = w;
          buckets[nd] = w;
        }
      }
    }
    this.cursor = cursor;
  }

  /** Settles every node at most `key` from R with the heap (fractional potentials). */
  advanceByHeap(key: number): void {
    const { first, head, rcap, cost, pi, fromRoot, fromRootArc, fromHeap, maxRadius } = this;
    while (fromHeap.size > 0) {
      const d = fromHeap.topKey;
      if (d > key) break;
      const u = fromHeap.topNode;
      fromHeap.pop();
      if (d > fromRoot[u]) continue;
      const pu = pi[u];
      const end = first[u + 1];
      for (let a = first[u]; a < end; a++) {
        if (rcap[a] <= 0) continue;
        const w = head[a];
        const nd = d + cost[a] + pu - pi[w];
        if (nd < fromRoot[w] && nd < maxRadius) {
          fromRoot[w] = nd;
          fromRootArc[w] = a;
          fromHeap.push(nd, w);
        }
      }
    }
  }

  /** No node is left to settle below maxRadius. */
  exhausted(): boolean {
    return this.buckets ? this.cursor >= this.buckets.length : this.fromHeap.size === 0;
  }

  /** The smallest key not yet settled (a lower bound of it with buckets). */
  nextKey(): number {
    return this.buckets ? this.cursor : this.fromHeap.topKey;
  }

  /** Settles every node at most `key` from R (keys capped at maxRadius: none is needed beyond). */
  advanceFromRoot(key: number): void {
    if (key > this.maxRadius) key = this.maxRadius;
    if (this.buckets) this.advanceByBuckets(key, this.buckets);
    else this.advanceByHeap(key);
    if (key > this.settledTo) this.settledTo = key;
  }

  /**
   * Real gain of the path R -> v along fromRootArc (v settled by the search from R), memoised:
   * the paths share most of their arcs, and walking each one alone cost more than the search.
   */
  gainFromRoot(v: number): number {
    const { fromGain, pathStack, head, rev, fromRootArc } = this;
    let depth = 0;
    while (Number.isNaN(fromGain[v])) {
      pathStack[depth++] = v;
      v = head[rev[fromRootArc[v]]];
    }
    let gain = fromGain[v];
    while (depth > 0) {
      const w = pathStack[--depth];
      gain += this.realGain(fromRootArc[w]);
      fromGain[w] = gain;
    }
    return gain;
  }

  /**
   * Enterprise ceilings: the free arc e -> R (cost 0), cycle closed by a path R -> e: the search
   * from R goes on until each target is closer than its bound or the keys reach that bound.
   */
  ceilingValues(): void {
    const { pi, firstEnterprise, ceilingTargets, fromRoot } = this;
    ceilingTargets.sort((x, y) => pi[firstEnterprise + x] - pi[firstEnterprise + y]); // descending bound
    for (let next = 0; next < ceilingTargets.length; ) {
      const e = firstEnterprise + ceilingTargets[next];
      const bound = pi[0] - pi[e];
      if (fromRoot[e] <= this.settledTo || bound <= this.settledTo || this.exhausted()) next++;
      else this.advanceFromRoot(Math.min(bound, this.nextKey()));
    }
    for (const i of ceilingTargets) {
      const e = firstEnterprise + i;
      if (!(fromRoot[e] < pi[0] - pi[e])) this.enterprises[i] = { value: 0, exact: true };
      else this.enterprises[i] = { value: Math.max(0, this.gainFromRoot(e)), exact: true };
    }
    this.maxRadius = this.postingRadius;
  }

  /** The largest key an unsettled target of enterprise e's search still needs. */
  needed(e: number): number {
    let radius = 0;
    for (const p of this.targets) {
      if (this.isTarget[p] !== 1) continue;
      const cut = Math.min(this.pi[e] - this.pi[p], this.toRoot + this.fromRoot[p]);
      if (cut > radius) radius = cut;
    }
    return radius;
  }

  /**
   * Enterprise e's search, which never enters R (dist[R] = -Infinity: never relaxed). An arc
   * u -> R only offers toRoot = dist(e, u) + its cost: the best of those is an upper bound of
   * dist(e, R), exact once the keys reach it (R would then have been settled), and then the
   * search from R is resumed up to key - toRoot. Target p is done when settled, or once the key
   * reaches min(its bound, toRoot + dist(R, p)); a node w whose key is not below
   * toRoot + fromRoot[w] is not queued (any path on through it is matched through R). So every
   * node settled has a key below the old search's last one, which passed through R.
   * Returns false when the budget ran out.
   */
  searchFrom(e: number): boolean {
    const { heap, dist, touched, isTarget, first, head, rcap, cost, pi, parentArc, fromRoot, budget } = this;
    heap.size = 0;
    dist[e] = 0;
    touched.push(e);
    heap.push(0, e);
    let radius = this.targetBound;
    while (heap.size > 0) {
      const d = heap.topKey;
      const u = heap.topNode;
      heap.pop();
      if (d > dist[u]) continue;
      if (isTarget[u] === 1) isTarget[u] = 2;
      if (this.toRoot <= d && d - this.toRoot > this.settledTo) this.advanceFromRoot(d - this.toRoot);
      radius = this.needed(e);
      if (d >= radius) {
        if (this.toRoot <= d) this.advanceFromRoot(d - this.toRoot);
        return true;
      }
      budget.work -= first[u + 1] - first[u];
      if (budget.work < 0) return false;
      const pu = pi[u];
      const end = first[u + 1];
      for (let a = first[u]; a < end; a++) {
        if (rcap[a] <= 0) continue;
        const w = head[a];
        const nd = d + cost[a] + pu - pi[w];
        if (w === 0) {
          if (nd < this.toRoot) {
            this.toRoot = nd;
            this.toRootArc = a;
          }
          continue;
        }
        if (nd < dist[w] && nd < radius && nd < this.toRoot + fromRoot[w]) {
          if (dist[w] === Infinity) touched.push(w);
          dist[w] = nd;
          parentArc[w] = a;
          heap.push(nd, w);
        }
      }
    }
    // Every node closer than the radius is settled.
    if (this.toRoot <= radius) this.advanceFromRoot(radius - this.toRoot);
    return true;
  }

  /** Real gain of the path e -> v along parentArc. */
  gainFrom(e: number, v: number): number {
    let gain = 0;
    while (v !== e) {
      const a = this.parentArc[v];
      gain += this.realGain(a);
      v = this.head[this.rev[a]];
    }
    return gain;
  }

  /** Posting values: enterprise by enterprise, its search, then each posting's cycle. */
  postingValues(): void {
    const { pi, firstPosting, isTarget, dist, fromRoot, head, rev, touched } = this;
    dist[0] = -Infinity;
    for (const [e, list] of this.byEnterprise) {
      this.targets = [];
      this.targetBound = 0;
      this.toRoot = Infinity;
      this.toRootArc = -1;
      for (const i of list) {
        const p = firstPosting + i;
        isTarget[p] = 1;
        this.targets.push(p);
        this.targetBound = Math.max(this.targetBound, pi[e] - pi[p]);
      }
      const complete = this.budget.work > 0 && this.searchFrom(e);
      for (const p of this.targets) isTarget[p] = 0;
      for (const i of list) {
        const p = firstPosting + i;
        const bound = pi[e] - pi[p];
        if (!complete) {
          this.postings[i] = { value: bound / this.costScale, exact: false };
          continue;
        }
        const direct = dist[p];
        const viaRoot = this.toRoot + fromRoot[p];
        if (!(Math.min(direct, viaRoot) < bound)) this.postings[i] = { value: 0, exact: true };
        else if (direct <= viaRoot) this.postings[i] = { value: Math.max(0, this.gainFrom(e, p)), exact: true };
        else {
          const gain = this.gainFrom(e, head[rev[this.toRootArc]]) + this.realGain(this.toRootArc) + this.gainFromRoot(p);
          this.postings[i] = { value: Math.max(0, gain), exact: true };
        }
      }
      for (const v of touched) dist[v] = Infinity;
      touched.length = 0;
    }
  }
}
