/** Small factories for allocation test data. */
import * as fc from "fast-check";
import type { EdgePosting, EdgeStudent, Instance } from "../../matching";

/** An instance from compact parts; ids are whatever the caller writes. */
export function anInstance(parts: Partial<Instance> & { floorPenalty?: number } = {}): Instance {
  return {
    version: 1,
    params: { floorPenalty: parts.floorPenalty ?? parts.params?.floorPenalty ?? 1000 },
    students: parts.students ?? [],
    enterprises: parts.enterprises ?? [],
    postings: parts.postings ?? [],
    edges: parts.edges ?? [],
  };
}

/** A student eligible by default for anEdgePosting(): second year, 19, major 460104 in Licheng. */
export function anEdgeStudent(overrides: Partial<EdgeStudent> = {}): EdgeStudent {
  return { id: "s1", major: "460104", level: "HIGHER_VOCATIONAL", age: 19, studyYear: 2, homeDistrict: "350502", preferences: [], ...overrides };
}

/** An open internship posting accepting major 460104, all levels, outside the student's district. */
export function anEdgePosting(overrides: Partial<EdgePosting> = {}): EdgePosting {
  return { id: "p1", enterprise: "e1", kind: "INTERNSHIP", majors: ["460104"], levels: [], district: "350582", open: true, ...overrides };
}

export interface RandomInstanceOptions {
  maxStudents?: number;
}

/**
 * Random valid instances of up to 60 students: floors, zero capacities, negative scores,
 * maxPlacements 0 and 2, floorPenalty 0, fractional and very large.
 */
/** A seeded linear congruential generator of numbers in [0, 1), for drawing edges from one fast-check seed. */
export function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

/** Enterprises e0, e1, ... with min and min + extra interns, and postings p0, p1, ... spread over them. */
export function enterprisesAndPostings(enterprises: { min: number; extra: number }[], postings: { enterprise: number; capacity: number }[]) {
  const listed = enterprises.map((e, i) => ({ id: `e${i}`, minInterns: e.min, maxInterns: e.min + e.extra }));
  return { enterprises: listed, postings: postings.map((p, i) => ({ id: `p${i}`, enterprise: `e${p.enterprise % listed.length}`, capacity: p.capacity })) };
}

export function randomInstance(options: RandomInstanceOptions = {}): fc.Arbitrary<Instance> {
  const maxStudents = options.maxStudents ?? 60;
  return fc
    .record({
      students: fc.array(fc.constantFrom(undefined, 0, 1, 1, 1, 2), { minLength: 0, maxLength: maxStudents }),
      enterprises: fc.array(fc.record({ min: fc.nat(6), extra: fc.nat(6) }), { minLength: 1, maxLength: 6 }),
      postings: fc.array(fc.record({ enterprise: fc.nat(), capacity: fc.constantFrom(0, 1, 2, 3, 5, 8) }), { minLength: 1, maxLength: 12 }),
      edgeDensity: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
      scores: fc.array(fc.integer({ min: -20, max: 100 }), { minLength: 64, maxLength: 64 }),
      seed: fc.nat(),
      floorPenalty: fc.constantFrom(0, 1, 7, 50, 1000, 2.5, 1e9),
    })
    .map((r) => {
      const next = lcg(r.seed);
      const { enterprises, postings } = enterprisesAndPostings(r.enterprises, r.postings);
      const students = r.students.map((max, i) => (max === undefined ? { id: `s${i}` } : { id: `s${i}`, maxPlacements: max }));
      const edges: Instance["edges"] = [];
      let k = 0;
      for (const s of students) {
        for (const p of postings) {
          if (next() < r.edgeDensity) edges.push({ student: s.id, posting: p.id, score: r.scores[k++ % r.scores.length] });
        }
      }
      return anInstance({ floorPenalty: r.floorPenalty, students, enterprises, postings, edges });
    });
}
