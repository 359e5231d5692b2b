import * as fc from "fast-check";
import { type Instance } from "../../matching";
import { componentMarginalValues, type MarginalValue } from "../../matching/explain";
import { componentMarginalValuesBySearch } from "./slot-values-by-search";
import { minCostCirculation } from "../../matching/flow";
import { buildComponentNetwork, componentEdges, components, degrees, integerCostModel, Workspace } from "../../matching/network";
import { parseInstance } from "../../matching/validate";
import { randomInstance } from "./factories";

type Method = typeof componentMarginalValues;

/**
 * Slot and ceiling values of every component, solved once; each method gets its own budget
 * (shared across the components in order, as allocate() does) and the same solved network.
 * `shift` is added to every potential (reduced costs unchanged; non-integers take the heap).
 */
function values(instance: Instance, methods: Method[], work: number, shift = 0): Array<{ postings: MarginalValue[]; enterprises: MarginalValue[] }> {
  const outcome = parseInstance(instance);
  if (!outcome.ok) throw new Error(outcome.errors.join());
  const data = outcome.instance;
  const deg = degrees(data);
  const costs = integerCostModel(data);
  if (!costs) throw new Error("no integer cost model");
  const scratch = { studentLocal: new Int32Array(data.studentIds.length), postingLocal: new Int32Array(data.postingIds.length), enterpriseLocal: new Int32Array(data.enterpriseIds.length) };
  const budgets = methods.map(() => ({ work }));
  const all = methods.map(() => ({ postings: [] as MarginalValue[], enterprises: [] as MarginalValue[] }));
  for (const layout of components(data, deg)) {
    componentEdges(data, layout, new Workspace());
    const net = buildComponentNetwork(data, layout, deg, costs, scratch);
    const solved = minCostCirculation(net, new Workspace());
    if (!solved.ok) throw new Error(solved.message);
    const pi = solved.potentials.map((x) => x + shift);
    methods.forEach((method, k) => {
      const v = method(data, layout, net, pi, costs.scale, budgets[k], scratch.enterpriseLocal, new Workspace(), solved.arcId);
      all[k].postings.push(...v.postings);
      all[k].enterprises.push(...v.enterprises);
    });
  }
  return all;
}

describe("slot values from the searches split at the root", () => {
  test("equal the per-enterprise searches through the root, all exact, on random instances", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 40 }), (instance) => {
        const [split, bySearch] = values(instance, [componentMarginalValues, componentMarginalValuesBySearch], Infinity);
        expect(split.postings.every((v) => v.exact) && split.enterprises.every((v) => v.exact)).toBe(true);
        expect(bySearch.postings.every((v) => v.exact) && bySearch.enterprises.every((v) => v.exact)).toBe(true);
        expect(split.postings.map((v) => v.value)).toEqual(bySearch.postings.map((v) => v.value));
        expect(split.enterprises.map((v) => v.value)).toEqual(bySearch.enterprises.map((v) => v.value));
      }),
      { numRuns: 150 },
    );
  });

  test("within a small budget, every value the searches through the root made exact is exact and equal", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 40 }), fc.integer({ min: 0, max: 400 }), (instance, work) => {
        const [split, bySearch] = values(instance, [componentMarginalValues, componentMarginalValuesBySearch], work);
        const pairs = [...split.postings.map((v, i) => [v, bySearch.postings[i]]), ...split.enterprises.map((v, i) => [v, bySearch.enterprises[i]])];
        for (const [mine, theirs] of pairs) {
          if (!theirs.exact) continue;
          expect(mine.exact).toBe(true);
          expect(mine.value).toBe(theirs.value);
        }
      }),
      { numRuns: 150 },
    );
  });

  test("non-integer potentials (the heap instead of the buckets) give the same values", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 40 }), (instance) => {
        const [buckets] = values(instance, [componentMarginalValues], Infinity);
        const [heap] = values(instance, [componentMarginalValues], Infinity, 0.5);
        expect(heap).toEqual(buckets);
      }),
      { numRuns: 80 },
    );
  });
});
