/**
 * The reference method for componentMarginalValues' tests (tests/matching/slot-values.test.ts),
 * moved out of matching/: the previous method, whose values the split search must reproduce.
 */
import { heapOf, type MarginalValue } from "../../matching/explain";
import { Workspace, type CirculationNetwork, type ComponentLayout } from "../../matching/network";
import type { ParsedInstance } from "../../matching/validate";

/**
 * The previous method of componentMarginalValues, kept as the reference for tests: one bounded
 * search per enterprise that may pass through the root, plus one bounded search for the ceilings,
 * all charged to the budget.
 *
 * Adding one unit of capacity to arc u->v changes the optimum by the best cycle through it:
 * gain = max(0, -(cost(u,v) + dist(v, u))) in the residual network. With potentials pi giving
 * nonnegative reduced costs, dist(v,u) = distRC(v,u) - pi(v) + pi(u), so the dual price
 * pi(v) - pi(u) - cost(u,v) bounds the gain from above and a Dijkstra on reduced costs, cut at
 * that bound, finds it exactly. Postings: u = posting, v = enterprise (one search per enterprise
 * covers all its postings); ceilings: u = enterprise, v = root (one search from the root).
 * The value is summed along the found cycle with the instance's real scores and floorPenalty,
 * so it stays exact when costs were scaled or the penalty capped. `work` bounds arc scans;
 * when it runs out, the remaining values are the dual bounds (exact: false).
 * `enterpriseLocal` maps instance enterprises to this component's local nodes.
 */
