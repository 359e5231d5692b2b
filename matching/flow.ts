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
 * - Live-arc partition: each node's CSR range is kept ordered [arcs with residual capacity |
 *   saturated arcs], with O(1) swaps on every push. A posting with 400 eligible students but
 *   5 seats then relabels by scanning about 6 arcs instead of 400.
 * - Exactness: costs are integers multiplied by (nodes + 1); a flow that is 1-optimal for those
 *   scaled costs is optimal for the original ones (a cycle has at most `nodes` arcs, so its
 *   reduced-cost sum is > -1 in original units, and it is an integer). In practice the flow is
 *   optimal much earlier, so from the first phase with epsilon below one original unit on, the
 *   solver tries to compute exact integer potentials (label-correcting, bounded work); when they
 *   exist they prove optimality and the remaining phases are skipped.
 * - All prices are integers kept below 2^51, so double arithmetic is exact; the solver checks the
 *   bound and fails (never reports a wrong optimum) past it. The potentials it returns are checked
 *   again, independently, by certificate.ts.
 */
import { exactPotentials, type CirculationNetwork } from "./network";

/** Epsilon is divided by this factor between refine phases (Goldberg suggests 8-16). */
const ALPHA = 12;
const PRICE_LIMIT = 2 ** 51;

export type CirculationOutcome =
  | { ok: true; potentials: Float64Array; phases: number; relabels: number; pushes: number; earlyStop: boolean }
  | { ok: false; message: string };

/**
 * Turns the network's flow (initially zero) into a min-cost circulation in place: `rcap` ends
 * as the residual capacities of an optimal circulation. Arc slots are permuted inside each
 * node's range (`forwardSlot` is kept up to date). Returns exact integer potentials (original
 * cost units, root at 0) under which every residual arc has nonnegative reduced cost.
 */
