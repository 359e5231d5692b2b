/**
 * The fast exact solver: min-cost circulation by cost scaling push-relabel
 * (Goldberg 1997, "An efficient implementation of a scaling minimum-cost flow algorithm").
 *
 * Why cost scaling rather than network simplex: the networks here are assignment-like
 * (millions of unit-capacity student->posting arcs, heavy degeneracy), where network
 * simplex pivots mostly without progress, while push-relabel's work per phase is close to
 * linear in practice and needs only flat typed arrays (no spanning-tree bookkeeping).
 *
 * Implementation notes:
 * - FIFO active-node queue, push look-ahead (a node that would only send flow back is
 *   relabelled before receiving it), epsilon divided by ALPHA per phase.
 * - Fused relabel: the scans that advance a node's current arc (its own, and the look-ahead's)
 *   also record the best price[w] - cost they passed, so the relabel at the end of the node's
 *   arc list needs no second scan. With the unit-arc shortcut in the global update (below) this
 *   cut arc scans 44 % on the benchmark instances (synthetic-100000: 112M -> 65M). The same scans
 *   remember where the best arc was, so after the relabel the node resumes there instead of
 *   rescanning from its range start (see resume: 65M -> 57M; large-20000 17.5M -> 9.2M).
 * - Initial prices from one backward pass over the layered network (each node priced at its best
 *   way onward), and epsilon starting WARM_START_DIVISOR below the largest cost: the first refine
 *   then mostly resolves conflicts between students' first choices.
 * - Global price updates (bucket-based Dijkstra from the deficits, every UPDATE_FREQUENCY * n
 *   relabels and at each phase start): they cut relabels about 3x on these instances. A node
 *   whose arcs all have capacity <= 1 (a student with maxPlacements 1) has residual in-arcs
 *   exactly at its saturated slots, so the update scans only those (1-2 of ~20).
 * - Live-arc partition: each node's CSR range is kept ordered [arcs with residual capacity |
 *   saturated arcs], with O(1) swaps on every push. A posting with 400 eligible students but
 *   5 seats then relabels by scanning about 6 arcs instead of 400.
 * - Reversed network when the students far outnumber the seats (prefersReverse: R's out-capacity
 *   above 1.2x its in-capacity, e.g. the server's city instance, 100k students for ~58k seats):
 *   every arc turned around, same costs (in place: each pair's residual capacities swapped, costs
 *   negated, potentials negated back). Forward, every student's unit enters the network and the
 *   ~55k that cannot be placed must be pushed back through price wars among tied students;
 *   reversed, the flow starts from the enterprises' seats (a posting "bids" for students) and only
 *   the seats that cannot be filled return. City instance: arc scans 252M -> 200M, relabels
 *   5.4M -> 3.3M (with the early-proof bounds and the reversed warm start below: 109M and
 *   1.8M; solve ~11.6 s -> ~4.2 s at load 1.4-3.4); on the synthetic instances (supply 0.8-1.1x the seats) the
 *   reversed solve scans more arcs (its postings relabel over all unassigned eligible students),
 *   so they stay forward.
 * - Exactness: costs are integers multiplied by (nodes + 1) whenever prices of that scale stay
 *   exact (see costMultiplier; at 1M students it still is); a flow that is 1-optimal for those
 *   scaled costs is optimal for the original ones (a cycle has at most `nodes` arcs, so its
 *   reduced-cost sum is > -1 in original units, and it is an integer). In practice the flow is
 *   optimal much earlier, so from the first phase with epsilon below one original unit on, the
 *   solver tries to compute exact integer potentials (label-correcting, bounded work and scans
 *   per node); when they exist they prove optimality and the remaining phases are skipped.
 *   With a smaller multiplier (huge cost ranges) the final proof cancels the negative cycles
 *   it finds until potentials exist, so exactness never rests on a bound that grows with n^2.
 * - All prices are integers kept below 2^51, so double arithmetic is exact; the solver checks the
 *   bound and fails (never reports a wrong optimum) past it. The potentials it returns are checked
 *   again, independently, by certificate.ts.
 */
import { cancelNegativeCycle, exactPotentials, Workspace, type CirculationNetwork } from "./network";

/** Epsilon is divided by this factor between refine phases (Goldberg suggests 8-16). */
const ALPHA = 12;
const PRICE_LIMIT = 2 ** 51;
/**
 * Prices reach a few times the largest scaled cost on these networks (paths of a few arcs from
 * the root); the multiplier leaves room for this many times it before prices would pass PRICE_LIMIT
 * (checked after every phase anyway).
 */
