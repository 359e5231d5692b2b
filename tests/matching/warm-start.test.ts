import * as fc from "fast-check";
import { allocate, type Instance, type OptimalResult, type Result } from "../../matching";
import { randomInstance } from "./factories";
import { feasibilityProblems } from "./feasibility";

/** What changes between two runs of an allocation: offers declined, a capacity, a withdrawal. */
interface Change {
  declineEvery: number;
  posting: number;
  capacity: number;
  withdrawn: number;
  floorDelta: number;
}

const aChange: fc.Arbitrary<Change> = fc.record({
  declineEvery: fc.integer({ min: 1, max: 6 }),
  posting: fc.nat(),
  capacity: fc.constantFrom(0, 1, 2, 4, 9),
  withdrawn: fc.nat(),
  floorDelta: fc.integer({ min: -2, max: 2 }),
});

/** The instance after `change`: every declineEvery-th placement's edge gone, one posting resized, one student withdrawn, one floor moved. */
function changed(instance: Instance, result: OptimalResult, change: Change): Instance {
  const declined = new Set(result.placements.filter((_, i) => i % change.declineEvery === 0).map((p) => `${p.student}\u0000${p.posting}`));
  const gone = instance.students.length > 0 ? instance.students[change.withdrawn % instance.students.length].id : undefined;
  const resized = change.posting % instance.postings.length;
  const enterprise = instance.enterprises[change.withdrawn % instance.enterprises.length];
  return {
    ...instance,
    students: instance.students.filter((s) => s.id !== gone),
    postings: instance.postings.map((p, i) => (i === resized ? { ...p, capacity: change.capacity } : p)),
    enterprises: instance.enterprises.map((e) => (e === enterprise ? { ...e, minInterns: Math.max(0, Math.min(e.maxInterns, e.minInterns + change.floorDelta)) } : e)),
    edges: instance.edges.filter((e) => e.student !== gone && !declined.has(`${e.student}\u0000${e.posting}`)),
  };
}

function optimal(result: Result): OptimalResult {
  expect(result.status).toBe("OPTIMAL");
  if (result.status !== "OPTIMAL") throw new Error(JSON.stringify(result));
  return result;
}

describe("a warm-started re-solve", () => {
  test("after declined offers, a changed capacity and floor and a withdrawn student finds a cold solve's optimum, certified", () => {
    fc.assert(
      fc.property(randomInstance(), aChange, (instance, change) => {
        const first = optimal(allocate(instance, { duals: true, slotValues: false }));
        const next = changed(instance, first, change);
        const cold = optimal(allocate(next, { slotValues: false }));
        const warm = optimal(allocate(next, { warmStart: first, duals: true }));
        expect(warm.objective).toBe(cold.objective);
        expect(warm.stats.certified).toBe(true);
        expect(feasibilityProblems(next, warm)).toEqual([]);
        // The warm answer warm-starts the next run too.
        const again = optimal(allocate(changed(next, warm, { ...change, posting: change.posting + 1 }), { warmStart: warm, slotValues: false }));
        expect(again.objective).toBe(optimal(allocate(changed(next, warm, { ...change, posting: change.posting + 1 }), { slotValues: false })).objective);
      }),
      { numRuns: 120 },
    );
  });

  test("from the Result of an unrelated instance still finds the optimum (nothing in a warm start is trusted)", () => {
    fc.assert(
      fc.property(randomInstance(), randomInstance(), (instance, other) => {
        const stranger = optimal(allocate(other, { duals: true, slotValues: false }));
        const cold = optimal(allocate(instance, { slotValues: false }));
        expect(optimal(allocate(instance, { warmStart: stranger, slotValues: false })).objective).toBe(cold.objective);
      }),
      { numRuns: 80 },
    );
  });

  test("of an unchanged instance only checks the previous optimum (no refine phase, no relabel, no proof search)", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const first = optimal(allocate(instance, { duals: true, slotValues: false }));
        const again = optimal(allocate(instance, { warmStart: first, slotValues: false }));
        expect(again.objective).toBe(first.objective);
        expect(again.stats.relabels ?? 0).toBe(0);
        expect(again.stats.phases ?? 0).toBe(0);
        // Its prices are the proof: no label-correcting pass either.
        expect(again.stats.proofAttempts ?? 0).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  test("from a Result without duals is solved cold, with the same work as without it", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const first = optimal(allocate(instance, { slotValues: false }));
        const cold = optimal(allocate(instance, { slotValues: false }));
        const warm = optimal(allocate(instance, { warmStart: first, slotValues: false }));
        expect(warm.objective).toBe(cold.objective);
        expect(warm.stats.relabels).toBe(cold.stats.relabels);
      }),
      { numRuns: 30 },
    );
  });
});
