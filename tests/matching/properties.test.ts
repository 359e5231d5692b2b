import * as fc from "fast-check";
import { allocate, type Instance } from "../../matching";
import { feasibilityProblems } from "./feasibility";
import { randomInstance } from "./factories";

describe("on random instances of up to 60 students", () => {
  test("the flow solver's objective equals the reference LP's", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const flow = allocate(instance, { solver: "flow", slotValues: false });
        const lp = allocate(instance, { solver: "lp", slotValues: false });
        expect(flow.status).toBe("OPTIMAL");
        expect(lp.status).toBe("OPTIMAL");
        if (flow.status !== "OPTIMAL" || lp.status !== "OPTIMAL") return;
        expect(flow.objective).toBeCloseTo(lp.stats.lpObjective as number, 6);
        expect(flow.objective).toBe(lp.objective);
      }),
      { numRuns: 60 },
    );
  });

  test("every result is feasible and reports the objective recomputed from its placements", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const result = allocate(instance);
        expect(feasibilityProblems(instance, result)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("malformed instances give INVALID_INPUT with messages and never throw", () => {
    const corruptions: Array<(instance: Instance) => unknown> = [
      (i) => ({ ...i, version: 2 }),
      (i) => ({ ...i, students: undefined }),
      (i) => ({ ...i, params: { floorPenalty: -1 } }),
      (i) => ({ ...i, params: { floorPenalty: Number.NaN } }),
      (i) => ({ ...i, enterprises: [...i.enterprises, { id: "bad", minInterns: 3, maxInterns: 2 }] }),
      (i) => ({ ...i, enterprises: [...i.enterprises, i.enterprises[0]] }),
      (i) => ({ ...i, postings: [...i.postings, { id: "px", enterprise: "nowhere", capacity: 1 }] }),
      (i) => ({ ...i, postings: [...i.postings, { id: "py", enterprise: i.enterprises[0].id, capacity: -1 }] }),
      (i) => ({ ...i, edges: [...i.edges, { student: "ghost", posting: i.postings[0].id, score: 1 }] }),
      (i) => ({ ...i, students: [...i.students, { id: "sx" }], edges: [...i.edges, { student: "sx", posting: i.postings[0].id, score: 1.5 }] }),
      (i) => ({ ...i, students: [...i.students, { id: "sy" }], edges: [...i.edges, { student: "sy", posting: i.postings[0].id, score: 1 }, { student: "sy", posting: i.postings[0].id, score: 2 }] }),
      (i) => ({ ...i, students: [...i.students, { id: "sz", maxPlacements: Infinity }] }),
      () => null,
      () => "instance",
      () => [],
    ];
    fc.assert(
      fc.property(randomInstance({ maxStudents: 10 }), fc.nat(corruptions.length - 1), (instance, k) => {
        const result = allocate(corruptions[k](instance));
        expect(result.status).toBe("INVALID_INPUT");
        if (result.status === "INVALID_INPUT") expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  test("arbitrary JSON values never make allocate throw", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = allocate(value);
        expect(["INVALID_INPUT", "OPTIMAL"]).toContain(result.status);
      }),
      { numRuns: 200 },
    );
  });
});