const PRICE_HEADROOM = 2 ** 16;
/**
 * Relabels between global price updates, as a multiple of the node count. CS2 uses about 0.4;
 * here an update scans every arc (about 40 per node), and 2 measured best on the benchmark.
 */
const UPDATE_FREQUENCY = 2;
/**
 * Bounds of an optimality proof before the final phase: arc scans per slot, and scans per node.
 * A proof that succeeds needs one pass over all arcs plus some corrections: 1.0-1.8 passes over
 * the slots on the 20k and 100k benchmark instances, up to 2.4 on the 1k one, 2.65 on the city
 * instance (heavy ties), and no node is scanned more than 5 times in any of them. One that fails
 * (flow not yet optimal) ends when the search closes a negative cycle (subtree disassembly, see
 * exactPotentials): after 1.1-2.1 passes on the 1k, 20k and large-20000 instances (before that
 * detection, at a node's 8th scan: 3.3-4.5 passes). The bounds only stop a search that neither
 * settles nor closes a cycle in reasonable time.
 */
const EARLY_PROOF_WORK = 6;
const EARLY_PROOF_PASSES = 7;
/** Supply / absorbable capacity above which the reversed network is solved (see prefersReverse). */
const REVERSE_SUPPLY_RATIO = 1.2;
/** Initial epsilon = largest |cost| / this, since the initial prices are already close (measured: 10). */
const WARM_START_DIVISOR = 10;
/**
 * The same for the reversed network. Arc scans by divisor 10 / 20 / 40 / 80: city 127M / 137M /
 * 109M / 137M, the city with 70 % of its students 114M / 117M / 90M / 107M, large-20000 22.4M /
 * 24.3M / 17.5M / 14.8M (forward, on the synthetic instances, 10 stays best: 65M / 68M / 75M / 78M
 * at 100k).
 */
const REVERSED_WARM_START_DIVISOR = 40;

export type CirculationOutcome =
  | {
      ok: true;
      potentials: Float64Array;
      phases: number;
      relabels: number;
      pushes: number;
      /** Arcs examined by refine (pushes, relabels, look-ahead) and by the global updates. */
      arcScans: number;
      /** The part of arcScans spent in global price updates. */
      updateScans: number;
      updates: number;
      earlyStop: boolean;
      /** Optimality-proof attempts (exact potentials by label correcting) and their arc scans. */
      proofAttempts: number;
      proofScans: number;
      /** Negative cycles the final proof cancelled (only when the multiplier is below nodes + 1). */
      cyclesCancelled: number;
      /** Slot -> forward arc id (f, or ~f for its reverse), for the final slot order. */
      arcId: Int32Array;
    }
  | { ok: false; message: string };

/**
 * Turns the network's flow (initially zero) into a min-cost circulation in place: `rcap` ends
 * as the residual capacities of an optimal circulation. Arc slots are permuted inside each
 * node's range (`forwardSlot` is kept up to date). Returns exact integer potentials (original
 * cost units, root at 0) under which every residual arc has nonnegative reduced cost.
 */
export function minCostCirculation(
  net: CirculationNetwork,
  ws: Workspace = new Workspace(),
  options: CirculationOptions = {},
): CirculationOutcome {
  const reverse = options.startPrices ? false : (options.reverse ?? prefersReverse(net));
  const solver = new CostScaling(net, ws, reverse, options.startPrices);
  solver.multiplierCap = options.maxMultiplier ?? Infinity;
  return solver.solve();
}

/**
 * Another thread that solves component networks (AllocateOptions.networkThread): allocate() stays
 * synchronous and hands it one network at a time (its arrays on SharedArrayBuffers, solved in
 * place) while it solves others itself. server/cli/network-thread.ts runs one on a worker thread.
 */
export interface NetworkThread {
  /** Whether the network last handed over is solved (true when none is out). */
  idle(): boolean;
  /** Starts minCostCirculation(net, its own workspace, { startPrices }) on the other thread. */
  start(net: CirculationNetwork, startPrices: Float64Array | undefined): void;
  /** Blocks until the network handed over is solved; its outcome. */
  finish(): CirculationOutcome;
}

export interface CirculationOptions {
  /** Solve on the reversed network (default: as prefersReverse decides; never with startPrices); the result is the same kind. */
  reverse?: boolean;
  /**
   * A warm start: the network already holds a flow (any circulation, e.g. a previous optimum
   * loaded onto a changed instance) and these are potentials to start from (original cost units,
   * one per node). Epsilon then starts at the largest violation they leave.
   */
  startPrices?: Float64Array;
  /** Caps the cost multiplier (tests: exercises the final negative-cycle cancelling). */
  maxMultiplier?: number;
}

