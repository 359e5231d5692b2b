import * as fc from "fast-check";
import { allocate, type Instance, type OptimalResult } from "../../matching";
import { anInstance, randomInstance } from "./factories";

/**
 * Brute-force blocking pairs: every (student, posting) edge not in the placement where the student
 * gives up less than the edge's score (a free placement counts 0, a student with maxPlacements 0
 * never blocks) and so does the posting (a free seat counts 0; none at all: it cannot take anyone).
 */
function bruteForceBlocking(instance: Instance, result: OptimalResult): number {
  const placed = (student: string) => result.placements.filter((x) => x.student === student);
  const holders = (posting: string) => result.placements.filter((x) => x.posting === posting);
  let count = 0;
  for (const edge of instance.edges) {
    if (result.placements.some((x) => x.student === edge.student && x.posting === edge.posting)) continue;
    const student = instance.students.find((s) => s.id === edge.student)!;
    const max = student.maxPlacements ?? 1;
    const mine = placed(student.id);
    const studentGivesUp = mine.length < max ? 0 : mine.length === 0 ? Infinity : Math.min(...mine.map((x) => x.score));
    const posting = instance.postings.find((p) => p.id === edge.posting)!;
    const enterprise = result.enterprises.find((e) => e.id === posting.enterprise)!;
    const held = holders(posting.id);
    const seatFree = held.length < posting.capacity && enterprise.placed < enterprise.maxInterns;
    const postingGivesUp = seatFree ? 0 : held.length === 0 ? Infinity : Math.min(...held.map((x) => x.score));
    if (edge.score > studentGivesUp && edge.score > postingGivesUp) count++;
  }
  return count;
}

/** Brute-force justified envy: s and t of one school, t holds p, s has an edge to p it would take, scoring above t's. */
function bruteForceEnvy(instance: Instance, result: OptimalResult, school: (id: string) => string | undefined): number {
  let count = 0;
  for (const edge of instance.edges) {
    if (result.placements.some((x) => x.student === edge.student && x.posting === edge.posting)) continue;
    const student = instance.students.find((s) => s.id === edge.student)!;
    const mine = result.placements.filter((x) => x.student === student.id);
    const givesUp = mine.length < (student.maxPlacements ?? 1) ? 0 : mine.length === 0 ? Infinity : Math.min(...mine.map((x) => x.score));
    if (!(edge.score > givesUp) || school(student.id) === undefined) continue;
    for (const holder of result.placements.filter((x) => x.posting === edge.posting)) {
      if (holder.student !== student.id && school(holder.student) === school(student.id) && edge.score > holder.score) count++;
    }
  }
  return count;
}

describe("stability diagnostics", () => {
  test("blocking pairs and envy counts equal a brute-force count on random instances", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 30 }), fc.integer({ min: 1, max: 4 }), (instance, schools) => {
        const school = (id: string): string | undefined => (Number(id.slice(1)) % (schools + 1) === schools ? undefined : `school-${Number(id.slice(1)) % (schools + 1)}`);
        const studentSchools = new Map(instance.students.flatMap((s) => (school(s.id) === undefined ? [] : [[s.id, school(s.id)!] as [string, string]])));
        const result = allocate(instance, { studentSchools, slotValues: false, stabilityListLimit: 1000 });
        expect(result.status).toBe("OPTIMAL");
        if (result.status !== "OPTIMAL") return;
        expect(result.stability!.blockingPairs).toBe(bruteForceBlocking(instance, result));
        expect(result.stability!.blocking.length).toBe(result.stability!.blockingPairs);
        expect(result.stability!.envyPairs).toBe(bruteForceEnvy(instance, result, school));
        expect(result.stability!.envy.length).toBe(result.stability!.envyPairs);
      }),
      { numRuns: 150 },
    );
  });

  test("a floor that pulls a student away from its favourite posting leaves a blocking pair, listed with what each side holds", () => {
    // s1 scores p-big 90 and p-floor 10; e-floor must get one intern (penalty 1000), and only s1 can go there.
    const instance = anInstance({
      floorPenalty: 1000,
      students: [{ id: "s1" }],
      enterprises: [
        { id: "e-big", minInterns: 0, maxInterns: 5 },
        { id: "e-floor", minInterns: 1, maxInterns: 1 },
      ],
      postings: [
        { id: "p-big", enterprise: "e-big", capacity: 5 },
        { id: "p-floor", enterprise: "e-floor", capacity: 1 },
      ],
      edges: [
        { student: "s1", posting: "p-big", score: 90 },
        { student: "s1", posting: "p-floor", score: 10 },
      ],
    });
    const result = allocate(instance);
    expect(result.status).toBe("OPTIMAL");
    if (result.status !== "OPTIMAL") return;
    expect(result.placements.map((x) => x.posting)).toEqual(["p-floor"]);
    expect(result.stability).toEqual({
      blockingPairs: 1,
      blockingStudents: 1,
      blocking: [{ student: "s1", posting: "p-big", score: 90, studentWorst: 10, postingWorst: null }],
      envyPairs: 0,
      envy: [],
    });
  });

  test("a student who would take the posting a schoolmate got with a lower score reports envy; across schools it does not", () => {
    // The optimum gives p1 to s2 (40) and p2 to s1 (45): 85, against 50 for s1 on p1 alone.
    // s1 would rather have p1 (50 > 45) and scores it above s2 (50 > 40).
    const instance = anInstance({
      floorPenalty: 0,
      students: [{ id: "s1" }, { id: "s2" }],
      enterprises: [{ id: "e1", minInterns: 0, maxInterns: 2 }],
      postings: [
        { id: "p1", enterprise: "e1", capacity: 1 },
        { id: "p2", enterprise: "e1", capacity: 1 },
      ],
      edges: [
        { student: "s1", posting: "p1", score: 50 },
        { student: "s1", posting: "p2", score: 45 },
        { student: "s2", posting: "p1", score: 40 },
      ],
    });
    const sameSchool = allocate(instance, { studentSchools: { s1: "A", s2: "A" } });
    expect(sameSchool.status === "OPTIMAL" && sameSchool.objective).toBe(85);
    if (sameSchool.status !== "OPTIMAL") return;
    expect(sameSchool.stability!.envy).toEqual([{ school: "A", student: "s1", envied: "s2", posting: "p1", score: 50, enviedScore: 40 }]);
    expect(sameSchool.stability!.blockingPairs).toBe(1);
    const otherSchools = allocate(instance, { studentSchools: new Map([["s1", "A"], ["s2", "B"]]) });
    expect(otherSchools.status === "OPTIMAL" && otherSchools.stability!.envyPairs).toBe(0);
    const noSchools = allocate(instance, { stability: false });
    expect(noSchools.status === "OPTIMAL" && noSchools.stability).toBeUndefined();
  });
});
