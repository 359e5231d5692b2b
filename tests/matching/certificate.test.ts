import * as fc from "fast-check";
import { checkCertificate, type OptimalityCertificate } from "../../matching/certificate";
import { minCostCirculation } from "../../matching/flow";
import { buildComponentNetwork, components, degrees, integerCostModel } from "../../matching/network";
import { parseInstance, type ParsedInstance } from "../../matching/validate";
import { anInstance, randomInstance } from "./factories";
import type { Instance } from "../../matching";

/** Solves with the flow solver and returns the raw placement and certificate. */
function solveRaw(instance: Instance): { data: ParsedInstance; chosen: Uint8Array; certificate: OptimalityCertificate } {
  const parsed = parseInstance(instance);
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const data = parsed.instance;
  const costs = integerCostModel(data);
  if (!costs) throw new Error("no cost model");
  const deg = degrees(data);
  const chosen = new Uint8Array(data.edgeStudent.length);
  const certificate: OptimalityCertificate = {
    costScale: costs.scale,
    floorCost: costs.floorCost,
    students: new Float64Array(data.studentIds.length),
    postings: new Float64Array(data.postingIds.length),
    enterprises: new Float64Array(data.enterpriseIds.length),
  };
  const scratch = { studentLocal: new Int32Array(data.studentIds.length), postingLocal: new Int32Array(data.postingIds.length), enterpriseLocal: new Int32Array(data.enterpriseIds.length) };
  for (const layout of components(data, deg)) {
    const net = buildComponentNetwork(data, layout, deg, costs, scratch);
    const outcome = minCostCirculation(net);
    if (!outcome.ok) throw new Error(outcome.message);
    const nS = layout.students.length;
    layout.edges.forEach((i, k) => (chosen[i] = net.rcap[net.rev[net.forwardSlot[nS + k]]]));
    layout.students.forEach((s, i) => (certificate.students[s] = outcome.potentials[1 + i]));
    layout.postings.forEach((p, i) => (certificate.postings[p] = outcome.potentials[1 + nS + i]));
    layout.enterprises.forEach((e, i) => (certificate.enterprises[e] = outcome.potentials[1 + nS + layout.postings.length + i]));
  }
  return { data, chosen, certificate };
}

const twoStudentsOneSeat = anInstance({
  floorPenalty: 0,
  students: [{ id: "weak" }, { id: "strong" }],
  enterprises: [{ id: "e", minInterns: 0, maxInterns: 1 }],
  postings: [{ id: "p", enterprise: "e", capacity: 1 }],
  edges: [
    { student: "weak", posting: "p", score: 10 },
    { student: "strong", posting: "p", score: 50 },
  ],
});

describe("the certificate checker", () => {
  test("accepts the flow solver's placement and potentials", () => {
    const { data, chosen, certificate } = solveRaw(twoStudentsOneSeat);
    expect(checkCertificate(data, chosen, certificate)).toEqual({ ok: true });
    expect(Array.from(chosen)).toEqual([0, 1]);
  });

  test("rejects a feasible but suboptimal placement with the same potentials", () => {
    const { data, certificate } = solveRaw(twoStudentsOneSeat);
    const verdict = checkCertificate(data, Uint8Array.from([1, 0]), certificate);
    expect(verdict.ok).toBe(false);
  });

  test("rejects an infeasible placement", () => {
    const { data, certificate } = solveRaw(twoStudentsOneSeat);
    const verdict = checkCertificate(data, Uint8Array.from([1, 1]), certificate);
    expect(verdict).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/placed > capacity/)]) });
  });

  test("rejects a floor cost that does not represent floorPenalty", () => {
    const { data, chosen, certificate } = solveRaw(twoStudentsOneSeat);
    expect(checkCertificate(data, chosen, { ...certificate, floorCost: 5 }).ok).toBe(false);
  });

  test("rejects perturbed potentials or a flipped edge on random instances whenever they break optimality conditions", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 25 }), fc.nat(), (instance, pick) => {
        const { data, chosen, certificate } = solveRaw(instance);
        expect(checkCertificate(data, chosen, certificate)).toEqual({ ok: true });
        if (chosen.length === 0) return;
        // Flip one edge: the result is infeasible or has a different cost, and the same
        // potentials cannot certify both it and the optimum unless it is an alternative optimum.
        const flipped = Uint8Array.from(chosen);
        const i = pick % chosen.length;
        flipped[i] ^= 1;
        const verdict = checkCertificate(data, flipped, certificate);
        if (verdict.ok) {
          // Only possible when the edge has zero reduced cost: an equally good solution.
          const s = data.edgeStudent[i];
          const p = data.edgePosting[i];
          expect(-data.edgeScore[i] * certificate.costScale + certificate.students[s] - certificate.postings[p]).toBe(0);
        }
        // A potential pushed far up on a student who may be placed breaks slackness on its root arc
        // (if it has room) or on the edge it is placed on (if it is full).
        const s = data.edgeStudent[i];
        if (data.studentMax[s] === 0) return;
        const students = Float64Array.from(certificate.students);
        students[s] += 1e9;
        expect(checkCertificate(data, chosen, { ...certificate, students }).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