/**
 * The factor costs are multiplied by: nodes + 1, so that a 1-optimal flow is optimal (a cycle has
 * at most `nodes` arcs, so its reduced-cost sum is > -1 in original units, and it is an integer),
 * unless prices of PRICE_HEADROOM times the largest scaled cost would then leave the exact range
 * (2^51): then the largest factor that keeps them in it. Below nodes + 1, exactness comes from
 * the final proof, which cancels the negative cycles a 1-optimal flow may keep (see prove); so it
 * never depends on a bound that grows with the network.
 */
export function costMultiplier(nodes: number, maxCost: number, cap = Infinity): number {
  const fits = Math.floor(PRICE_LIMIT / (Math.max(1, maxCost) * PRICE_HEADROOM));
  return Math.max(1, Math.min(nodes + 1, fits, cap));
}

/**
 * The solver's state for one network, its steps as methods. Why a class rather than closures
 * inside one function (as before): V8 optimises each method on its own and keeps that code from
 * one component to the next, while closures created anew per call were new call targets in every
 * component's optimised code (deoptimisations), and the one long function was recompiled at each
 * of its loops. First call in a process at synthetic-20000: ~650 -> ~450-530 ms (BENCHMARKS.md).
 * Hot methods copy the fields they use into locals first.
 */
class CostScaling {
  readonly n: number;
  readonly slots: number;
  /** Costs are multiplied by this (see costMultiplier). */
  mult: number;
  multiplierCap = Infinity;
  /** Potentials to start from, the network then holding a flow (a warm start); see minCostCirculation. */
  readonly startPrices: Float64Array | undefined;
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly rcap: Int32Array;
  readonly cost: Float64Array;
  readonly rev: Int32Array;
  readonly forwardSlot: Int32Array;
  /** Which forward arc each slot belongs to: f for the forward slot, ~f for its reverse. */
  readonly arcId: Int32Array;
  /**
   * pairCap[a] = rcap[a] + rcap[rev[a]], invariant under pushes: it gives the reverse residual
   * capacity from slot a's own row (no random access in the global update's backward scan).
   */
  readonly pairCap: Int32Array;
  /** Live partition: live[v] arcs with residual capacity stored first in v's range. */
  readonly live: Int32Array;
  /** unitOnly[v]: every arc pair at v has total capacity 0 or 1 (used by the global update). */
  readonly unitOnly: Uint8Array;
  readonly price: Float64Array;
  readonly excess: Float64Array;
  readonly current: Int32Array;
  /**
   * passed[v]: the largest price[w] - cost seen on v's arcs before current[v] (at the time they
   * were passed), -Infinity when current[v] is at the range start. See the fused relabel in refine.
   */
  readonly passed: Float64Array;
  readonly queue: Int32Array;
  readonly inQueue: Uint8Array;
  readonly bucketFirst: Int32Array;
  readonly bucketNext: Int32Array;
  readonly bucketPrev: Int32Array;
  readonly label: Int32Array;
  readonly scanned: Uint8Array;
  readonly reverse: boolean;
  readonly ws: Workspace;
  readonly net: CirculationNetwork;
  qHead: number;
  qTail: number;
  /** Left by a hasAdmissible that found no admissible arc, for relabelPassed (see resume). */
  seenAt: number;
  beforeSeen: number;
  relabels: number;
  pushes: number;
  arcScans: number;
  updateScans: number;
  updates: number;

  constructor(net: CirculationNetwork, ws: Workspace, reverse: boolean, startPrices?: Float64Array) {
    this.startPrices = startPrices;
    const n = net.nodes;
    this.net = net;
    this.ws = ws;
    this.reverse = reverse;
    this.n = n;
    this.first = net.first;
    this.head = net.head;
    this.rcap = net.rcap;
    this.cost = net.cost;
    this.rev = net.rev;
    this.forwardSlot = net.forwardSlot;
    this.slots = net.head.length;
    this.mult = 1;
    this.arcId = ws.int32("flow.arcId", this.slots);
    this.pairCap = ws.int32("flow.pairCap", this.slots);
    this.live = ws.int32("flow.live", n);
    this.unitOnly = ws.uint8("flow.unitOnly", n);
    this.price = ws.float64("flow.price", n);
    this.excess = ws.float64("flow.excess", n);
    this.current = ws.int32("flow.current", n);
    this.passed = ws.float64("flow.passed", n);
    this.queue = ws.int32("flow.queue", n + 1);
    this.inQueue = ws.uint8("flow.inQueue", n);
    // Global price update buckets: labels 0..n+1.
    this.bucketFirst = ws.int32("flow.bucketFirst", n + 2);
    this.bucketNext = ws.int32("flow.bucketNext", n);
    this.bucketPrev = ws.int32("flow.bucketPrev", n);
    this.label = ws.int32("flow.label", n);
    this.scanned = ws.uint8("flow.scanned", n);
    this.qHead = 0;
    this.qTail = 0;
    this.seenAt = -1;
    this.beforeSeen = -Infinity;
    this.relabels = 0;
    this.pushes = 0;
    this.arcScans = 0;
    this.updateScans = 0;
    this.updates = 0;
  }

