import * as fc from "fast-check";
import { allocate, type Instance } from "../../matching";
import { minCostCirculation, prefersReverse } from "../../matching/flow";
import { exactPotentials, Workspace, type CirculationNetwork } from "../../matching/network";
import { enterprisesAndPostings, lcg, randomInstance } from "./factories";
import { circulationCost, copy, networks, violations } from "./networks";

/**
 * Many more students than seats and only two distinct scores (the city instance's shape): most
 * students stay unplaced and ties are everywhere. Floors make the penalty arcs matter too.
 */
function surplusInstance(): fc.Arbitrary<Instance> {
  return fc
    .record({
      students: fc.integer({ min: 10, max: 60 }),
      enterprises: fc.array(fc.record({ min: fc.nat(3), extra: fc.nat(2) }), { minLength: 1, maxLength: 5 }),
      postings: fc.array(fc.record({ enterprise: fc.nat(), capacity: fc.constantFrom(1, 2, 3, 6) }), { minLength: 1, maxLength: 8 }),
      density: fc.double({ min: 0.1, max: 0.7, noNaN: true }),
      scores: fc.constantFrom([45, 60], [60, 60], [1, 2], [0, 45]),
      seed: fc.nat(),
      floorPenalty: fc.constantFrom(0, 30, 1000),
    })
    .map((r) => {
      const next = lcg(r.seed);
      const { enterprises, postings } = enterprisesAndPostings(r.enterprises, r.postings);
      const students = Array.from({ length: r.students }, (_, i) => ({ id: `s${i}` }));
      const edges: Instance["edges"] = [];
      for (const s of students) for (const p of postings) if (next() < r.density) edges.push({ student: s.id, posting: p.id, score: r.scores[next() < 0.5 ? 0 : 1] });
      return { version: 1, params: { floorPenalty: r.floorPenalty }, students, enterprises, postings, edges } as Instance;
    });
}

