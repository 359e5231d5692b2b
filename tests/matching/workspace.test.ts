import * as fc from "fast-check";
import { allocate, type Instance, type OptimalResult } from "../../matching";
import { unplacedReason } from "../../matching/explain";
import { minCostCirculation } from "../../matching/flow";
import { buildComponentNetwork, componentEdges, components, degrees, integerCostModel, toCsr, Workspace, type CirculationNetwork } from "../../matching/network";
import { parseInstance, studentEdges, type ParsedInstance } from "../../matching/validate";
import { generateSyntheticInstance } from "../../seeds/synthetic-instance";
import { randomInstance } from "./factories";

function parsed(instance: Instance): ParsedInstance {
  const outcome = parseInstance(instance);
  if (!outcome.ok) throw new Error(outcome.errors.join());
  return outcome.instance;
}

function scratchFor(data: ParsedInstance): { studentLocal: Int32Array; postingLocal: Int32Array; enterpriseLocal: Int32Array } {
  return { studentLocal: new Int32Array(data.studentIds.length), postingLocal: new Int32Array(data.postingIds.length), enterpriseLocal: new Int32Array(data.enterpriseIds.length) };
}

/** The network's forward arc list, laid out again by the generic toCsr. */
function viaToCsr(net: CirculationNetwork): CirculationNetwork {
  const m = net.forwardSlot.length;
  const tail = new Int32Array(m);
  const head = new Int32Array(m);
  const cap = new Int32Array(m);
  const cost = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const x = net.forwardSlot[a];
    tail[a] = net.head[net.rev[x]];
    head[a] = net.head[x];
    cap[a] = net.rcap[x];
    cost[a] = net.cost[x];
  }
  return toCsr(net.nodes, tail, head, cap, cost);
}

function same(a: CirculationNetwork, b: CirculationNetwork): void {
  expect(a.nodes).toBe(b.nodes);
  for (const key of ["first", "head", "rcap", "cost", "rev", "forwardSlot"] as const) expect(Array.from(a[key])).toEqual(Array.from(b[key]));
}

function solve(instance: Instance): OptimalResult {
  const result = allocate(instance);
  if (result.status !== "OPTIMAL") throw new Error(JSON.stringify(result).slice(0, 300));
  return result;
}

describe("reused working arrays", () => {
  test("the direct CSR build equals toCsr's layout, also in a reused workspace", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const data = parsed(instance);
        const costs = integerCostModel(data);
        if (!costs) return;
        const deg = degrees(data);
        const ws = new Workspace();
        for (const layout of components(data, deg, true)) {
          componentEdges(data, layout, ws);
          const net = buildComponentNetwork(data, layout, deg, costs, scratchFor(data), ws);
          same(net, viaToCsr(net));
          same(net, buildComponentNetwork(data, { ...layout, edges: Int32Array.from(layout.edges) }, deg, costs, scratchFor(data)));
        }
      }),
      { numRuns: 150 },
    );
  });

  test("solving every component in one workspace gives the same flows and potentials as fresh arrays", () => {
    const { instance } = generateSyntheticInstance({ students: 400, seed: 7 });
    const data = parsed(instance);
    const costs = integerCostModel(data);
    if (!costs) throw new Error("no cost model");
    const deg = degrees(data);
    const ws = new Workspace();
    const layouts = components(data, deg, true);
    expect(layouts.length).toBeGreaterThan(1);
    for (const layout of layouts) {
      componentEdges(data, layout, ws);
      const shared = buildComponentNetwork(data, layout, deg, costs, scratchFor(data), ws);
      const fresh = buildComponentNetwork(data, { ...layout, edges: Int32Array.from(layout.edges) }, deg, costs, scratchFor(data));
      const a = minCostCirculation(shared, ws);
      const b = minCostCirculation(fresh);
      if (!a.ok || !b.ok) throw new Error("solver failed");
      expect(Array.from(a.potentials)).toEqual(Array.from(b.potentials));
      same(shared, fresh);
    }
  });

  test("edges not listed by student: grouped through an order array, same optimum", () => {
    const { instance } = generateSyntheticInstance({ students: 300, seed: 11 });
    const reversed: Instance = { ...instance, edges: [...instance.edges].reverse() };
    const data = parsed(reversed);
    expect(data.studentEdgeOrder).toBeDefined();
    const { start, order } = studentEdges(data);
    for (let s = 0; s < data.studentIds.length; s++) {
      for (let k = start[s]; k < start[s + 1]; k++) {
        expect(data.edgeStudent[(order as Int32Array)[k]]).toBe(s);
        if (k > start[s]) expect((order as Int32Array)[k]).toBeGreaterThan((order as Int32Array)[k - 1]);
      }
    }
    expect(parsed(instance).studentEdgeOrder).toBeUndefined();
    const a = solve(instance);
    const b = solve(reversed);
    expect(b.objective).toBe(a.objective);
    expect(b.stats.certified).toBe(true);
    // Reasons as the array-based unplacedReason gives them from b's own placement.
    const edgeOf = new Map(reversed.edges.map((e, i) => [`${e.student}|${e.posting}`, i]));
    const chosen = new Uint8Array(reversed.edges.length);
    const postingPlaced = new Float64Array(data.postingIds.length);
    const enterprisePlaced = new Float64Array(data.enterpriseIds.length);
    for (const p of b.placements) {
      const i = edgeOf.get(`${p.student}|${p.posting}`) as number;
      chosen[i] = 1;
      postingPlaced[data.edgePosting[i]]++;
      enterprisePlaced[data.postingEnterprise[data.edgePosting[i]]]++;
    }
    const studentIndex = new Map(data.studentIds.map((id, s) => [id, s]));
    expect(b.unplaced.length).toBeGreaterThan(0);
    for (const u of b.unplaced) {
      const s = studentIndex.get(u.student) as number;
      const edges = Array.from(order as Int32Array).slice(start[s], start[s + 1]);
      expect(u.reason).toBe(unplacedReason(data, s, edges, chosen, postingPlaced, enterprisePlaced));
    }
  });
});
