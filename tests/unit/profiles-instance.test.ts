/**
 * The worker's instance (server/solver/profiles-instance.ts): edges scored into
 * columns give the same instance, the same Result and a reproducible hash, as
 * the plain path (buildEdges objects through allocate's validator).
 */
import crypto from "node:crypto";
import { allocate, buildEdges, enterpriseBounds, DEFAULT_WEIGHTS, type EdgePosting, type EdgeStudent } from "../../matching";
import { instanceFromProfiles, type AllocationProfiles } from "../../server/solver/profiles-instance";
import { createRng } from "../../schema/rules/rng";

function profiles(seed: number, n: number): AllocationProfiles {
  const rng = createRng(seed);
  const majors = ["510201", "510202", "530701", "460301"];
  const districts = ["350582", "350503", "350203"];
  const students: EdgeStudent[] = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`, major: majors[rng.int(0, 3)]!, level: "HIGHER_VOCATIONAL", age: rng.int(15, 22), studyYear: rng.int(1, 3),
    homeDistrict: districts[rng.int(0, 2)]!, preferences: rng.int(0, 1) ? [`p${rng.int(0, n / 4)}`] : [],
  }));
  const postings: EdgePosting[] = Array.from({ length: Math.ceil(n / 4) }, (_, i) => ({
    id: `p${i}`, enterprise: `e${i % 5}`, kind: "INTERNSHIP", majors: [majors[rng.int(0, 3)]!.slice(0, rng.int(0, 1) ? 4 : 6)], levels: [], district: districts[rng.int(0, 2)]!, open: true,
  }));
  const enterprises = Array.from({ length: 5 }, (_, e) => ({ id: `e${e}`, ...enterpriseBounds({ headcount: 100 + 200 * e, aboveScale: e % 2 === 0 }, 0, { floorRate: 0.02, ceilingRate: 0.03, generalCeilingRate: 0.1 }) }));
  return { students, postings, capacities: postings.map((_, i) => 1 + (i % 3)), enterprises, floorPenalty: 1000, weights: DEFAULT_WEIGHTS, maxCandidatesPerStudent: 3 };
}

test.each([[1, 40], [2, 200], [3, 600]])("seed %i, %i students: same Result as the plain path, and the documented hash", (seed, n) => {
  const p = profiles(seed, n);
  const built = instanceFromProfiles(p);
  expect(built.outcome.ok).toBe(true);
  if (!built.outcome.ok) return;
  const lists = {
    version: 1, params: { floorPenalty: p.floorPenalty }, students: p.students.map((s) => ({ id: s.id })), enterprises: p.enterprises,
    postings: p.postings.map((posting, i) => ({ id: posting.id, enterprise: posting.enterprise, capacity: p.capacities[i]! })),
  };
  const edges = buildEdges(p.students, p.postings, p.weights, { maxCandidatesPerStudent: p.maxCandidatesPerStudent });
  expect(built.edges).toBe(edges.length);
  expect(edges.length).toBeGreaterThan(n / 2);
  const result = allocate(built.outcome.instance);
  expect(result.status).toBe("OPTIMAL");
  if (result.status === "OPTIMAL") expect(result.placements.length).toBeGreaterThan(n / 10);
  expect(result).toEqual(allocate({ ...lists, edges }));

  // The hash as documented, written out by hand: lists' JSON, then the three little-endian int32 columns.
  const index = (ids: { id: string }[]) => new Map(ids.map((x, i) => [x.id, i]));
  const studentIndex = index(lists.students);
  const postingIndex = index(lists.postings);
  const column = (value: (e: (typeof edges)[number]) => number) => {
    const bytes = Buffer.alloc(4 * edges.length);
    edges.forEach((e, i) => bytes.writeInt32LE(value(e), 4 * i));
    return bytes;
  };
  const expected = crypto.createHash("sha256").update(JSON.stringify(lists))
    .update(column((e) => studentIndex.get(e.student)!)).update(column((e) => postingIndex.get(e.posting)!)).update(column((e) => e.score))
    .digest("hex");
  expect(built.hash).toBe(expected);
});
