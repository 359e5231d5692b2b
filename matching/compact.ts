/**
 * Compact instances: an allocation instance already validated and held in typed arrays (ids
 * interned once, edges as student index / posting index / score columns). allocate() takes one
 * as it is, skipping validation; at 2,000,000 edges it is ~35 MB where the plain object
 * Instance is ~450 MB of edge objects and strings.
 *
 * Two ways in, both validating with the rules (and messages) of the plain path:
 * - parseInstanceJson: the instance's JSON text or UTF-8 bytes (files, request bodies);
 * - compactInstance: students, enterprises and postings as objects, edges as index columns
 *   (e.g. from buildCompactEdges), so millions of edges never become objects.
 */
import { readInstanceBytes, utf8Decoder } from "./instance-json";
import type { Instance, InstanceEdge, InstanceEnterprise, InstancePosting, InstanceStudent } from "./types";
import { groupCheckingPairs, MAX_MAGNITUDE, parseInstance, type ParsedInstance } from "./validate";

/**
 * A valid instance in columnar form. Only parseInstanceJson and compactInstance make one; its
 * arrays must not be modified afterwards (allocate trusts them).
 */
export class CompactInstance {
  /** @internal Use parseInstanceJson or compactInstance. */
  constructor(
    token: typeof MAKER,
    /** The validated, indexed instance (read-only by contract). */
    readonly data: ParsedInstance,
  ) {
    if (token !== MAKER) throw new TypeError("CompactInstance: use parseInstanceJson or compactInstance");
  }

  get students(): number {
    return this.data.studentIds.length;
  }

  get enterprises(): number {
    return this.data.enterpriseIds.length;
  }

  get postings(): number {
    return this.data.postingIds.length;
  }

  get edges(): number {
    return this.data.edgeStudent.length;
  }
}

const MAKER = Symbol("CompactInstance");

const SURROGATE = /[\ud800-\udfff]/;

export type CompactOutcome = { ok: true; instance: CompactInstance } | { ok: false; errors: string[] };

/** Whether `value` is a CompactInstance made by this module. */
export function isCompactInstance(value: unknown): value is CompactInstance {
  return value instanceof CompactInstance;
}

/**
 * Parses instance JSON (FORMAT.md), as a string or UTF-8 bytes, into a CompactInstance; never
 * throws. Valid instances take a streaming byte parser that never builds the edge objects;
 * anything it does not accept (invalid JSON, invalid instances) goes through JSON.parse and the
 * plain validator, so errors are exactly allocate()'s INVALID_INPUT messages, or
 * `instance: not valid JSON (...)` when the text is not JSON at all.
 */
export function parseInstanceJson(json: Uint8Array | string): CompactOutcome {
  // A string with surrogates (astral characters, or lone ones that UTF-8 would turn into U+FFFD
  // and so confuse with each other) goes straight to JSON.parse.
  const fast = typeof json !== "string" ? readInstanceBytes(json) : SURROGATE.test(json) ? undefined : readInstanceBytes(new TextEncoder().encode(json));
  if (fast) return { ok: true, instance: new CompactInstance(MAKER, fast) };
  let value: unknown;
  try {
    value = JSON.parse(typeof json === "string" ? json : utf8Decoder.decode(json));
  } catch (error) {
    return { ok: false, errors: [`instance: not valid JSON (${(error as Error).message})`] };
  }
  const parsed = parseInstance(value);
  return parsed.ok ? { ok: true, instance: new CompactInstance(MAKER, parsed.instance) } : parsed;
}

/** Edges as columns: edge i joins students[student[i]] and postings[posting[i]] with score[i]. */
export interface CompactEdges {
  student: Int32Array;
  posting: Int32Array;
  score: Float64Array | Int32Array;
}

/** compactInstance's input: FORMAT.md's lists, except edges as index columns. */
export interface CompactInstanceInput {
  floorPenalty: number;
  students: readonly InstanceStudent[];
  enterprises: readonly InstanceEnterprise[];
  postings: readonly InstancePosting[];
  edges: CompactEdges;
}

/**
 * Validates an instance whose edges are index columns and makes it a CompactInstance; never
 * throws. Students, enterprises and postings are checked by the plain validator; edges by the
 * same rules, with the same messages (an index outside its list is reported as such).
 */
export function compactInstance(input: CompactInstanceInput): CompactOutcome {
  const { student, posting, score } = input.edges;
  const lists = parseInstance({ version: 1, params: { floorPenalty: input.floorPenalty }, students: input.students, enterprises: input.enterprises, postings: input.postings, edges: [] });
  if (!lists.ok) return lists;
  const data = lists.instance;
  const nS = data.studentIds.length;
  const nP = data.postingIds.length;
  const m = student.length;
  if (posting.length !== m || score.length !== m) return { ok: false, errors: [`edges: columns of different lengths (student ${m}, posting ${posting.length}, score ${score.length})`] };
  const errors: string[] = [];
  let valid = true;
  for (let i = 0; i < m; i++) {
    const s = student[i];
    const p = posting[i];
    if (s < 0 || s >= nS || p < 0 || p >= nP) {
      if (errors.length < 100) errors.push(`edges[${i}]: ${s < 0 || s >= nS ? `student index ${s}` : `posting index ${p}`} is outside its list`);
      continue;
    }
    const x = score[i];
    if (!Number.isInteger(x) || Math.abs(x) > MAX_MAGNITUDE) valid = false;
  }
  if (errors.length > 0) return { ok: false, errors };
  const edgeStudent = Int32Array.from(student);
  const edgePosting = Int32Array.from(posting);
  const grouping = valid ? groupCheckingPairs(edgeStudent, edgePosting, nS, nP, () => false) : undefined;
  if (!grouping) {
    // Some edge breaks a rule: the plain validator on the edges as objects words the messages.
    const edges: InstanceEdge[] = Array.from(edgeStudent, (s, i) => ({ student: data.studentIds[s], posting: data.postingIds[edgePosting[i]], score: score[i] }));
    const outcome = parseInstance({ version: 1, params: { floorPenalty: input.floorPenalty }, students: input.students, enterprises: input.enterprises, postings: input.postings, edges });
    return outcome.ok ? { ok: false, errors: ["edges: inconsistent validation (a defect)"] } : outcome;
  }
  data.edgeStudent = edgeStudent;
  data.edgePosting = edgePosting;
  data.edgeScore = Float64Array.from(score);
  data.studentEdgeStart = grouping.start;
  data.studentEdgeOrder = grouping.order;
  return { ok: true, instance: new CompactInstance(MAKER, data) };
}

/** The plain object Instance of a compact one (for storing or hashing it; builds every edge object). */
export function instanceOfCompact(compact: CompactInstance): Instance {
  const d = compact.data;
  return {
    version: 1,
    params: { floorPenalty: d.floorPenalty },
    students: d.studentIds.map((id, s) => (d.studentMax[s] === 1 ? { id } : { id, maxPlacements: d.studentMax[s] })),
    enterprises: d.enterpriseIds.map((id, e) => ({ id, minInterns: d.enterpriseMin[e], maxInterns: d.enterpriseMax[e] })),
    postings: d.postingIds.map((id, p) => ({ id, enterprise: d.enterpriseIds[d.postingEnterprise[p]], capacity: d.postingCapacity[p] })),
    edges: Array.from(d.edgeStudent, (s, i) => ({ student: d.studentIds[s], posting: d.postingIds[d.edgePosting[i]], score: d.edgeScore[i] })),
  };
}
