import crypto from "node:crypto";
import { buildCompactEdges, compactInstance, type CompactEdges, type CompactOutcome, type EdgePosting, type EdgeStudent, type Instance, type ScoreWeights } from "../../matching";

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

export interface BuiltInstance {
  /** The validated compact instance, or the INVALID_INPUT messages. */
  outcome: CompactOutcome;
  /** See `instanceHash`. */
  hash: string;
  edges: number;
}

/**
 * The allocation instance (FORMAT.md) of some profiles, edges scored by
 * buildEdges' rules straight into index columns: at city scale (3,000,000
 * edges) no edge ever becomes an object.
 */
export function instanceFromProfiles(p: AllocationProfiles): BuiltInstance {
  const students = p.students.map((s) => ({ id: s.id }));
  const postings = p.postings.map((posting, i) => ({ id: posting.id, enterprise: posting.enterprise, capacity: p.capacities[i]! }));
  const edges = buildCompactEdges(p.students, p.postings, p.weights, { maxCandidatesPerStudent: p.maxCandidatesPerStudent });
  const lists = { version: 1 as const, params: { floorPenalty: p.floorPenalty }, students, enterprises: p.enterprises, postings };
  const outcome = compactInstance({ floorPenalty: p.floorPenalty, students, enterprises: p.enterprises, postings, edges });
  return { outcome, hash: instanceHash(lists, edges), edges: edges.student.length };
}

/**
 * The run's instance hash: SHA-256 of the JSON of the instance without its
 * edges (`{version, params, students, enterprises, postings}`), followed by
 * the edges as three columns of little-endian 32-bit integers: every edge's
 * student index, then posting index, then score (indexes into the lists).
 * Equal instances hash equal; hashing 3,000,000 edges takes ~20 ms where their
 * JSON took over a second.
 */
export function instanceHash(lists: Omit<Instance, "edges">, edges: CompactEdges): string {
  const hash = crypto.createHash("sha256");
  hash.update(JSON.stringify(lists));
  for (const column of [edges.student, edges.posting, Int32Array.from(edges.score)]) {
    hash.update(Buffer.from(column.buffer, column.byteOffset, column.byteLength));
  }
  return hash.digest("hex");
}
