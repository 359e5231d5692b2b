import * as fc from "fast-check";
import { allocate, type Instance, type OptimalResult } from "../../matching";
import { anInstance, randomInstance } from "./factories";

function solve(instance: Instance): OptimalResult {
  const result = allocate(instance);
  if (result.status !== "OPTIMAL") throw new Error(JSON.stringify(result));
  return result;
}

function reasonOf(result: OptimalResult, student: string): string | undefined {
  return result.unplaced.find((u) => u.student === student)?.reason;
}

describe("unplaced reasons", () => {
  test("a student without edges has NO_ELIGIBLE_POSTING", () => {
    const result = solve(anInstance({ students: [{ id: "alone" }] }));
    expect(reasonOf(result, "alone")).toBe("NO_ELIGIBLE_POSTING");
  });

  test("a student asking for no placement has MAX_PLACEMENTS_ZERO", () => {
    const result = solve(
      anInstance({
        students: [{ id: "s", maxPlacements: 0 }],
        enterprises: [{ id: "e", minInterns: 0, maxInterns: 1 }],
        postings: [{ id: "p", enterprise: "e", capacity: 1 }],
        edges: [{ student: "s", posting: "p", score: 5 }],
      }),
    );
    expect(reasonOf(result, "s")).toBe("MAX_PLACEMENTS_ZERO");
  });

  test("a student beaten to the only seat is OUTCOMPETED", () => {
    const result = solve(
      anInstance({
        students: [{ id: "weak" }, { id: "strong" }],
        enterprises: [{ id: "e", minInterns: 0, maxInterns: 5 }],
        postings: [{ id: "p", enterprise: "e", capacity: 1 }],
        edges: [
          { student: "weak", posting: "p", score: 1 },
          { student: "strong", posting: "p", score: 9 },
        ],
      }),
    );
    expect(reasonOf(result, "weak")).toBe("OUTCOMPETED");
    expect(reasonOf(result, "strong")).toBeUndefined();
  });

  test("an enterprise ceiling that is reached also outcompetes", () => {
    const result = solve(
      anInstance({
        students: [{ id: "a" }, { id: "b" }],
        enterprises: [{ id: "e", minInterns: 0, maxInterns: 1 }],
        postings: [{ id: "p", enterprise: "e", capacity: 1 }, { id: "q", enterprise: "e", capacity: 1 }],
        edges: [
          { student: "a", posting: "p", score: 9 },
          { student: "b", posting: "q", score: 2 },
        ],
      }),
    );
    expect(reasonOf(result, "b")).toBe("OUTCOMPETED");
  });

  test("a student with only negative scores and no floor to fill has NEGATIVE_SCORE_ONLY", () => {
    const result = solve(
      anInstance({
        students: [{ id: "s" }],
        enterprises: [{ id: "e", minInterns: 0, maxInterns: 1 }],
        postings: [{ id: "p", enterprise: "e", capacity: 1 }],
        edges: [{ student: "s", posting: "p", score: -3 }],
      }),
    );
    expect(reasonOf(result, "s")).toBe("NEGATIVE_SCORE_ONLY");
  });

  test("a negative score is accepted when it fills a floor worth more", () => {
    const result = solve(
      anInstance({
        floorPenalty: 10,
        students: [{ id: "s" }],
        enterprises: [{ id: "e", minInterns: 1, maxInterns: 1 }],
        postings: [{ id: "p", enterprise: "e", capacity: 1 }],
        edges: [{ student: "s", posting: "p", score: -3 }],
      }),
    );
    expect(result.objective).toBe(-3);
    expect(result.unplaced).toEqual([]);
  });

  test("postings with no seats give NO_CAPACITY", () => {
    const result = solve(
      anInstance({
        students: [{ id: "s" }],
        enterprises: [{ id: "e", minInterns: 0, maxInterns: 3 }],
        postings: [{ id: "p", enterprise: "e", capacity: 0 }],
        edges: [{ student: "s", posting: "p", score: 3 }],
      }),
    );
    expect(reasonOf(result, "s")).toBe("NO_CAPACITY");
  });

  test("an enterprise that cannot reach its floor reports the shortfall", () => {
    const result = solve(
      anInstance({
        floorPenalty: 100,
        students: [{ id: "s" }],
        enterprises: [{ id: "e", minInterns: 3, maxInterns: 4 }],
        postings: [{ id: "p", enterprise: "e", capacity: 4 }],
        edges: [{ student: "s", posting: "p", score: 7 }],
      }),
    );
    expect(result.enterprises).toEqual([{ id: "e", minInterns: 3, maxInterns: 4, placed: 1, shortfall: 2 }]);
    expect(result.objective).toBe(7 - 200);
  });
});

describe("marginal values of capacity", () => {
  const withPosting = (instance: Instance, posting: string, delta: number): Instance => ({
    ...instance,
    postings: instance.postings.map((p) => (p.id === posting ? { ...p, capacity: p.capacity + delta } : p)),
  });
  const withCeiling = (instance: Instance, enterprise: string, delta: number): Instance => ({
    ...instance,
    enterprises: instance.enterprises.map((e) => (e.id === enterprise ? { ...e, maxInterns: e.maxInterns + delta } : e)),
  });

  test("one more seat is worth the best displaced student's score", () => {
    const result = solve(
      anInstance({
        students: [{ id: "a" }, { id: "b" }],
        enterprises: [{ id: "e", minInterns: 0, maxInterns: 5 }],
        postings: [{ id: "p", enterprise: "e", capacity: 1 }],
        edges: [
          { student: "a", posting: "p", score: 9 },
          { student: "b", posting: "p", score: 4 },
        ],
      }),
    );
    expect(result.postingSlotValues).toEqual([{ posting: "p", value: 4, exact: true }]);
  });

  test("equal the objective gain of re-solving with capacity + 1, for every posting and enterprise", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 20 }), (instance) => {
        const base = solve(instance);
        for (const value of base.postingSlotValues ?? []) {
          expect(value.exact).toBe(true);
          const more = solve(withPosting(instance, value.posting, 1));
          expect(value.value).toBeCloseTo(more.objective - base.objective, 6);
        }
        for (const value of base.enterpriseCeilingValues ?? []) {
          const more = solve(withCeiling(instance, value.enterprise, 1));
          expect(value.value).toBeCloseTo(more.objective - base.objective, 6);
        }
      }),
      { numRuns: 40 },
    );
  });
});
