import crypto from "node:crypto";
import { buildEdges, type EdgePosting, type EdgeStudent, type Instance, type ScoreWeights } from "../../matching";

/** What the database gives an allocation: profiles, capacities and bounds, before edges are scored. */
export interface AllocationProfiles {
  students: EdgeStudent[];
  postings: EdgePosting[];
  /** Remaining capacity per posting id, in the order of `postings`. */
  capacities: number[];
  enterprises: Instance["enterprises"];
  floorPenalty: number;
  weights: ScoreWeights;
  maxCandidatesPerStudent: number;
}

/** The allocation instance (FORMAT.md) of some profiles: edges scored by buildEdges. */
export function instanceFromProfiles(p: AllocationProfiles): Instance {
  return {
    version: 1,
    params: { floorPenalty: p.floorPenalty },
    students: p.students.map((s) => ({ id: s.id })),
    enterprises: p.enterprises,
    postings: p.postings.map((posting, i) => ({ id: posting.id, enterprise: posting.enterprise, capacity: p.capacities[i]! })),
    edges: buildEdges(p.students, p.postings, p.weights, { maxCandidatesPerStudent: p.maxCandidatesPerStudent }),
  };
}

/** SHA-256 of the instance's JSON, fed in slices so millions of edges never become one string. */
export function instanceHash(instance: Instance): string {
  const hash = crypto.createHash("sha256");
  const { edges, ...rest } = instance;
  hash.update(JSON.stringify(rest));
  for (let i = 0; i < edges.length; i += 10_000) hash.update(JSON.stringify(edges.slice(i, i + 10_000)));
  return hash.digest("hex");
}