export function componentMarginalValuesBySearch(
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
  const n = net.nodes;
  const { first, head, rcap, cost, forwardSlot } = net;
  const nS = layout.students.length;
  const nP = layout.postings.length;
  const nE = layout.enterprises.length;
  const firstPosting = 1 + nS;
  const firstEnterprise = firstPosting + nP;
  const nEdges = layout.edges.length;
  // Forward arc numbering (network.ts): R->s [0,nS), edges, p->e, then (floor, free) per enterprise.
  // arcKind: slot -> forward arc id, or ~id for reverses (the flow solver's, or built on first use).
  let arcKind = slotArcId;
  const kindOf = (a: number): number => {
    if (arcKind === undefined) {
      arcKind = ws.int32("explain.arcKind", head.length);
      for (let f = 0; f < forwardSlot.length; f++) {
        arcKind[forwardSlot[f]] = f;
        arcKind[net.rev[forwardSlot[f]]] = ~f;
      }
    }
    return arcKind[a];
  };
  /** Objective gain of sending one unit along slot a (negative of its real cost). */
  const realGain = (a: number): number => {
    const id = kindOf(a);
    const f = id >= 0 ? id : ~id;
    const sign = id >= 0 ? 1 : -1;
    if (f >= nS && f < nS + nEdges) return sign * instance.edgeScore[layout.edges[f - nS]];
    const floorStart = nS + nEdges + nP;
    if (f >= floorStart && (f - floorStart) % 2 === 0) return sign * instance.floorPenalty;
    return 0;
  };

  // The residual arcs only, with their reduced costs under pi (>= 0): most of a posting's slots
  // are saturated reverses, which the searches then never touch. The work budget is still
  // charged per slot of the full range, so which values come out exact does not change.
  // (Built on the first search: components whose values are all 0 or whose budget ran out need none.)
  // (Workspace views of slot size: the residual arcs are at most all slots, so no counting pass.)
  const residualFirst = ws.int32("explain.residualFirst", n + 1);
  let residualHead = residualFirst;
  let residualCost: Float64Array = new Float64Array(0);
  let residualSlot = residualFirst;
  let residualBuilt = false;
  const buildResidual = (): void => {
    residualBuilt = true;
    residualHead = ws.int32("explain.residualHead", head.length);
    residualCost = ws.float64("explain.residualCost", head.length);
    residualSlot = ws.int32("explain.residualSlot", head.length);
    let k = 0;
    residualFirst[0] = 0;
    for (let u = 0; u < n; u++) {
      const pu = pi[u];
      const end = first[u + 1];
      for (let a = first[u]; a < end; a++) {
        if (rcap[a] <= 0) continue;
        const w = head[a];
        residualHead[k] = w;
        residualCost[k] = cost[a] + pu - pi[w];
        residualSlot[k++] = a;
      }
      residualFirst[u + 1] = k;
    }
  };
  const dist = ws.float64("explain.dist", n).fill(Infinity);
  const parentArc = ws.int32("explain.parentArc", n).fill(-1);
  const touched: number[] = [];
  const heap = heapOf(ws);
  /**
   * Dijkstra on reduced costs from `source`, stopping when every target is settled or keys
   * exceed `radius`. Returns false when the work budget ran out.
   */
  const isTarget = ws.uint8("explain.isTarget", n).fill(0);
  const search = (source: number, targets: number[], radius: number): boolean => {
    if (!residualBuilt) buildResidual();
    for (const t of targets) isTarget[t] = 1;
    try {
      return searchMarked(source, targets.length, radius);
    } finally {
      for (const t of targets) isTarget[t] = 0;
    }
  };
  const searchMarked = (source: number, targetCount: number, radius: number): boolean => {
    for (const v of touched) {
      dist[v] = Infinity;
      parentArc[v] = -1;
    }
    touched.length = 0;
    heap.size = 0;
    dist[source] = 0;
    touched.push(source);
    heap.push(0, source);
    let left = targetCount;
    while (heap.size > 0 && left > 0) {
      const d = heap.topKey;
      const u = heap.topNode;
      heap.pop();
      if (d > dist[u]) continue;
      if (d > radius) break;
      if (isTarget[u] === 1) left--;
      budget.work -= first[u + 1] - first[u];
      if (budget.work < 0) return false;
      const end = residualFirst[u + 1];
      for (let k = residualFirst[u]; k < end; k++) {
        const w = residualHead[k];
        const nd = d + residualCost[k];
        // Keys above the radius are never settled before the search stops: not queued at all.
        if (nd < dist[w] && nd <= radius) {
          if (dist[w] === Infinity) touched.push(w);
          dist[w] = nd;
          parentArc[w] = residualSlot[k];
          heap.push(nd, w);
        }
      }
    }
    return true;
  };
  /** Real gain of the cycle: closing arc (given by its gain) plus the path source -> target. */
  const cycleGain = (source: number, target: number, closingGain: number): number => {
    let gain = closingGain;
    for (let v = target; v !== source; ) {
      const a = parentArc[v];
      gain += realGain(a);
      v = head[net.rev[a]];
    }
    return gain;
  };

  const postings: MarginalValue[] = new Array(nP);
  const enterprises: MarginalValue[] = new Array(nE);
  // Postings, grouped by enterprise.
  const byEnterprise = new Map<number, number[]>();
  for (let i = 0; i < nP; i++) {
    const e = enterpriseLocal[instance.postingEnterprise[layout.postings[i]]];
    const bound = pi[e] - pi[firstPosting + i]; // cost(p,e) = 0
    if (bound <= 0) postings[i] = { value: 0, exact: true };
    else {
      const list = byEnterprise.get(e);
      if (list) list.push(i);
      else byEnterprise.set(e, [i]);
    }
  }
  for (const [e, list] of byEnterprise) {
    const targets = list.map((i) => firstPosting + i);
    const radius = Math.max(...list.map((i) => pi[e] - pi[firstPosting + i]));
    const complete = budget.work > 0 && search(e, targets, radius);
    for (const i of list) {
      const p = firstPosting + i;
      const bound = (pi[e] - pi[p]) / costScale;
      if (!complete) postings[i] = { value: bound, exact: false };
      else if (dist[p] === Infinity || pi[e] - pi[p] - dist[p] <= 0) postings[i] = { value: 0, exact: true };
      else postings[i] = { value: Math.max(0, cycleGain(e, p, 0)), exact: true };
    }
  }
  // Enterprise ceilings: the free arc e -> R (cost 0), cycle closed by a path R -> e.
  const ceilingTargets: number[] = [];
  for (let i = 0; i < nE; i++) {
    const bound = pi[0] - pi[firstEnterprise + i];
    if (bound <= 0) enterprises[i] = { value: 0, exact: true };
    else ceilingTargets.push(i);
  }
  if (ceilingTargets.length > 0) {
    const targets = ceilingTargets.map((i) => firstEnterprise + i);
    const radius = Math.max(...ceilingTargets.map((i) => pi[0] - pi[firstEnterprise + i]));
    const complete = budget.work > 0 && search(0, targets, radius);
    for (const i of ceilingTargets) {
      const e = firstEnterprise + i;
      if (!complete) enterprises[i] = { value: (pi[0] - pi[e]) / costScale, exact: false };
      else if (dist[e] === Infinity || pi[0] - pi[e] - dist[e] <= 0) enterprises[i] = { value: 0, exact: true };
      else enterprises[i] = { value: Math.max(0, cycleGain(0, e, 0)), exact: true };
    }
  }
  return { postings, enterprises };
}