describe("the flow solver on the reversed network", () => {
  test("finds a circulation of the same cost as the forward solve, certified by its potentials", () => {
    fc.assert(
      fc.property(fc.oneof(randomInstance(), surplusInstance()), (instance) => {
        for (const net of networks(instance)) {
          const forward = copy(net);
          const reversed = copy(net);
          const a = minCostCirculation(forward, new Workspace(), { reverse: false });
          const b = minCostCirculation(reversed, new Workspace(), { reverse: true });
          expect(a.ok && b.ok).toBe(true);
          if (!a.ok || !b.ok) return;
          expect(circulationCost(reversed)).toBe(circulationCost(forward));
          expect(violations(reversed, b.potentials)).toBe(0);
          expect(violations(forward, a.potentials)).toBe(0);
          expect(b.potentials[0]).toBe(0);
          // The network is handed back in forward orientation: same arcs, costs, capacities per pair.
          for (let f = 0; f < net.forwardSlot.length; f++) {
            const x = reversed.forwardSlot[f];
            expect(reversed.cost[x]).toBe(net.cost[net.forwardSlot[f]]);
            expect(reversed.rcap[x]).toBeGreaterThanOrEqual(0);
            expect(reversed.rcap[reversed.rev[x]]).toBeGreaterThanOrEqual(0);
            expect(reversed.rcap[x] + reversed.rcap[reversed.rev[x]]).toBe(net.rcap[net.forwardSlot[f]]);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  test("is chosen when the students far outnumber the seats, and allocate() then matches the reference LP", () => {
    fc.assert(
      fc.property(surplusInstance(), (instance) => {
        const flow = allocate(instance, { solver: "flow", slotValues: false });
        const lp = allocate(instance, { solver: "lp", slotValues: false });
        expect(flow.status).toBe("OPTIMAL");
        expect(lp.status).toBe("OPTIMAL");
        if (flow.status !== "OPTIMAL" || lp.status !== "OPTIMAL") return;
        expect(flow.stats.certified).toBe(true);
        expect(flow.objective).toBe(lp.objective);
      }),
      { numRuns: 60 },
    );
  });

  test("is chosen when the students far outnumber the seats", () => {
    const students = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}` }));
    const instance: Instance = {
      version: 1,
      params: { floorPenalty: 1000 },
      students,
      enterprises: [{ id: "e0", minInterns: 2, maxInterns: 4 }],
      postings: [{ id: "p0", enterprise: "e0", capacity: 3 }, { id: "p1", enterprise: "e0", capacity: 3 }],
      edges: students.flatMap((s, i) => [{ student: s.id, posting: "p0", score: 45 }, { student: s.id, posting: "p1", score: i % 2 ? 60 : 45 }]),
    };
    const [net] = networks(instance);
    expect(prefersReverse(net)).toBe(true);
    const result = allocate(instance, { solver: "flow" });
    // p1 seats 3 of the 60-score students, p0 one more at 45: the ceiling of 4 binds.
    expect(result.status === "OPTIMAL" && result.objective).toBe(3 * 60 + 45);
  });
});

describe("the optimality proof's pass limit", () => {
  test("returns potentials only when they certify the flow, and proves a solved flow within one pass per node from its own potentials", () => {
    fc.assert(
      fc.property(fc.oneof(randomInstance(), surplusInstance()), (instance) => {
        for (const net of networks(instance)) {
          // The zero flow (usually not optimal): a pass limit only ever makes a proof give up,
          // it never lets potentials through that leave a residual arc negative.
          const zero = copy(net);
          const start = new Float64Array(zero.nodes);
          const unproven = exactPotentials(zero, start, Number.MAX_SAFE_INTEGER, 1, undefined, undefined, 3);
          if (unproven) expect(violations(zero, unproven)).toBe(0);
          const solved = copy(net);
          const outcome = minCostCirculation(solved, new Workspace());
          expect(outcome.ok).toBe(true);
          if (!outcome.ok) return;
          // From the solver's own potentials the proof needs a single pass per node.
          const again = exactPotentials(solved, outcome.potentials, Number.MAX_SAFE_INTEGER, 1, undefined, undefined, 1);
          expect(again).toBeDefined();
          if (again) expect(violations(solved, again)).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/**
 * Plain Bellman-Ford from a virtual source with an arc of length start[v] to every node: the
 * reference for exactPotentials (its distances, normalised to pi(R) = 0), or undefined when a
 * negative cycle keeps labels falling after n + 1 rounds.
 */
function referencePotentials(net: CirculationNetwork, start: Float64Array): Float64Array | undefined {
  const pi = Float64Array.from(start);
  for (let round = 0; round <= net.nodes + 1; round++) {
    let changed = false;
    for (let v = 0; v < net.nodes; v++) {
      for (let a = net.first[v]; a < net.first[v + 1]; a++) {
        if (net.rcap[a] > 0 && pi[v] + net.cost[a] < pi[net.head[a]]) {
          pi[net.head[a]] = pi[v] + net.cost[a];
          changed = true;
        }
      }
    }
    if (!changed) return pi.map((x) => x - pi[0]);
  }
  return undefined;
}

describe("the optimality proof (label correcting with subtree disassembly)", () => {
  test("gives plain Bellman-Ford's potentials, and finds a negative cycle exactly when there is one", () => {
    fc.assert(
      fc.property(fc.oneof(randomInstance(), surplusInstance()), fc.nat(), (instance, seed) => {
        const next = lcg(seed);
        for (const net of networks(instance)) {
          const solved = copy(net);
          expect(minCostCirculation(solved, new Workspace()).ok).toBe(true);
          // The zero flow (usually not optimal) and the solved one, from a random integer start.
          for (const flow of [net, solved]) {
            const start = Float64Array.from({ length: flow.nodes }, () => Math.floor(next() * 200) - 100);
            const expected = referencePotentials(flow, start);
            const got = exactPotentials(flow, start, Number.MAX_SAFE_INTEGER);
            expect(got === undefined).toBe(expected === undefined);
            if (got && expected) expect(Array.from(got)).toEqual(Array.from(expected));
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});
