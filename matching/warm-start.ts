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

/**
 * Finds ids in a list when they are asked for mostly in the list's order (a previous Result lists
 * students, postings and placements in instance order, and a re-solve changes a few): a cursor
 * that looks a few places ahead, and a Map built only when that misses. At 100k students the Maps
 * alone took ~50 ms of a ~450 ms warm re-solve.
 */
class IdCursor {
  private next = 0;
  private map: Map<string, number> | undefined;

  constructor(private readonly ids: readonly string[]) {}

  find(id: string): number | undefined {
    const ids = this.ids;
    for (let k = this.next; k < Math.min(ids.length, this.next + 8); k++) {
      if (ids[k] === id) {
        this.next = k;
        return k;
      }
    }
    if (!this.map) {
      this.map = new Map();
      for (let i = 0; i < ids.length; i++) this.map.set(ids[i], i);
    }
    const found = this.map.get(id);
    if (found !== undefined) this.next = found;
    return found;
  }
}

/**
 * Maps `previous` onto `data`, or undefined when it is not an OPTIMAL Result with duals. Placements are kept
 * in their order while they fit: a kept edge never takes a student past maxPlacements, a posting
 * past its capacity or an enterprise past maxInterns, so the kept set is a feasible flow.
 */
export function warmStartOf(data: ParsedInstance, previous: Result | undefined, costScale: number): WarmStart | undefined {
  if (previous?.status !== "OPTIMAL" || !previous.duals || !(previous.duals.costScale > 0)) return undefined;
  const warm: WarmStart = {
    chosen: keptPlacements(data, previous, new IdCursor(data.studentIds)),
    students: new Float64Array(data.studentIds.length).fill(NaN),
    postings: new Float64Array(data.postingIds.length).fill(NaN),
    enterprises: new Float64Array(data.enterpriseIds.length).fill(NaN),
  };
  const duals = previous.duals;
  const ratio = costScale / duals.costScale;
  const load = (into: Float64Array, ids: string[], list: { ids: string[]; values: number[] }): void => {
    const cursor = new IdCursor(ids);
    for (let k = 0; k < list.ids.length; k++) {
      const i = cursor.find(list.ids[k]);
      const value = list.values[k];
      if (i !== undefined && Number.isFinite(value)) into[i] = Math.round(value * ratio);
    }
  };
  load(warm.students, data.studentIds, duals.students);
  load(warm.postings, data.postingIds, duals.postings);
  load(warm.enterprises, data.enterpriseIds, duals.enterprises);
  return warm;
}

/** The previous placements that are still edges and fit every limit, in their order (see warmStartOf). */
function keptPlacements(data: ParsedInstance, previous: Extract<Result, { status: "OPTIMAL" }>, students: IdCursor): Uint8Array {
  const chosen = new Uint8Array(data.edgeStudent.length);
  const studentLeft = Float64Array.from(data.studentMax);
  const postingLeft = Float64Array.from(data.postingCapacity);
  const enterpriseLeft = Float64Array.from(data.enterpriseMax);
  const { start, order } = studentEdges(data);
  for (const placement of previous.placements) {
    const s = students.find(placement.student);
    if (s === undefined || studentLeft[s] < 1) continue;
    // The posting among the student's edges (~20): no posting index needed.
    for (let k = start[s]; k < start[s + 1]; k++) {
      const i = order === undefined ? k : order[k];
      const p = data.edgePosting[i];
      if (chosen[i] === 1 || data.postingIds[p] !== placement.posting) continue;
      const e = data.postingEnterprise[p];
      if (postingLeft[p] < 1 || enterpriseLeft[e] < 1) break;
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
