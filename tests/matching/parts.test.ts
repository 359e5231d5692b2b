import * as fc from "fast-check";
import { allocate, solvePart, type Instance, type PartOutcome, type PartRunner, type PartTask } from "../../matching";
import { splitInstance } from "../../matching/parts";
import { parseInstance } from "../../matching/validate";
import { lcg, randomInstance, withoutStats } from "./factories";

/** Several random instances side by side (ids prefixed), their edges shuffled together. */
function disjointUnion(): fc.Arbitrary<Instance> {
  return fc.tuple(fc.array(randomInstance({ maxStudents: 25 }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.constantFrom(0, 50, 1000)).map(([pieces, seed, floorPenalty]) => {
    const next = lcg(seed);
    const union: Instance = { version: 1, params: { floorPenalty }, students: [], enterprises: [], postings: [], edges: [] };
    pieces.forEach((piece, k) => {
      const id = (x: string): string => `${k}-${x}`;
      union.students.push(...piece.students.map((s) => ({ ...s, id: id(s.id) })));
      union.enterprises.push(...piece.enterprises.map((e) => ({ ...e, id: id(e.id) })));
      union.postings.push(...piece.postings.map((p) => ({ ...p, id: id(p.id), enterprise: id(p.enterprise) })));
      union.edges.push(...piece.edges.map((e) => ({ ...e, student: id(e.student), posting: id(e.posting) })));
    });
    // Shuffled edges: parts must keep the whole instance's order whatever it is.
    if (next() < 0.5) union.edges.sort(() => next() - 0.5);
    return union;
  });
}

/** Solves the parts right here, in order (or fails the chosen ones, which allocate then solves itself). */
function inlineRunner(threads: number, failing: (k: number) => boolean = () => false): PartRunner & { tasks: PartTask[] } {
  const tasks: PartTask[] = [];
  return {
    threads,
    minEdges: 0,
    tasks,
    start(given: PartTask[]) {
      tasks.push(...given);
      const outcomes: PartOutcome[] = given.map((task, k) => (failing(k) ? { ok: false, message: "thread lost" } : solvePart(task)));
      return { wait: () => outcomes };
    },
  };
}


describe("solving an instance's components in parts", () => {
  test("gives the same Result as the one-piece solve: placements, reasons, enterprises and slot values", () => {
    fc.assert(
      fc.property(disjointUnion(), fc.integer({ min: 2, max: 4 }), fc.boolean(), (instance, threads, failSome) => {
        const whole = allocate(instance);
        const runner = inlineRunner(threads, (k) => failSome && k % 2 === 0);
        const shared = allocate(instance, { parts: runner });
        expect(withoutStats(shared)).toEqual(withoutStats(whole));
      }),
      { numRuns: 150 },
    );
  });

  test("splits into parts that hold every student, posting, enterprise and edge exactly once", () => {
    fc.assert(
      fc.property(disjointUnion(), fc.integer({ min: 2, max: 4 }), (instance, count) => {
        const parsed = parseInstance(instance);
        if (!parsed.ok) throw new Error(parsed.errors.join());
        const data = parsed.instance;
        const split = splitInstance(data, count, 0);
        if (!split) return;
        const { maps } = split;
        expect(split.parts.length).toBeLessThanOrEqual(count);
        const seen = (pick: (m: (typeof maps)[number]) => Int32Array, total: number): void => {
          const all = maps.flatMap((m) => Array.from(pick(m))).sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: total }, (_, i) => i));
        };
        seen((m) => m.students, data.studentIds.length);
        seen((m) => m.postings, data.postingIds.length);
        seen((m) => m.enterprises, data.enterpriseIds.length);
        seen((m) => m.edges, data.edgeStudent.length);
        split.parts.forEach((part, k) => {
          const map = split.maps[k];
          // Each edge keeps its student, posting and score; each posting its enterprise.
          for (let i = 0; i < part.edgeStudent.length; i++) {
            const e = map.edges[i];
            expect(map.students[part.edgeStudent[i]]).toBe(data.edgeStudent[e]);
            expect(map.postings[part.edgePosting[i]]).toBe(data.edgePosting[e]);
            expect(part.edgeScore[i]).toBe(data.edgeScore[e]);
          }
          for (let p = 0; p < part.postingIds.length; p++) expect(map.enterprises[part.postingEnterprise[p]]).toBe(data.postingEnterprise[map.postings[p]]);
        });
      }),
      { numRuns: 100 },
    );
  });

  test("solves a single component, a small instance, or the LP in one piece", () => {
    const one: Instance = {
      version: 1,
      params: { floorPenalty: 0 },
      students: [{ id: "s1" }, { id: "s2" }],
      enterprises: [{ id: "e", minInterns: 0, maxInterns: 2 }],
      postings: [{ id: "p", enterprise: "e", capacity: 2 }],
      edges: [{ student: "s1", posting: "p", score: 3 }, { student: "s2", posting: "p", score: 4 }],
    };
    const runner = inlineRunner(2);
    expect(allocate(one, { parts: runner })).toMatchObject({ status: "OPTIMAL", objective: 7 });
    const two: Instance = { ...one, enterprises: [...one.enterprises, { id: "f", minInterns: 0, maxInterns: 1 }], postings: [...one.postings, { id: "q", enterprise: "f", capacity: 1 }], students: [...one.students, { id: "s3" }], edges: [...one.edges, { student: "s3", posting: "q", score: 1 }] };
    expect(allocate(two, { parts: { ...runner, minEdges: 100 } })).toMatchObject({ status: "OPTIMAL", objective: 8 });
    expect(allocate(two, { parts: runner, solver: "lp" })).toMatchObject({ status: "OPTIMAL", objective: 8 });
    expect(runner.tasks).toHaveLength(0);
    expect(allocate(two, { parts: runner })).toMatchObject({ status: "OPTIMAL", objective: 8, stats: { threads: 2 } });
    expect(runner.tasks).toHaveLength(1);
  });
});
