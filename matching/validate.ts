/**
 * Shape and rule checks for an allocation instance (FORMAT.md), done on `unknown`
 * JSON so that nothing a caller sends can make the solver throw. A valid instance
 * comes out indexed into typed arrays, the form every solver in matching/ reads.
 */

/** An instance after validation: ids mapped to indices, numbers in typed arrays. */
export interface ParsedInstance {
  floorPenalty: number;
  studentIds: string[];
  postingIds: string[];
  enterpriseIds: string[];
  /** Per student: maxPlacements (default 1). */
  studentMax: Float64Array;
  /** Per posting: capacity and enterprise index. */
  postingCapacity: Float64Array;
  postingEnterprise: Int32Array;
  /** Per enterprise. */
  enterpriseMin: Float64Array;
  enterpriseMax: Float64Array;
  /** Per edge, in input order. */
  edgeStudent: Int32Array;
  edgePosting: Int32Array;
  edgeScore: Float64Array;
  /**
   * Edges grouped by student, each group in input order: student s's edges are order[k] for k in
   * studentEdgeStart[s] .. studentEdgeStart[s + 1] - 1, where order is `studentEdgeOrder`, or the
   * identity when that is undefined (the input lists edges sorted by student, the usual case,
   * which saves an edge-sized array). Set by parseInstance; `studentEdges()` fills it in otherwise.
   */
  studentEdgeStart?: Int32Array;
  studentEdgeOrder?: Int32Array;
}

/** The student grouping of a parsed instance's edges (see ParsedInstance.studentEdgeStart). */
export function studentEdges(instance: ParsedInstance): { start: Int32Array; order: Int32Array | undefined } {
  if (instance.studentEdgeStart === undefined) {
    const grouped = groupByStudent(instance.edgeStudent, instance.studentIds.length);
    instance.studentEdgeStart = grouped.start;
    instance.studentEdgeOrder = grouped.order;
  }
  return { start: instance.studentEdgeStart, order: instance.studentEdgeOrder };
}

function groupByStudent(edgeStudent: Int32Array, nS: number): { start: Int32Array; order: Int32Array | undefined } {
  const m = edgeStudent.length;
  const start = new Int32Array(nS + 1);
  let sorted = true;
  for (let i = 0; i < m; i++) {
    start[edgeStudent[i] + 1]++;
    if (i > 0 && edgeStudent[i] < edgeStudent[i - 1]) sorted = false;
  }
  for (let s = 0; s < nS; s++) start[s + 1] += start[s];
  if (sorted) return { start, order: undefined };
  const fill = start.slice(0, nS);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[fill[edgeStudent[i]]++] = i;
  return { start, order };
}

/**
 * Groups valid edges by student (see ParsedInstance.studentEdgeStart) and finds duplicate
 * (student, posting) pairs: `duplicate(i, s, p, firstEdge)` is called for each repeat, edge i
 * repeating edges[firstEdge]; it returns whether to go on. Returns undefined when it stopped.
 */
export function groupCheckingPairs(
  edgeStudent: Int32Array,
  edgePosting: Int32Array,
  nS: number,
  nP: number,
  duplicate: (i: number, s: number, p: number, firstEdge: number) => boolean,
): { start: Int32Array; order: Int32Array | undefined } | undefined {
  const grouping = groupByStudent(edgeStudent, nS);
  const { start, order } = grouping;
  const seenBy = new Int32Array(nP).fill(-1);
  const firstEdge = new Int32Array(nP);
  for (let s = 0; s < nS; s++) {
    for (let k = start[s]; k < start[s + 1]; k++) {
      const i = order === undefined ? k : order[k];
      const p = edgePosting[i];
      if (seenBy[p] === s) {
        if (!duplicate(i, s, p, firstEdge[p])) return undefined;
      } else {
        seenBy[p] = s;
        firstEdge[p] = i;
      }
    }
  }
  return grouping;
}

export type ParseOutcome = { ok: true; instance: ParsedInstance } | { ok: false; errors: string[] };

const MAX_ERRORS = 100;
/** Scores and counts beyond this could make exact arithmetic on sums unsafe. */
export const MAX_MAGNITUDE = 2 ** 40;

class ErrorList {
  readonly messages: string[] = [];
  private dropped = 0;
  add(message: string): void {
    if (this.messages.length < MAX_ERRORS) this.messages.push(message);
    else this.dropped++;
  }
  get empty(): boolean {
    return this.messages.length === 0;
  }
  finish(): string[] {
    return this.dropped > 0 ? [...this.messages, `... and ${this.dropped} more errors`] : this.messages;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value === undefined) return "missing";
  try {
    const text = JSON.stringify(value);
    return text.length > 40 ? text.slice(0, 40) + "…" : text;
  } catch {
    return typeof value;
  }
}

