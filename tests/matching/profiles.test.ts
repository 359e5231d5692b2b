import { buildEdges, DEFAULT_POLICY, DEFAULT_WEIGHTS, enterpriseBounds } from "../../matching";
import { anEdgePosting, anEdgeStudent } from "./factories";

const aboveScale = (headcount: number) => ({ headcount, aboveScale: true });

describe("enterpriseBounds (001 §3(3): 2%–3% for above-scale enterprises)", () => {
  test.each([
    [150, 3, 4],
    [100, 2, 3],
    [49, 1, 1],
    [1200, 24, 36],
    [10, 0, 0],
  ])("an above-scale enterprise of %i staff takes %i..%i interns", (headcount, min, max) => {
    expect(enterpriseBounds(aboveScale(headcount), 0, DEFAULT_POLICY)).toEqual({ minInterns: min, maxInterns: max });
  });

  test("the floor is clamped to the ceiling when rounding would cross them", () => {
    expect(enterpriseBounds(aboveScale(10), 0)).toEqual({ minInterns: 0, maxInterns: 0 });
    expect(enterpriseBounds(aboveScale(30), 0)).toEqual({ minInterns: 0, maxInterns: 0 });
  });

  test("interns already placed are subtracted, never below zero", () => {
    expect(enterpriseBounds(aboveScale(150), 2)).toEqual({ minInterns: 1, maxInterns: 2 });
    expect(enterpriseBounds(aboveScale(150), 9)).toEqual({ minInterns: 0, maxInterns: 0 });
  });

  test("other employers have no floor and the general 10% ceiling (2021 rules)", () => {
    expect(enterpriseBounds({ headcount: 155, aboveScale: false }, 0)).toEqual({ minInterns: 0, maxInterns: 15 });
    expect(enterpriseBounds({ headcount: 155, aboveScale: false }, 4)).toEqual({ minInterns: 0, maxInterns: 11 });
  });

  test("rates are applied exactly, not in floating point (0.07 * 100 is 7)", () => {
    expect(enterpriseBounds(aboveScale(100), 0, { floorRate: 0.07, ceilingRate: 0.07, generalCeilingRate: 0.1 })).toEqual({ minInterns: 7, maxInterns: 7 });
  });
});

describe("buildEdges eligibility", () => {
  test("an eligible pair becomes an edge with a positive score", () => {
    const edges = buildEdges([anEdgeStudent()], [anEdgePosting()]);
    expect(edges).toHaveLength(1);
    expect(edges[0].score).toBeGreaterThan(0);
  });

  test("a posting accepting another major is skipped", () => {
    expect(buildEdges([anEdgeStudent()], [anEdgePosting({ majors: ["460105"] })])).toEqual([]);
  });

  test("a 4-digit class prefix accepts every major of the class", () => {
    expect(buildEdges([anEdgeStudent({ major: "460199" })], [anEdgePosting({ majors: ["4601"] })])).toHaveLength(1);
  });

  test("undergraduate codes with a T or K suffix match their six digits", () => {
    expect(buildEdges([anEdgeStudent({ major: "080910T", level: "UNDERGRADUATE" })], [anEdgePosting({ majors: ["080910"] })])).toHaveLength(1);
  });

  test("a posting restricted to other levels is skipped, an empty list accepts all", () => {
    expect(buildEdges([anEdgeStudent()], [anEdgePosting({ levels: ["UNDERGRADUATE"] })])).toEqual([]);
    expect(buildEdges([anEdgeStudent()], [anEdgePosting({ levels: ["HIGHER_VOCATIONAL"] })])).toHaveLength(1);
  });

  test("closed postings and JOB postings are not allocated", () => {
    expect(buildEdges([anEdgeStudent()], [anEdgePosting({ open: false })])).toEqual([]);
    expect(buildEdges([anEdgeStudent()], [anEdgePosting({ kind: "JOB" })])).toEqual([]);
  });

  test("no 岗位实习 for students under 16 or in their first year (2021 rules art. 16)", () => {
    expect(buildEdges([anEdgeStudent({ age: 15 })], [anEdgePosting()])).toEqual([]);
    expect(buildEdges([anEdgeStudent({ studyYear: 1 })], [anEdgePosting()])).toEqual([]);
    expect(buildEdges([anEdgeStudent({ age: 16, studyYear: 2 })], [anEdgePosting()])).toHaveLength(1);
  });
});

describe("buildEdges scores", () => {
  const noLocality = { ...DEFAULT_WEIGHTS, homeDistrict: 0, inQuanzhou: 0, preferenceTop: 0 };
  const scoreOf = (student = anEdgeStudent(), posting = anEdgePosting(), weights = DEFAULT_WEIGHTS) => buildEdges([student], [posting], weights)[0]?.score;

  test("the same 6-digit major scores sameMajor, a class prefix sameClass", () => {
    expect(scoreOf(anEdgeStudent(), anEdgePosting({ majors: ["460104"] }), noLocality)).toBe(DEFAULT_WEIGHTS.sameMajor);
    expect(scoreOf(anEdgeStudent(), anEdgePosting({ majors: ["4601"] }), noLocality)).toBe(DEFAULT_WEIGHTS.sameClass);
    expect(DEFAULT_WEIGHTS.sameMajor).toBeGreaterThan(DEFAULT_WEIGHTS.sameClass);
  });

  test("preference rank 1 earns preferenceTop, each rank below earns preferenceStep less", () => {
    const weights = { ...noLocality, preferenceTop: 30, preferenceStep: 3 };
    const base = scoreOf(anEdgeStudent(), anEdgePosting(), weights);
    expect(scoreOf(anEdgeStudent({ preferences: ["p1"] }), anEdgePosting(), weights)).toBe(base + 30);
    expect(scoreOf(anEdgeStudent({ preferences: ["x", "y", "p1"] }), anEdgePosting(), weights)).toBe(base + 24);
  });

  test("a posting in Quanzhou earns inQuanzhou, in the home district homeDistrict on top", () => {
    const weights = { ...DEFAULT_WEIGHTS, preferenceTop: 0 };
    const outside = scoreOf(anEdgeStudent(), anEdgePosting({ district: "350203" }), weights);
    const city = scoreOf(anEdgeStudent(), anEdgePosting({ district: "350582" }), weights);
    const home = scoreOf(anEdgeStudent(), anEdgePosting({ district: "350502" }), weights);
    expect(city - outside).toBe(weights.inQuanzhou);
    expect(home - city).toBe(weights.homeDistrict);
  });

  test("output is ordered by student then posting, deterministically", () => {
    const students = [anEdgeStudent({ id: "b" }), anEdgeStudent({ id: "a" })];
    const postings = [anEdgePosting({ id: "q" }), anEdgePosting({ id: "p" })];
    expect(buildEdges(students, postings).map((e) => `${e.student}${e.posting}`)).toEqual(["bq", "bp", "aq", "ap"]);
  });

  test("non-integer weights are refused", () => {
    expect(() => buildEdges([anEdgeStudent()], [anEdgePosting()], { ...DEFAULT_WEIGHTS, inQuanzhou: 0.5 })).toThrow(RangeError);
  });
});