export function minCostCirculation(net: CirculationNetwork): CirculationOutcome {
  const n = net.nodes;
  const { first, head, rcap, cost, rev, forwardSlot } = net;
  const slots = head.length;
  const mult = n + 1;
  // Which forward arc each slot belongs to: f for the forward slot, ~f for its reverse.
  const arcId = new Int32Array(slots);
  for (let f = 0; f < forwardSlot.length; f++) {
    arcId[forwardSlot[f]] = f;
    arcId[rev[forwardSlot[f]]] = ~f;
  }
  let maxCost = 0;
  for (let a = 0; a < slots; a++) {
    const c = Math.abs(cost[a]);
    if (c > maxCost) maxCost = c;
  }
  if (maxCost * mult * 4 * mult >= PRICE_LIMIT) return { ok: false, message: `cost range ${maxCost} too large for exact cost scaling on ${n} nodes` };
  for (let a = 0; a < slots; a++) cost[a] *= mult;
  const restoreCosts = (): void => {
    for (let a = 0; a < slots; a++) cost[a] /= mult;
    for (let a = 0; a < slots; a++) if (arcId[a] >= 0) forwardSlot[arcId[a]] = a;
  };

  const swapSlots = (i: number, j: number): void => {
    if (i === j) return;
    const hi = head[i], ri = rcap[i], ci = cost[i], vi = rev[i], ai = arcId[i];
    head[i] = head[j]; rcap[i] = rcap[j]; cost[i] = cost[j]; rev[i] = rev[j]; arcId[i] = arcId[j];
    head[j] = hi; rcap[j] = ri; cost[j] = ci; rev[j] = vi; arcId[j] = ai;
    rev[rev[i]] = i;
    rev[rev[j]] = j;
  };
  // live[v]: number of arcs with residual capacity, stored first in v's range.
  const live = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    let boundary = first[v];
    for (let a = first[v]; a < first[v + 1]; a++) {
      if (rcap[a] > 0) swapSlots(a, boundary++);
    }
    live[v] = boundary - first[v];
  }
  /** Moves `delta` units along slot a (tail v); keeps both endpoints' live partitions. */
  const push = (a: number, v: number, delta: number): void => {
    const r = rev[a];
    if (rcap[r] === 0) {
      const w = head[a];
      const boundary = first[w] + live[w]++;
      swapSlots(r, boundary);
    }
    rcap[rev[a]] += delta;
    rcap[a] -= delta;
    if (rcap[a] === 0) swapSlots(a, first[v] + --live[v]);
  };

  const price = new Float64Array(n);
  const excess = new Float64Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n + 1);
  const inQueue = new Uint8Array(n);
  let qHead = 0;
  let qTail = 0;
  let relabels = 0;
  let pushes = 0;
  const enqueue = (v: number): void => {
    inQueue[v] = 1;
    queue[qTail] = v;
    qTail = qTail === n ? 0 : qTail + 1;
  };

  /**
   * Lowers v's price to the highest value keeping all its arcs eps-optimal minus eps, so that
   * the best arc becomes admissible; the current arc restarts. Returns false (price kept)
   * when v has no residual arc, which only a look-ahead candidate can have.
   */
  const relabel = (v: number, eps: number): boolean => {
    const start = first[v];
    const end = start + live[v];
    if (end === start) return false;
    let best = -Infinity;
    for (let a = start; a < end; a++) {
      const t = price[head[a]] - cost[a];
      if (t > best) best = t;
    }
    price[v] = best - eps;
    current[v] = start;
    relabels++;
    return true;
  };

  /** Whether v has an admissible arc, advancing its current-arc pointer to it. */
  const hasAdmissible = (v: number): boolean => {
    const pv = price[v];
    const end = first[v] + live[v];
    for (let a = current[v]; a < end; a++) {
      if (cost[a] + pv - price[head[a]] < 0) {
        current[v] = a;
        return true;
      }
    }
    current[v] = end;
    return false;
  };

  const refine = (eps: number): void => {
    // Saturate every arc with negative reduced cost: the flow becomes 0-optimal, with
    // excesses and deficits to resolve.
    for (let v = 0; v < n; v++) {
      const pv = price[v];
      let a = first[v];
      while (a < first[v] + live[v]) {
        const w = head[a];
        if (cost[a] + pv - price[w] < 0) {
          const r = rcap[a];
          excess[v] -= r;
          excess[w] += r;
          push(a, v, r); // slot a now holds another live arc: examine it without advancing
        } else a++;
      }
    }
    qHead = qTail = 0;
    for (let v = 0; v < n; v++) {
      current[v] = first[v];
      inQueue[v] = 0;
      if (excess[v] > 0) enqueue(v);
    }
    while (qHead !== qTail) {
      const v = queue[qHead];
      qHead = qHead === n ? 0 : qHead + 1;
      inQueue[v] = 0;
      let ex = excess[v];
      while (ex > 0) {
        let a = current[v];
        const pv = price[v];
        while (a < first[v] + live[v]) {
          const w = head[a];
          if (cost[a] + pv - price[w] >= 0) {
            a++;
            continue;
          }
          // Look-ahead: a node that would only send the flow back is relabelled first.
          if (excess[w] >= 0 && !hasAdmissible(w) && relabel(w, eps) && cost[a] + pv - price[w] >= 0) {
            a++;
            continue;
          }
          const cap = rcap[a];
          const delta = ex < cap ? ex : cap;
          const before = excess[w];
          excess[w] = before + delta;
          ex -= delta;
          pushes++;
          push(a, v, delta); // if the arc saturated, slot a now holds the next live arc
          if (before <= 0 && before + delta > 0 && !inQueue[w]) enqueue(w);
          if (ex === 0) break;
        }
        excess[v] = ex;
        if (ex > 0) relabel(v, eps);
        else current[v] = a;
      }
    }
  };

  let phases = 0;
  let eps = maxCost * mult;
  while (eps > 1) {
    eps = Math.max(1, Math.floor(eps / ALPHA));
    refine(eps);
    phases++;
    let extreme = 0;
    for (let v = 0; v < n; v++) {
      const p = Math.abs(price[v]);
      if (p > extreme) extreme = p;
    }
    if (extreme >= PRICE_LIMIT) {
      restoreCosts();
      return { ok: false, message: "prices left the exactly representable range" };
    }
    if (eps < mult || eps === 1) {
      // Epsilon is below one original cost unit: try to prove optimality now.
      restoreCosts();
      const potentials = exactPotentials(net, roundedPotentials(price, mult), eps === 1 ? 50 * slots + 1000 : 4 * slots + 1000);
      if (potentials) return { ok: true, potentials, phases, relabels, pushes, earlyStop: eps > 1 };
      if (eps === 1) return { ok: false, message: "no exact potentials found after the final phase" };
      for (let a = 0; a < slots; a++) cost[a] *= mult;
    }
  }
  // Only reached when every cost is 0: the zero circulation is optimal with zero potentials.
  restoreCosts();
  return { ok: true, potentials: new Float64Array(n), phases, relabels, pushes, earlyStop: false };
}

/** Prices of a 1-optimal scaled solution floored to original cost units (a start for exactPotentials). */
export function roundedPotentials(prices: Float64Array, priceScale: number): Float64Array {
  const pi = new Float64Array(prices.length);
  for (let v = 0; v < prices.length; v++) pi[v] = Math.floor(prices[v] / priceScale);
  return pi;
}