  solve(): CirculationOutcome {
    const maxCost = this.prepare();
    if (this.startPrices) this.loadPrices(this.startPrices);
    else this.warmStartPrices();
    let eps = this.startEpsilon(maxCost);
    const run = { phases: 0, proofAttempts: 0, proofScans: 0, cyclesCancelled: 0 };
    const counters = () => ({
      ...run,
      relabels: this.relabels,
      pushes: this.pushes,
      arcScans: this.arcScans,
      updateScans: this.updateScans,
      updates: this.updates,
      arcId: this.arcId,
    });
    while (eps > 1) {
      eps = Math.max(1, Math.floor(eps / ALPHA));
      this.refine(eps);
      run.phases++;
      if (this.largestPrice() >= PRICE_LIMIT) {
        this.restoreCosts();
        return { ok: false, message: "prices left the exactly representable range" };
      }
      // Epsilon below one original cost unit: try to prove optimality now (see prove).
      if (eps >= this.mult && eps > 1) continue;
      const potentials = this.prove(eps === 1, run);
      if (potentials) return { ok: true, potentials, earlyStop: eps > 1, ...counters() };
      if (eps === 1) return { ok: false, message: "no exact potentials found after the final phase" };
    }
    // No phase ran: every cost is 0, or a warm start was already optimal under its prices, which
    // then are the proof themselves when no residual arc violates them (integers, root at 0).
    const proven = this.startPrices !== undefined && this.startPrices[0] === 0 && this.largestViolation() <= 0;
    const potentials = proven ? this.provenStart(this.startPrices as Float64Array) : this.prove(true, run);
    if (potentials) return { ok: true, potentials, earlyStop: false, ...counters() };
    return { ok: false, message: "no exact potentials found for the starting flow" };
  }

  /**
   * Arc ids, orientation, pair capacities, the cost multiplier and the live partition; returns
   * the largest |cost| (original units).
   */
  prepare(): number {
    this.indexArcs();
    if (this.reverse) this.flipPairs();
    const maxCost = this.pairCapsAndMaxCost();
    this.mult = costMultiplier(this.n, maxCost, this.multiplierCap);
    this.partition();
    this.price.fill(0);
    this.excess.fill(0);
    return maxCost;
  }

  /**
   * Epsilon of the first phase (before its division by ALPHA). From the warm-start pass's prices
   * the first phases of the classic schedule (epsilon from the largest cost) would only re-derive
   * them, so it starts WARM_START_DIVISOR (reversed: 40) times lower. From given prices (a
   * previous optimum's) at most one original cost unit: they are exact except near what changed,
   * and a larger epsilon only re-solves more (100k students, 20 declined offers, 10 withdrawn students:
   * 202k relabels, against 545k from 3 units and 3.0M from the largest violation, ~1,070 units);
   * 1 when no arc violates them (the starting flow is optimal: only the proof runs). At least 2
   * whenever a phase is needed, so that the final eps = 1 phase runs.
   */
  startEpsilon(maxCost: number): number {
    if (maxCost === 0) return 1;
    if (this.startPrices) {
      const violation = this.largestViolation();
      return violation <= 0 ? 1 : Math.max(2, Math.min(violation, this.mult));
    }
    return Math.max(2, Math.floor((maxCost * this.mult) / (this.reverse ? REVERSED_WARM_START_DIVISOR : WARM_START_DIVISOR)));
  }

  /**
   * Exact integer potentials for the current flow (label correcting from the rounded prices; the
   * search reads the scaled costs divided by mult, exact, so a failed early attempt costs only
   * its own scans). The final attempt, after the eps = 1 phase, also cancels every negative
   * cycle it meets and tries again: when mult is below nodes + 1 (large costs or networks, see
   * costMultiplier) a 1-optimal flow need not be optimal, and this makes it so; each cancellation
   * lowers the cost by an integer, and the independent certificate check has the last word.
   * Restores the costs (and orientation) when it returns potentials or gives up for good.
   */
  prove(final: boolean, run: { proofAttempts: number; proofScans: number; cyclesCancelled: number }): Float64Array | undefined {
    const { n, slots, mult, ws } = this;
    for (;;) {
      run.proofAttempts++;
      const proof = { work: 0, cycleArc: -1 };
      const potentials = exactPotentials(this.net, this.roundedPrices(), final ? 50 * slots + 1000 : EARLY_PROOF_WORK * slots + 1000, mult, ws, proof, final ? n + 1 : EARLY_PROOF_PASSES);
      run.proofScans += proof.work;
      if (potentials) {
        this.restoreCosts();
        if (this.reverse) for (let v = 0; v < n; v++) potentials[v] = 0 - potentials[v];
        return potentials;
      }
      if (!final) return undefined;
      if (proof.cycleArc < 0) {
        this.restoreCosts();
        return undefined;
      }
      cancelNegativeCycle(this.net, proof.cycleArc, ws);
      run.cyclesCancelled++;
    }
  }