/** Whether a value is a valid count (maxPlacements, minInterns, maxInterns, capacity): an integer in 0..2^40. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_MAGNITUDE;
}

function edgeLabel(i: number, edge: Record<string, unknown>): string {
  return `edges[${i}] (student ${describe(edge.student)}, posting ${describe(edge.posting)})`;
}

function countError(where: string, field: string, value: unknown): string {
  return `${where}: ${field} must be an integer >= 0, got ${describe(value)}`;
}

/**
 * Validates an instance and indexes it; never throws. Errors name the offending item
 * (e.g. `edges[3] (student "s9", posting "p1"): unknown student "s9"`), at most 100 of them.
 */
export function parseInstance(input: unknown): ParseOutcome {
  const errors = new ErrorList();
  if (!isRecord(input)) return { ok: false, errors: [`instance: expected a JSON object, got ${describe(input)}`] };

  if (input.version !== 1) errors.add(`version: expected 1, got ${describe(input.version)}`);

  let floorPenalty = 0;
  if (!isRecord(input.params)) errors.add(`params: expected an object with floorPenalty, got ${describe(input.params)}`);
  else {
    const fp = input.params.floorPenalty;
    if (typeof fp !== "number" || !Number.isFinite(fp) || fp < 0) {
      errors.add(`params.floorPenalty: must be a finite number >= 0, got ${describe(fp)}`);
    } else floorPenalty = fp;
  }

  const lists: Record<string, unknown[]> = {};
  for (const name of ["students", "enterprises", "postings", "edges"]) {
    const list = input[name];
    if (!Array.isArray(list)) {
      errors.add(`${name}: expected an array, got ${describe(list)}`);
      lists[name] = [];
    } else lists[name] = list;
  }

  // Students
  const students = lists.students;
  const studentIndex = new Map<string, number>();
  const studentIds: string[] = new Array(students.length);
  const studentMax = new Float64Array(students.length);
  for (let i = 0; i < students.length; i++) {
    const s = students[i];
    const where = `students[${i}]`;
    if (!isRecord(s)) {
      errors.add(`${where}: expected an object, got ${describe(s)}`);
      continue;
    }
    const id = s.id;
    if (typeof id !== "string" || id.length === 0) errors.add(`${where}: id must be a non-empty string, got ${describe(id)}`);
    else if (studentIndex.has(id)) errors.add(`${where}: duplicate student id "${id}"`);
    else studentIndex.set(id, i);
    studentIds[i] = typeof id === "string" ? id : "";
    const label = typeof id === "string" ? `${where} ("${id}")` : where;
    if (s.maxPlacements === undefined) studentMax[i] = 1;
    else if (!isCount(s.maxPlacements)) errors.add(countError(label, "maxPlacements", s.maxPlacements));
    else studentMax[i] = s.maxPlacements;
  }

  // Enterprises
  const enterprises = lists.enterprises;
  const enterpriseIndex = new Map<string, number>();
  const enterpriseIds: string[] = new Array(enterprises.length);
  const enterpriseMin = new Float64Array(enterprises.length);
  const enterpriseMax = new Float64Array(enterprises.length);
  for (let i = 0; i < enterprises.length; i++) {
    const e = enterprises[i];
    const where = `enterprises[${i}]`;
    if (!isRecord(e)) {
      errors.add(`${where}: expected an object, got ${describe(e)}`);
      continue;
    }
    const id = e.id;
    if (typeof id !== "string" || id.length === 0) errors.add(`${where}: id must be a non-empty string, got ${describe(id)}`);
    else if (enterpriseIndex.has(id)) errors.add(`${where}: duplicate enterprise id "${id}"`);
    else enterpriseIndex.set(id, i);
    enterpriseIds[i] = typeof id === "string" ? id : "";
    const label = typeof id === "string" ? `${where} ("${id}")` : where;
    const minOk = isCount(e.minInterns);
    const maxOk = isCount(e.maxInterns);
    if (!minOk) errors.add(countError(label, "minInterns", e.minInterns));
    if (!maxOk) errors.add(countError(label, "maxInterns", e.maxInterns));
    if (minOk && maxOk) {
      const min = e.minInterns as number;
      const max = e.maxInterns as number;
      if (min > max) errors.add(`${label}: minInterns ${min} > maxInterns ${max}`);
      enterpriseMin[i] = min;
      enterpriseMax[i] = max;
    }
  }

  // Postings
  const postings = lists.postings;
  const postingIndex = new Map<string, number>();
  const postingIds: string[] = new Array(postings.length);
  const postingCapacity = new Float64Array(postings.length);
  const postingEnterprise = new Int32Array(postings.length).fill(-1);
  for (let i = 0; i < postings.length; i++) {
    const p = postings[i];
    const where = `postings[${i}]`;
    if (!isRecord(p)) {
      errors.add(`${where}: expected an object, got ${describe(p)}`);
      continue;
    }
    const id = p.id;
    if (typeof id !== "string" || id.length === 0) errors.add(`${where}: id must be a non-empty string, got ${describe(id)}`);
    else if (postingIndex.has(id)) errors.add(`${where}: duplicate posting id "${id}"`);
    else postingIndex.set(id, i);
    postingIds[i] = typeof id === "string" ? id : "";
    const label = typeof id === "string" ? `${where} ("${id}")` : where;
    const ent = typeof p.enterprise === "string" ? enterpriseIndex.get(p.enterprise) : undefined;
    if (ent === undefined) errors.add(`${label}: unknown enterprise ${describe(p.enterprise)}`);
    else postingEnterprise[i] = ent;
    if (!isCount(p.capacity)) errors.add(countError(label, "capacity", p.capacity));
    else postingCapacity[i] = p.capacity;
  }

  // Edges
  const edges = lists.edges;
  const m = edges.length;
  const edgeStudent = new Int32Array(m).fill(-1);
  const edgePosting = new Int32Array(m).fill(-1);
  const edgeScore = new Float64Array(m);
  // This loop runs millions of times: labels are built only on errors, and consecutive edges of
  // the same student (the usual order) reuse the previous lookup (=== on the same string is cheap).
  let lastStudentId: unknown = undefined;
  let lastStudent: number | undefined = undefined;
  for (let i = 0; i < m; i++) {
    const edge = edges[i];
    if (!isRecord(edge)) {
      errors.add(`edges[${i}]: expected an object, got ${describe(edge)}`);
      continue;
    }
    const studentId = edge.student;
    const postingId = edge.posting;
    let s: number | undefined;
    if (studentId === lastStudentId && lastStudent !== undefined) s = lastStudent;
    else {
      s = typeof studentId === "string" ? studentIndex.get(studentId) : undefined;
      lastStudentId = studentId;
      lastStudent = s;
    }
    const p = typeof postingId === "string" ? postingIndex.get(postingId) : undefined;
    if (s === undefined) errors.add(`${edgeLabel(i, edge)}: unknown student ${describe(studentId)}`);
    else edgeStudent[i] = s;
    if (p === undefined) errors.add(`${edgeLabel(i, edge)}: unknown posting ${describe(postingId)}`);
    else edgePosting[i] = p;
    const score = edge.score;
    if (typeof score !== "number" || !Number.isInteger(score) || Math.abs(score) > MAX_MAGNITUDE) {
      errors.add(`${edgeLabel(i, edge)}: score must be an integer (|score| <= 2^40), got ${describe(score)}`);
    } else edgeScore[i] = score;
  }

  // Duplicate pairs: walk edges grouped by student, stamp postings seen for the current student.
  let grouping: { start: Int32Array; order: Int32Array | undefined } | undefined;
  if (errors.empty) {
    grouping = groupCheckingPairs(edgeStudent, edgePosting, students.length, postings.length, (i, s, p, firstEdge) => {
      errors.add(`edges[${i}] (student "${studentIds[s]}", posting "${postingIds[p]}"): duplicate pair, first listed as edges[${firstEdge}]`);
      return true;
    });
  }

  if (!errors.empty) return { ok: false, errors: errors.finish() };
  return {
    ok: true,
    instance: {
      floorPenalty,
      studentIds,
      postingIds,
      enterpriseIds,
      studentMax,
      postingCapacity,
      postingEnterprise,
      enterpriseMin,
      enterpriseMax,
      edgeStudent,
      edgePosting,
      edgeScore,
      studentEdgeStart: grouping?.start,
      studentEdgeOrder: grouping?.order,
    },
  };
}

/** Returns the list of rule violations in an instance (empty when it is valid); never throws. */
export function validateInstance(input: unknown): string[] {
  const outcome = parseInstance(input);
  return outcome.ok ? [] : outcome.errors;
}
