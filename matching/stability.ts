/**
 * Stability diagnostics of a placement (what NRMP / JRMP users ask before optimality): blocking
 * pairs under the edge scores, and justified envy between students of one school.
 *
 * Both sides rank by the edge score: a student prefers edge (s, p) to its worst placement, a
 * posting prefers a student whose edge scores above its lowest-scored holder. A free placement or
 * a free seat is worth 0 (being unplaced adds nothing to the objective), so it is given up for any
 * positive score. A seat is free when the posting is below its capacity and its enterprise below
 * maxInterns (otherwise taking one more student means dropping one elsewhere).
 */
import type { BlockingPair, EnvyPair, StabilityReport } from "./types";
import { studentEdges, type ParsedInstance } from "./validate";

/** Lowest held score per student and per posting, and which have room (see the module comment). */
interface Holdings {
  /** The score a student would give up: its worst placement, or 0 with a free placement. */
  studentThreshold: Float64Array;
  studentFree: Uint8Array;
  postingThreshold: Float64Array;
  postingFree: Uint8Array;
}

function holdings(data: ParsedInstance, chosen: Uint8Array): Holdings {
  const nS = data.studentIds.length;
  const nP = data.postingIds.length;
  const { edgeStudent, edgePosting, edgeScore, postingEnterprise, postingCapacity, enterpriseMax, studentMax } = data;
  const studentPlaced = new Float64Array(nS);
  const postingPlaced = new Float64Array(nP);
  const enterprisePlaced = new Float64Array(data.enterpriseIds.length);
  const studentThreshold = new Float64Array(nS).fill(Infinity);
  const postingThreshold = new Float64Array(nP).fill(Infinity);
  for (let i = 0; i < chosen.length; i++) {
    if (chosen[i] === 0) continue;
    const s = edgeStudent[i];
    const p = edgePosting[i];
    studentPlaced[s]++;
    postingPlaced[p]++;
    enterprisePlaced[postingEnterprise[p]]++;
    if (edgeScore[i] < studentThreshold[s]) studentThreshold[s] = edgeScore[i];
    if (edgeScore[i] < postingThreshold[p]) postingThreshold[p] = edgeScore[i];
  }
  const studentFree = new Uint8Array(nS);
  for (let s = 0; s < nS; s++) {
    if (studentPlaced[s] < studentMax[s]) {
      studentFree[s] = 1;
      studentThreshold[s] = 0;
    }
  }
  const postingFree = new Uint8Array(nP);
  for (let p = 0; p < nP; p++) {
    if (postingPlaced[p] < postingCapacity[p] && enterprisePlaced[postingEnterprise[p]] < enterpriseMax[postingEnterprise[p]]) {
      postingFree[p] = 1;
      postingThreshold[p] = 0;
    }
    // Otherwise its lowest holder's score, or Infinity: no holder and no seat to offer.
  }
  return { studentThreshold, studentFree, postingThreshold, postingFree };
}

/** The school of each student index (-1: none), and the school names. */
function schoolIndex(data: ParsedInstance, schools: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined): { of: Int32Array; names: string[] } | undefined {
  if (schools === undefined) return undefined;
  const lookUp = schools instanceof Map ? (id: string) => schools.get(id) : (id: string) => (Object.prototype.hasOwnProperty.call(schools, id) ? (schools as Record<string, string>)[id] : undefined);
  const names: string[] = [];
  const number = new Map<string, number>();
  const of = new Int32Array(data.studentIds.length).fill(-1);
  data.studentIds.forEach((id, s) => {
    const school = lookUp(id);
    if (school === undefined) return;
    let k = number.get(school);
    if (k === undefined) {
      k = names.length;
      names.push(school);
      number.set(school, k);
    }
    of[s] = k;
  });
  return { of, names };
}

/** Each posting's holders as edge indices: holders of p are holderEdge[holderStart[p] .. holderStart[p + 1]). */
function holdersByPosting(data: ParsedInstance, chosen: Uint8Array): { holderStart: Int32Array; holderEdge: Int32Array } {
  const nP = data.postingIds.length;
  const holderStart = new Int32Array(nP + 1);
  for (let i = 0; i < chosen.length; i++) if (chosen[i] !== 0) holderStart[data.edgePosting[i] + 1]++;
  for (let p = 0; p < nP; p++) holderStart[p + 1] += holderStart[p];
  const fill = holderStart.slice(0, nP);
  const holderEdge = new Int32Array(holderStart[nP]);
  for (let i = 0; i < chosen.length; i++) if (chosen[i] !== 0) holderEdge[fill[data.edgePosting[i]]++] = i;
  return { holderStart, holderEdge };
}

/**
 * Counts and lists (the first `limit` of each: blocking pairs by student, envy in edge order) the blocking pairs of a placement
 * (`chosen`: one 0/1 per edge), and the justified-envy pairs among students of one school when
 * `schools` maps student ids to schools. O(edges + edges x holders per posting).
 */
export function stabilityReport(
  data: ParsedInstance,
  chosen: Uint8Array,
  schools?: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  limit = 100,
): StabilityReport {
  const { studentThreshold, studentFree, postingThreshold, postingFree } = holdings(data, chosen);
  const { edgeScore, studentIds, postingIds } = data;
  const { start, order } = studentEdges(data);
  const blocking: BlockingPair[] = [];
  let blockingPairs = 0;
  let blockingStudents = 0;
  for (let s = 0; s < studentIds.length; s++) {
    const before = blockingPairs;
    for (let k = start[s]; k < start[s + 1]; k++) {
      const i = order === undefined ? k : order[k];
      if (chosen[i] !== 0) continue;
      const p = data.edgePosting[i];
      const score = edgeScore[i];
      if (!(score > studentThreshold[s] && score > postingThreshold[p])) continue;
      blockingPairs++;
      if (blocking.length < limit) {
        blocking.push({ student: studentIds[s], posting: postingIds[p], score, studentWorst: studentFree[s] ? null : studentThreshold[s], postingWorst: postingFree[p] ? null : postingThreshold[p] });
      }
    }
    if (blockingPairs > before) blockingStudents++;
  }
  const envy = envyPairs(data, chosen, studentThreshold, schools, limit);
  return { blockingPairs, blockingStudents, blocking, envyPairs: envy.count, envy: envy.listed };
}

/** Justified envy within each school: see EnvyPair. */
function envyPairs(
  data: ParsedInstance,
  chosen: Uint8Array,
  studentThreshold: Float64Array,
  schools: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined,
  limit: number,
): { count: number; listed: EnvyPair[] } {
  const school = schoolIndex(data, schools);
  const listed: EnvyPair[] = [];
  if (school === undefined) return { count: 0, listed };
  const { holderStart, holderEdge } = holdersByPosting(data, chosen);
  const { edgeStudent, edgePosting, edgeScore, studentIds, postingIds } = data;
  let count = 0;
  for (let i = 0; i < chosen.length; i++) {
    if (chosen[i] !== 0) continue;
    const s = edgeStudent[i];
    const k = school.of[s];
    if (k < 0 || !(edgeScore[i] > studentThreshold[s])) continue;
    const p = edgePosting[i];
    for (let h = holderStart[p]; h < holderStart[p + 1]; h++) {
      const j = holderEdge[h];
      const t = edgeStudent[j];
      if (t === s || school.of[t] !== k || !(edgeScore[i] > edgeScore[j])) continue;
      count++;
      if (listed.length < limit) listed.push({ school: school.names[k], student: studentIds[s], envied: studentIds[t], posting: postingIds[p], score: edgeScore[i], enviedScore: edgeScore[j] });
    }
  }
  return { count, listed };
}