  /** The given start prices as the optimality proof (see solve), in the workspace. */
  provenStart(start: Float64Array): Float64Array {
    this.restoreCosts();
    const potentials = this.ws.float64("flow.start", this.n);
    potentials.set(start);
    return potentials;
  }

  /** Prices from given potentials (original units, forward orientation): a warm start. */
  loadPrices(start: Float64Array): void {
    const { n, price, mult } = this;
    for (let v = 0; v < n; v++) price[v] = (this.reverse ? -start[v] : start[v]) * mult;
  }

  /** The largest -(reduced cost) over residual arcs under the current prices (scaled units). */
  largestViolation(): number {
    const { n, first, live, head, cost, price } = this;
    let worst = 0;
    for (let v = 0; v < n; v++) {
      const pv = price[v];
      const end = first[v] + live[v];
      for (let a = first[v]; a < end; a++) {
        const violation = price[head[a]] - cost[a] - pv;
        if (violation > worst) worst = violation;
      }
    }
    return worst;
  }

  /**
   * Fills arcId. (Every loop of the solve is in a method of its own: a loop in solve() itself
   * was compiled on the stack and deoptimised when the code after it first ran, per component.)
   */
  indexArcs(): void {
    const { forwardSlot, rev, arcId } = this;
    for (let f = 0; f < forwardSlot.length; f++) {
      arcId[forwardSlot[f]] = f;
      arcId[rev[forwardSlot[f]]] = ~f;
    }
  }

  /**
   * Reversed network: every arc turned around with the same cost. In place, that is each pair's
   * residual capacities swapped and every cost negated; potentials come back negated.
   */
  flipPairs(): void {
    const { slots, cost, arcId, rev, rcap } = this;
    for (let a = 0; a < slots; a++) {
      cost[a] = -cost[a];
      if (arcId[a] >= 0) {
        const r = rev[a];
        const t = rcap[a];
        rcap[a] = rcap[r];
        rcap[r] = t;
      }
    }
  }

  /** Fills pairCap; returns the largest |cost|. */
  pairCapsAndMaxCost(): number {
    const { slots, cost, rev, rcap, pairCap } = this;
    let maxCost = 0;
    for (let a = 0; a < slots; a++) {
      pairCap[a] = rcap[a] + rcap[rev[a]];
      const c = Math.abs(cost[a]);
      if (c > maxCost) maxCost = c;
    }
    return maxCost;
  }

  /** Costs back to original units, forwardSlot to the final slot order, the orientation back. */
  restoreCosts(): void {
    const { slots, cost, mult, arcId, forwardSlot } = this;
    for (let a = 0; a < slots; a++) cost[a] /= mult;
    for (let a = 0; a < slots; a++) if (arcId[a] >= 0) forwardSlot[arcId[a]] = a;
    if (this.reverse) this.flipPairs();
  }

  /** Prices in original cost units, floored: the start of an optimality proof. */
  roundedPrices(): Float64Array {
    const { n, price, mult } = this;
    const start = this.ws.float64("flow.start", n);
    for (let v = 0; v < n; v++) start[v] = Math.floor(price[v] / mult);
    return start;
  }

  largestPrice(): number {
    const { n, price } = this;
    let extreme = 0;
    for (let v = 0; v < n; v++) {
      const p = Math.abs(price[v]);
      if (p > extreme) extreme = p;
    }
    return extreme;
  }

  /**
   * One pass per node: costs scaled by mult, the live partition (the network is built forward
   * arcs first, so swaps are only needed around zero-capacity arcs), and unitOnly (invariant:
   * pairCap moves with its slot).
   */
  partition(): void {
    const { n, first, cost, mult, pairCap, rcap, live, unitOnly } = this;
    for (let v = 0; v < n; v++) {
      let boundary = first[v];
      let unit = 1;
      const end = first[v + 1];
      for (let a = boundary; a < end; a++) {
        cost[a] *= mult; // before any swap moves it: swaps only exchange a with a visited slot
        if (pairCap[a] > 1) unit = 0;
        if (rcap[a] > 0) this.swapSlots(a, boundary++);
      }
      live[v] = boundary - first[v];
      unitOnly[v] = unit;
    }
  }

