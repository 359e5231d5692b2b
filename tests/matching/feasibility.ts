/**
 * Independent feasibility checker for a Result, written from FORMAT.md alone: every placement is
 * an edge, limits hold, enterprise placed/shortfall are right, the objective recomputes, and the
 * unplaced list names every student placed fewer than maxPlacements times.
 */
import type { Instance, Result } from "../../matching";

/** Returns the violations found (empty when the Result is a feasible, consistent answer). */
export function feasibilityProblems(instance: Instance, result: Result): string[] {
  const problems: string[] = [];
  if (result.version !== 1) problems.push(`version ${String(result.version)}`);
  if (result.status !== "OPTIMAL") return [`status ${result.status}`];
  const edgeScore = new Map(instance.edges.map((e) => [`${e.student}\u0000${e.posting}`, e.score]));
  const postingById = new Map(instance.postings.map((p) => [p.id, p]));
  const studentCount = new Map<string, number>();
  const postingCount = new Map<string, number>();
  const enterpriseCount = new Map<string, number>();
  const seenPairs = new Set<string>();
  let totalScore = 0;
  for (const placement of result.placements) {
    const key = `${placement.student}\u0000${placement.posting}`;
    const score = edgeScore.get(key);
    if (score === undefined) problems.push(`placement ${placement.student} -> ${placement.posting} is not an edge`);
    else if (score !== placement.score) problems.push(`placement ${placement.student} -> ${placement.posting} reports score ${placement.score}, edge has ${score}`);
    if (seenPairs.has(key)) problems.push(`placement ${placement.student} -> ${placement.posting} listed twice`);
    seenPairs.add(key);
    const posting = postingById.get(placement.posting);
    if (posting && posting.enterprise !== placement.enterprise) problems.push(`placement ${placement.posting} names enterprise ${placement.enterprise}, not ${posting.enterprise}`);
    studentCount.set(placement.student, (studentCount.get(placement.student) ?? 0) + 1);
    postingCount.set(placement.posting, (postingCount.get(placement.posting) ?? 0) + 1);
    if (posting) enterpriseCount.set(posting.enterprise, (enterpriseCount.get(posting.enterprise) ?? 0) + 1);
    totalScore += score ?? 0;
  }
  for (const s of instance.students) {
    const placed = studentCount.get(s.id) ?? 0;
    const max = s.maxPlacements ?? 1;
    if (placed > max) problems.push(`student ${s.id} placed ${placed} > ${max}`);
    const listed = result.unplaced.filter((u) => u.student === s.id);
    if (placed < max && listed.length !== 1) problems.push(`student ${s.id} placed ${placed} < ${max} but listed ${listed.length} times as unplaced`);
    if (placed >= max && max > 0 && listed.length > 0) problems.push(`student ${s.id} is fully placed but listed as unplaced`);
  }
  for (const p of instance.postings) {
    const placed = postingCount.get(p.id) ?? 0;
    if (placed > p.capacity) problems.push(`posting ${p.id} placed ${placed} > capacity ${p.capacity}`);
  }
  let totalShortfall = 0;
  if (result.enterprises.length !== instance.enterprises.length) problems.push("enterprise list incomplete");
  for (const e of instance.enterprises) {
    const placed = enterpriseCount.get(e.id) ?? 0;
    if (placed > e.maxInterns) problems.push(`enterprise ${e.id} placed ${placed} > maxInterns ${e.maxInterns}`);
    const shortfall = Math.max(0, e.minInterns - placed);
    totalShortfall += shortfall;
    const reported = result.enterprises.find((r) => r.id === e.id);
    if (!reported) problems.push(`enterprise ${e.id} missing`);
    else if (reported.placed !== placed || reported.shortfall !== shortfall) {
      problems.push(`enterprise ${e.id} reports placed ${reported.placed}/shortfall ${reported.shortfall}, actual ${placed}/${shortfall}`);
    }
  }
  const objective = totalScore - instance.params.floorPenalty * totalShortfall;
  if (result.totalScore !== totalScore) problems.push(`totalScore ${result.totalScore} != ${totalScore}`);
  if (result.totalShortfall !== totalShortfall) problems.push(`totalShortfall ${result.totalShortfall} != ${totalShortfall}`);
  if (result.objective !== objective) problems.push(`objective ${result.objective} != recomputed ${objective}`);
  return problems;
}
