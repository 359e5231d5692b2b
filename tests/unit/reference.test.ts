import { DEFAULT_CLUSTERS, clustersOfIndustry, clustersOfMajor } from "../../schema/reference/clusters";
import { MAINLAND_PROVINCE_PREFIXES, PROVINCES, QUANZHOU_COUNTIES, QUANZHOU_DIVISIONS } from "../../schema/reference/divisions";
import { findIndustry, INDUSTRIES } from "../../schema/reference/industries";
import { isKnownMajorClass } from "../../schema/reference/majors";
import { createRng } from "../../schema/rules";

describe("reference data", () => {
  test("the industry table holds every GB/T 4754-2017 row of the CSV", () => {
    expect(INDUSTRIES).toHaveLength(1772);
    expect(INDUSTRIES.filter((i) => i.level === 1)).toHaveLength(20);
    expect(INDUSTRIES.filter((i) => i.level === 4)).toHaveLength(1380);
    expect(findIndustry("3491")?.name).toBe("工业机器人制造");
  });

  test("Quanzhou has 11 administered counties plus the city and Kinmen", () => {
    expect(QUANZHOU_DIVISIONS).toHaveLength(13);
    expect(QUANZHOU_COUNTIES).toHaveLength(11);
    expect(QUANZHOU_DIVISIONS.find((d) => d.code === "350527")?.note).toContain("Taiwan");
  });

  test("there are 31 mainland provinces plus Taiwan, Hong Kong and Macao", () => {
    expect(MAINLAND_PROVINCE_PREFIXES).toHaveLength(31);
    expect(Object.keys(PROVINCES)).toHaveLength(34);
  });

  test("every cluster names real GB/T 4754 divisions and known major prefixes", () => {
    const codes = new Set<string>();
    for (const cluster of DEFAULT_CLUSTERS) {
      expect(cluster.code).toMatch(/^[A-Z_]+$/);
      codes.add(cluster.code);
      for (const division of cluster.industries) expect(findIndustry(division)?.level).toBe(2);
      for (const prefix of cluster.majorPrefixes) expect(isKnownMajorClass(prefix)).toBe(true);
    }
    expect(codes.size).toBe(DEFAULT_CLUSTERS.length);
  });

  test("industries and majors map to clusters by prefix", () => {
    expect(clustersOfIndustry("1954")).toEqual(["TEXTILE_SHOES"]);
    expect(clustersOfIndustry("3074")).toEqual(["BUILDING_HOME", "CRAFTS"]);
    expect(clustersOfMajor("530701")).toEqual(["TRADE_FINANCE"]);
    expect(clustersOfMajor("040106")).toEqual([]);
  });
});

describe("seeded random numbers", () => {
  test("the same seed gives the same sequence and different seeds differ", () => {
    const a = createRng(5);
    const b = createRng(5);
    const c = createRng(6);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  test("integers stay in range and weighted picks follow their weights", () => {
    const rng = createRng(9);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      counts[rng.weighted(["a", "b"] as const, [1, 3])]++;
    }
    expect(counts.b / 10_000).toBeGreaterThan(0.72);
    expect(counts.b / 10_000).toBeLessThan(0.78);
  });

  test("a fork is stable and does not disturb its parent", () => {
    const a = createRng(1);
    const b = createRng(1);
    expect(a.fork("x").next()).toBe(b.fork("x").next());
    expect(a.next()).toBe(b.next());
    expect(a.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(a.sample([1, 2, 3], 5)).toHaveLength(3);
  });
});
