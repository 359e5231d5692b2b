import * as fc from "fast-check";
import { costMultiplier, minCostCirculation } from "../../matching/flow";
import { cancelNegativeCycle, exactPotentials, Workspace } from "../../matching/network";
import { randomInstance } from "./factories";
import { circulationCost, copy, networks, violations } from "./networks";

describe("the cost multiplier", () => {
  test("is nodes + 1 (1-optimal means optimal) while prices of that scale stay exact", () => {
    expect(costMultiplier(1_000, 100)).toBe(1_001);
    // The province instance that failed with "cost range 1000 too large ... on 1208880 nodes".
    expect(costMultiplier(1_208_880, 1_000)).toBe(1_208_881);
  });

  test("drops below nodes + 1 for huge cost ranges instead of refusing, and never below 1", () => {
    const m = costMultiplier(10_000_000, 2 ** 30);
    expect(m).toBeLessThan(10_000_001);
    expect(m * 2 ** 30 * 2 ** 16).toBeLessThanOrEqual(2 ** 51);
    expect(costMultiplier(10, 2 ** 50)).toBe(1);
  });
});

describe("the exact finish when the multiplier is below nodes + 1", () => {
  test("cancels the negative cycles a 1-optimal flow keeps and ends at the optimal cost, with certifying potentials", () => {
    let cancelled = 0;
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        for (const net of networks(instance)) {
          const exact = copy(net);
          const capped = copy(net);
          const reference = minCostCirculation(exact, new Workspace(), { reverse: false });
          const outcome = minCostCirculation(capped, new Workspace(), { reverse: false, maxMultiplier: 1 });
          expect(reference.ok && outcome.ok).toBe(true);
          if (!outcome.ok) return;
          cancelled += outcome.cyclesCancelled;
          expect(circulationCost(capped)).toBe(circulationCost(exact));
          expect(violations(capped, outcome.potentials)).toBe(0);
        }
      }),
      { numRuns: 150 },
    );
    // The path under test ran: some 1-optimal flows were not optimal.
    expect(cancelled).toBeGreaterThan(0);
  });

  test("one cancellation lowers the circulation's cost by a whole unit or more and keeps every capacity", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        for (const net of networks(instance)) {
          const flow = copy(net);
          const ws = new Workspace();
          const proof = { work: 0, cycleArc: -1 };
          const found = exactPotentials(flow, new Float64Array(flow.nodes), Number.MAX_SAFE_INTEGER, 1, ws, proof);
          if (found) continue; // the zero flow is optimal here (nothing worth placing)
          expect(proof.cycleArc).toBeGreaterThanOrEqual(0);
          const before = circulationCost(flow);
          expect(cancelNegativeCycle(flow, proof.cycleArc, ws)).toBeGreaterThanOrEqual(1);
          expect(circulationCost(flow)).toBeLessThanOrEqual(before - 1);
          for (let a = 0; a < flow.rcap.length; a++) {
            expect(flow.rcap[a]).toBeGreaterThanOrEqual(0);
            expect(flow.rcap[a] + flow.rcap[flow.rev[a]]).toBe(net.rcap[a] + net.rcap[net.rev[a]]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