  /**
   * Initial prices: the network's forward arcs run from lower to higher node numbers (root 0,
   * students, postings, enterprises) except the arcs back into the root (reversed: from higher
   * to lower except those out of the root, so the pass runs upwards), so one backward pass
   * gives prices under which every such arc has reduced cost >= 0 (each node priced at its best
   * way onward). The first refine then starts from "every student sends its unit to its best
   * posting" instead of flooding every positive-score edge, which it would otherwise undo.
   * Any prices are a valid start (refine first saturates every arc of negative reduced cost), so
   * this is purely a heuristic; exactness still comes from the potentials checked at the end.
   */
  warmStartPrices(): void {
    const { n, first, live, head, price, cost, reverse } = this;
    for (let k = 1; k < n; k++) {
      const v = reverse ? k : n - k;
      let best = 0;
      const end = first[v] + live[v];
      for (let a = first[v]; a < end; a++) {
        const w = head[a];
        if (w !== 0 && (reverse ? w > v : w < v)) continue;
        const t = price[w] - cost[a];
        if (t > best) best = t;
      }
      price[v] = best;
    }
  }

  swapSlots(i: number, j: number): void {
    if (i === j) return;
    const { head, rcap, cost, rev, arcId, pairCap } = this;
    const hi = head[i], ri = rcap[i], ci = cost[i], vi = rev[i], ai = arcId[i], ki = pairCap[i];
    head[i] = head[j]; rcap[i] = rcap[j]; cost[i] = cost[j]; rev[i] = rev[j]; arcId[i] = arcId[j]; pairCap[i] = pairCap[j];
    head[j] = hi; rcap[j] = ri; cost[j] = ci; rev[j] = vi; arcId[j] = ai; pairCap[j] = ki;
    rev[rev[i]] = i;
    rev[rev[j]] = j;
  }

  /** Moves `delta` units along slot a (tail v); keeps both endpoints' live partitions. */
  push(a: number, v: number, delta: number): void {
    const { rev, rcap, first, live } = this;
    const r = rev[a];
    if (rcap[r] === 0) {
      const w = this.head[a];
      const boundary = first[w] + live[w]++;
      this.swapSlots(r, boundary);
    }
    rcap[rev[a]] += delta;
    rcap[a] -= delta;
    if (rcap[a] === 0) this.swapSlots(a, first[v] + --live[v]);
  }

  enqueue(v: number): void {
    this.inQueue[v] = 1;
    this.queue[this.qTail] = v;
    this.qTail = this.qTail === this.n ? 0 : this.qTail + 1;
  }

  /**
   * Lowers v's price to the highest value keeping all its arcs eps-optimal minus eps, so that
   * the best arc becomes admissible; the current arc restarts. Returns false (price kept)
   * when v has no residual arc, which only a look-ahead candidate can have.
   */
  relabel(v: number, eps: number): boolean {
    const { first, head, price, cost } = this;
    const start = first[v];
    const end = start + this.live[v];
    if (end === start) return false;
    this.arcScans += end - start;
    let best = -Infinity;
    for (let a = start; a < end; a++) {
      const t = price[head[a]] - cost[a];
      if (t > best) best = t;
    }
    price[v] = best - eps;
    this.current[v] = start;
    this.passed[v] = -Infinity;
    this.relabels++;
    return true;
  }

  /**
   * Relabel of a node whose current arc just ran off its live arcs (hasAdmissible returned
   * false): passed[v] then covers every live arc, so no second scan is needed (see the fused
   * relabel in refine for why the possibly too high recorded values are still a legal relabel).
   */
  relabelPassed(v: number, eps: number): boolean {
    const best = this.passed[v];
    if (best === -Infinity) return this.relabel(v, eps);
    this.price[v] = best - eps;
    this.resume(v, this.first[v], this.seenAt, this.beforeSeen, best - eps);
    this.relabels++;
    return true;
  }

  /**
   * Where v's scan resumes after a relabel to `price`: at the slot of its best arc, the one the
   * relabel made admissible, when the pass that just ended found it there (bestAt >= 0) and every
   * arc before it stays inadmissible (beforeBest <= price: no near tie); else at the range start.
   * Saves rescanning from the start to that arc (~half a student's arcs per relabel).
   */
  resume(v: number, start: number, bestAt: number, beforeBest: number, price: number): void {
    if (bestAt >= 0 && beforeBest <= price) {
      this.current[v] = bestAt;
      this.passed[v] = beforeBest;
    } else {
      this.current[v] = start;
      this.passed[v] = -Infinity;
    }
  }

