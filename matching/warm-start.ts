/**
 * Warm starts (AllocateOptions.warmStart): a previous OPTIMAL Result of the same allocation,
 * re-read against the changed instance. Its placements that are still edges and still fit every
 * limit become the starting flow, its duals the starting prices. Nothing in it is trusted: the
 * solver starts from it, and the answer is proven as from a cold start. Without duals it is not
 * used (from the flow alone the prices would start far off, and a small epsilon from bad prices
 * is slower than a cold solve).
 */
import type { CirculationNetwork, ComponentLayout } from "./network";
import type { Result } from "./types";
import { studentEdges, type ParsedInstance } from "./validate";

/** A previous Result mapped onto the instance's indices. */
export interface WarmStart {
  /** Per instance edge: 1 when that placement is kept as starting flow (a feasible selection). */
  chosen: Uint8Array;
  /** Starting potentials in this solve's integer cost units, NaN for nodes the Result did not have. */
  students: Float64Array;
  postings: Float64Array;
  enterprises: Float64Array;
}

function indexOf(ids: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) map.set(ids[i], i);
  return map;
}

/**
 * Maps `previous` onto `data`, or undefined when it is not an OPTIMAL Result with duals. Placements are kept
 * in their order while they fit: a kept edge never takes a student past maxPlacements, a posting
 * past its capacity or an enterprise past maxInterns, so the kept set is a feasible flow.
 */
export function warmStartOf(data: ParsedInstance, previous: Result | undefined, costScale: number): WarmStart | undefined {
  if (previous?.status !== "OPTIMAL" || !previous.duals || !(previous.duals.costScale > 0)) return undefined;
  const studentIndex = indexOf(data.studentIds);
  const postingIndex = indexOf(data.postingIds);
  const warm: WarmStart = {
    chosen: keptPlacements(data, previous, studentIndex, postingIndex),
    students: new Float64Array(data.studentIds.length).fill(NaN),
    postings: new Float64Array(data.postingIds.length).fill(NaN),
    enterprises: new Float64Array(data.enterpriseIds.length).fill(NaN),
  };
  const duals = previous.duals;
  const ratio = costScale / duals.costScale;
  const load = (into: Float64Array, index: Map<string, number>, list: { ids: string[]; values: number[] }): void => {
    for (let k = 0; k < list.ids.length; k++) {
      const i = index.get(list.ids[k]);
      const value = list.values[k];
      if (i !== undefined && Number.isFinite(value)) into[i] = Math.round(value * ratio);
    }
  };
  load(warm.students, studentIndex, duals.students);
  load(warm.postings, postingIndex, duals.postings);
  load(warm.enterprises, indexOf(data.enterpriseIds), duals.enterprises);
  return warm;
}

function keptPlacements(data: ParsedInstance, previous: Extract<Result, { status: "OPTIMAL" }>, studentIndex: Map<string, number>, postingIndex: Map<string, number>): Uint8Array {
  const chosen = new Uint8Array(data.edgeStudent.length);
  const studentLeft = Float64Array.from(data.studentMax);
  const postingLeft = Float64Array.from(data.postingCapacity);
  const enterpriseLeft = Float64Array.from(data.enterpriseMax);
  const { start, order } = studentEdges(data);
  for (const placement of previous.placements) {
    const s = studentIndex.get(placement.student);
    const p = postingIndex.get(placement.posting);
    if (s === undefined || p === undefined) continue;
    const e = data.postingEnterprise[p];
    if (studentLeft[s] < 1 || postingLeft[p] < 1 || enterpriseLeft[e] < 1) continue;
    for (let k = start[s]; k < start[s + 1]; k++) {
      const i = order === undefined ? k : order[k];
      if (data.edgePosting[i] !== p || chosen[i] === 1) continue;
      chosen[i] = 1;
      studentLeft[s]--;
      postingLeft[p]--;
      enterpriseLeft[e]--;
      break;
    }
  }
  return chosen;
}

/**
 * Starting prices of one component's network (local node order: root, students, postings,
 * enterprises), from the warm start's potentials. A node without one (new since the previous
 * Result) is priced at its best way onward over its residual arcs, enterprises first, so that
 * its own arcs start close to optimal; any value is correct, this only saves work.
 */
export function componentStartPrices(warm: WarmStart, layout: ComponentLayout, net: CirculationNetwork): Float64Array {
  const { students, postings, enterprises } = layout;
  const price = new Float64Array(net.nodes);
  let v = 1;
  for (let i = 0; i < students.length; i++) price[v++] = warm.students[students[i]];
  for (let i = 0; i < postings.length; i++) price[v++] = warm.postings[postings[i]];
  for (let i = 0; i < enterprises.length; i++) price[v++] = warm.enterprises[enterprises[i]];
  const { first, head, rcap, cost } = net;
  for (let u = net.nodes - 1; u >= 1; u--) {
    if (!Number.isNaN(price[u])) continue;
    let best = 0;
    for (let a = first[u]; a < first[u + 1]; a++) {
      const w = head[a];
      if (rcap[a] > 0 && !Number.isNaN(price[w]) && (w === 0 || w > u)) best = Math.max(best, price[w] - cost[a]);
    }
    price[u] = best;
  }
  return price;
}
