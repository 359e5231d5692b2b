/**
 * Independent optimality check. It trusts nothing from the solvers but the chosen edges and the
 * node potentials: it rebuilds every arc flow of the circulation (network.ts documents the
 * network) from the instance itself and verifies
 *
 *   1. feasibility: student, posting and enterprise limits;
 *   2. that the integer costs are equivalent to the instance's objective (scaled floorPenalty,
 *      or a lexicographic cap larger than any possible score difference);
 *   3. complementary slackness with potentials pi (root R at 0): for every arc u->v with
 *      reduced cost rc = cost + pi(u) - pi(v): flow < capacity implies rc >= 0, and
 *      flow > 0 implies rc <= 0.
 *
 * (3) means no residual arc has negative reduced cost, so no negative cycle exists and the
 * circulation (hence the placement) is optimal. All arithmetic is on safe integers, so the
 * check is exact.
 */
import type { ParsedInstance } from "./validate";

/** What a solver hands over to prove its placement optimal. */
export interface OptimalityCertificate {
  /** Costs are score * costScale; floor units cost floorCost. */
  costScale: number;
  floorCost: number;
  /** Node potentials in the same integer units; the root's potential is 0. */
  students: Float64Array;
  postings: Float64Array;
  enterprises: Float64Array;
}

export type CertificateVerdict = { ok: true } | { ok: false; problems: string[] };

/**
 * Checks that `chosen` (one 0/1 per edge) is feasible and that the certificate proves it
 * optimal. Returns the first problems found (at most 20) otherwise.
 */
export function checkCertificate(instance: ParsedInstance, chosen: Uint8Array, certificate: OptimalityCertificate): CertificateVerdict {
  const problems: string[] = [];
  const fail = (message: string): void => {
    if (problems.length < 20) problems.push(message);
  };
  const { studentIds, postingIds, enterpriseIds, edgeStudent, edgePosting, edgeScore, postingEnterprise } = instance;
  const nS = studentIds.length;
  const nP = postingIds.length;
  const nE = enterpriseIds.length;
  const { costScale: K, floorCost } = certificate;
  const pS = certificate.students;
  const pP = certificate.postings;
  const pE = certificate.enterprises;

  // 2. Cost equivalence.
  let sumAbs = 0;
  for (let i = 0; i < edgeScore.length; i++) sumAbs += Math.abs(edgeScore[i]);
  const fp = instance.floorPenalty;
  if (!Number.isSafeInteger(K) || K < 1) fail(`cost scale ${K} is not a positive integer`);
  if (!Number.isSafeInteger(floorCost)) fail(`floor cost ${floorCost} is not an integer`);
  const exactScale = floorCost / K === fp;
  const lexicographic = fp > sumAbs && floorCost / K > sumAbs;
  if (!exactScale && !lexicographic) fail(`floor cost ${floorCost}/${K} does not represent floorPenalty ${fp}`);
  if (pS.length !== nS || pP.length !== nP || pE.length !== nE || chosen.length !== edgeStudent.length) fail("certificate sizes do not match the instance");
  if (problems.length > 0) return { ok: false, problems };
  const allPotentials = [pS, pP, pE];
  for (const list of allPotentials) {
    for (let i = 0; i < list.length; i++) if (!Number.isSafeInteger(list[i])) return { ok: false, problems: [`potential ${list[i]} is not a safe integer`] };
  }

  /** One arc's complementary slackness. */
  const arc = (label: () => string, flow: number, capacity: number, reducedCost: number): void => {
    if (!Number.isSafeInteger(reducedCost)) fail(`${label()}: reduced cost ${reducedCost} not exact`);
    if (flow < capacity && reducedCost < 0) fail(`${label()}: flow ${flow} < capacity ${capacity} but reduced cost ${reducedCost} < 0`);
    if (flow > 0 && reducedCost > 0) fail(`${label()}: flow ${flow} > 0 but reduced cost ${reducedCost} > 0`);
  };

  // Flows rebuilt from the chosen edges.
  const studentFlow = new Float64Array(nS);
  const postingFlow = new Float64Array(nP);
  const enterpriseFlow = new Float64Array(nE);
  for (let i = 0; i < edgeStudent.length; i++) {
    const x = chosen[i];
    if (x !== 0 && x !== 1) fail(`edge ${i}: value ${x} is not 0 or 1`);
    const s = edgeStudent[i];
    const p = edgePosting[i];
    if (x === 1) {
      studentFlow[s]++;
      postingFlow[p]++;
      enterpriseFlow[postingEnterprise[p]]++;
    }
    // student -> posting, capacity 1, cost -score*K (checked inline: the label closure only on a
    // violation, this loop runs once per edge)
    const rc = -edgeScore[i] * K + pS[s] - pP[p];
    if (!Number.isSafeInteger(rc) || (x < 1 && rc < 0) || (x > 0 && rc > 0)) arc(() => `edge ${studentIds[s]} -> ${postingIds[p]}`, x, 1, rc);
  }
  // 1. Feasibility and the remaining arcs.
  for (let s = 0; s < nS; s++) {
    if (studentFlow[s] > instance.studentMax[s]) fail(`student ${studentIds[s]}: ${studentFlow[s]} placements > maxPlacements ${instance.studentMax[s]}`);
    arc(() => `root -> student ${studentIds[s]}`, studentFlow[s], instance.studentMax[s], 0 - pS[s]);
  }
  for (let p = 0; p < nP; p++) {
    if (postingFlow[p] > instance.postingCapacity[p]) fail(`posting ${postingIds[p]}: ${postingFlow[p]} placed > capacity ${instance.postingCapacity[p]}`);
    arc(() => `posting ${postingIds[p]} -> enterprise`, postingFlow[p], instance.postingCapacity[p], pP[p] - pE[postingEnterprise[p]]);
  }
  for (let e = 0; e < nE; e++) {
    const placed = enterpriseFlow[e];
    const min = instance.enterpriseMin[e];
    const max = instance.enterpriseMax[e];
    if (placed > max) fail(`enterprise ${enterpriseIds[e]}: ${placed} placed > maxInterns ${max}`);
    // The cheaper floor arc carries the first min(placed, minInterns) units.
    const floorFlow = Math.min(placed, min);
    arc(() => `enterprise ${enterpriseIds[e]} floor arc`, floorFlow, min, -floorCost + pE[e] - 0);
    arc(() => `enterprise ${enterpriseIds[e]} ceiling arc`, placed - floorFlow, max - min, pE[e] - 0);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