  /**
   * Whether v has an admissible arc, advancing its current-arc pointer to it. When not, seenAt /
   * beforeSeen tell relabelPassed where the best arc of the pass was (see resume).
   */
  hasAdmissible(v: number): boolean {
    const { price, head, cost, current, passed } = this;
    const pv = price[v];
    const end = this.first[v] + this.live[v];
    let seen = passed[v];
    let seenAt = -1;
    let beforeSeen = seen;
    for (let a = current[v]; a < end; a++) {
      const t = price[head[a]] - cost[a];
      if (t > pv) {
        this.arcScans += a - current[v] + 1;
        current[v] = a;
        passed[v] = seen;
        return true;
      }
      if (t > seen) {
        beforeSeen = seen;
        seen = t;
        seenAt = a;
      }
    }
    this.arcScans += end - current[v];
    current[v] = end;
    passed[v] = seen;
    this.seenAt = seenAt;
    this.beforeSeen = beforeSeen;
    return false;
  }

  /**
   * Global price update (Goldberg's CS2 "price update"): a bucket-based Dijkstra (Dial) from
   * the deficit nodes backwards over residual arcs, arc length floor(reducedCost / eps) + 1 >= 0.
   * Lowering every price by eps * distance keeps the flow eps-optimal and gives each excess node
   * an admissible path to a deficit, which replaces long chains of one-step relabels.
   */
  globalUpdate(eps: number): void {
    const { n, first, head, rcap, cost, pairCap, live, unitOnly, price, excess, current, passed } = this;
    const { bucketFirst, bucketNext, bucketPrev, label, scanned } = this;
    const BUCKETS = n + 2;
    this.updates++;
    bucketFirst.fill(-1);
    label.fill(BUCKETS);
    scanned.fill(0);
    let excessLeft = 0;
    for (let v = 0; v < n; v++) {
      if (excess[v] > 0) excessLeft++;
      else if (excess[v] < 0) {
        label[v] = 0;
        const h = bucketFirst[0];
        bucketNext[v] = h;
        bucketPrev[v] = -1;
        if (h >= 0) bucketPrev[h] = v;
        bucketFirst[0] = v;
      }
    }
    if (excessLeft === 0) return;
    const invEps = 1 / eps;
    let scans = 0;
    let level = 0;
    search: for (; level < BUCKETS; level++) {
      while (bucketFirst[level] >= 0) {
        const i = bucketFirst[level];
        const nx = bucketNext[i];
        bucketFirst[level] = nx;
        if (nx >= 0) bucketPrev[nx] = -1;
        scanned[i] = 1;
        if (excess[i] > 0 && --excessLeft === 0) break search;
        const pi = price[i];
        const end = first[i + 1];
        // Without multi-unit arcs, an arc into i is residual exactly when i's slot is saturated
        // (dead): only the dead part of the range needs scanning (a student: 1-2 arcs of ~20).
        const begin = unitOnly[i] ? first[i] + live[i] : first[i];
        scans += end - begin;
        for (let a = begin; a < end; a++) {
          if (rcap[a] >= pairCap[a]) continue; // no residual capacity on the reverse j -> i
          const j = head[a];
          if (scanned[j]) continue;
          // Residual arc j -> i (cost -cost[a]) with reduced cost rc >= -eps; length floor(rc / eps) + 1,
          // by a multiplication with 1/eps corrected to the exact integer quotient (all terms are
          // integers below 2^53, so q * eps is exact).
          const rc = price[j] - cost[a] - pi;
          let q = Math.floor(rc * invEps);
          if (q * eps > rc) q--;
          else if ((q + 1) * eps <= rc) q++;
          const d = level + q + 1;
          const old = label[j];
          if (d >= old) continue;
          if (old < BUCKETS) {
            // Unlink j from its bucket.
            const pv = bucketPrev[j];
            const nv = bucketNext[j];
            if (pv >= 0) bucketNext[pv] = nv;
            else bucketFirst[old] = nv;
            if (nv >= 0) bucketPrev[nv] = pv;
          }
          label[j] = d;
          const h = bucketFirst[d];
          bucketNext[j] = h;
          bucketPrev[j] = -1;
          if (h >= 0) bucketPrev[h] = j;
          bucketFirst[d] = j;
        }
      }
    }
    this.arcScans += scans;
    this.updateScans += scans;
    // Unscanned nodes get the level where the search stopped: it is at most their true distance.
    for (let v = 0; v < n; v++) {
      const d = scanned[v] ? label[v] : level;
      if (d > 0) price[v] -= d * eps;
      current[v] = first[v];
      passed[v] = -Infinity;
    }
  }

  /**
   * Saturates every arc with negative reduced cost (the flow becomes 0-optimal, with excesses
   * and deficits to resolve) and queues the nodes with excess.
   */
  saturateNegative(): void {
    const { n, first, live, head, cost, price, rcap, excess, current, passed, inQueue } = this;
    for (let v = 0; v < n; v++) {
      const pv = price[v];
      let a = first[v];
      while (a < first[v] + live[v]) {
        const w = head[a];
        if (cost[a] + pv - price[w] < 0) {
          const r = rcap[a];
          excess[v] -= r;
          excess[w] += r;
          this.push(a, v, r); // slot a now holds another live arc: examine it without advancing
        } else a++;
      }
    }
    this.qHead = this.qTail = 0;
    for (let v = 0; v < n; v++) {
      current[v] = first[v];
      passed[v] = -Infinity;
      inQueue[v] = 0;
      if (excess[v] > 0) this.enqueue(v);
    }
  }

  /** One phase: turns the 0-optimal pseudo-flow of saturateNegative into an eps-optimal flow. */
  refine(eps: number): void {
    this.saturateNegative();
    this.globalUpdate(eps);
    const { n, first, live, head, cost, price, rcap, excess, current, passed, queue, inQueue } = this;
    const updateEvery = Math.ceil(UPDATE_FREQUENCY * n) + 1;
    let relabelsAtUpdate = this.relabels;
    let scans = 0;
    while (this.qHead !== this.qTail) {
      if (this.relabels - relabelsAtUpdate > updateEvery) {
        this.globalUpdate(eps);
        relabelsAtUpdate = this.relabels;
      }
      const v = queue[this.qHead];
      this.qHead = this.qHead === n ? 0 : this.qHead + 1;
      inQueue[v] = 0;
      let ex = excess[v];
      while (ex > 0) {
        const start = first[v];
        let a = current[v];
        // Fused relabel: passed[v] plus this pass cover every live arc, so when the pass ends with
        // excess left, `best` (the largest price[w] - cost seen) gives the relabel without a
        // second scan. Values seen earlier can only be too high (neighbours' prices only fall
        // until the next global update, which resets current arcs), each was <= price[v] when
        // seen, so price[v] still falls by >= eps and every arc of v stays eps-optimal.
        let best = passed[v];
        // Where this pass found `best` (-1: not in this pass), and the largest value before it.
        let bestAt = -1;
        let beforeBest = best;
        const pv = price[v];
        while (a < start + live[v]) {
          scans++;
          const w = head[a];
          let rc = cost[a] + pv - price[w];
          // Look-ahead: a node that would only send the flow back is relabelled first.
          if (rc < 0 && excess[w] >= 0 && !this.hasAdmissible(w) && this.relabelPassed(w, eps)) rc = cost[a] + pv - price[w];
          if (rc >= 0) {
            if (pv - rc > best) {
              beforeBest = best;
              best = pv - rc;
              bestAt = a;
            }
            a++;
            continue;
          }
          const cap = rcap[a];
          const delta = ex < cap ? ex : cap;
          const before = excess[w];
          excess[w] = before + delta;
          ex -= delta;
          this.pushes++;
          this.push(a, v, delta); // if the arc saturated, slot a now holds the next live arc
          if (before <= 0 && before + delta > 0 && !inQueue[w]) this.enqueue(w);
          if (ex === 0) break;
        }
        excess[v] = ex;
        if (ex === 0) {
          current[v] = a;
          passed[v] = best;
        } else if (best > -Infinity) {
          price[v] = best - eps;
          this.resume(v, start, bestAt, beforeBest, best - eps);
          this.relabels++;
        } else this.relabel(v, eps);
      }
    }
    this.arcScans += scans;
  }
}

/**
 * Whether to solve on the reversed network: when the students' supply (R's out-capacity) clearly
 * exceeds what the enterprises can absorb (R's in-capacity), forward push-relabel sends every
 * student's unit out and must return most of the surplus through long price wars among tied
 * students; reversed, the flow starts from the enterprises' seats and only their surplus returns.
 */
export function prefersReverse(net: CirculationNetwork): boolean {
  const { first, rcap, rev } = net;
  let supply = 0;
  let absorb = 0;
  for (let a = first[0]; a < first[1]; a++) {
    if (rcap[a] > 0) supply += rcap[a];
    else absorb += rcap[rev[a]];
  }
  return supply > REVERSE_SUPPLY_RATIO * absorb;
}
