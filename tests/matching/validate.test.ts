import { allocate, validateInstance } from "../../matching";
import { anInstance } from "./factories";

const valid = () =>
  anInstance({
    students: [{ id: "s1" }, { id: "s2", maxPlacements: 2 }],
    enterprises: [{ id: "e1", minInterns: 1, maxInterns: 2 }],
    postings: [{ id: "p1", enterprise: "e1", capacity: 2 }],
    edges: [{ student: "s1", posting: "p1", score: 10 }],
  });

describe("validateInstance", () => {
  test("accepts a valid instance", () => {
    expect(validateInstance(valid())).toEqual([]);
  });

  test.each([
    ["a wrong version", { ...valid(), version: 3 }, /version: expected 1, got 3/],
    ["a missing edges array", { ...valid(), edges: undefined }, /edges: expected an array/],
    ["a dangling student", { ...valid(), edges: [{ student: "s9", posting: "p1", score: 1 }] }, /edges\[0\].*unknown student "s9"/],
    ["a dangling enterprise", { ...valid(), postings: [{ id: "p1", enterprise: "e9", capacity: 1 }] }, /postings\[0\] \("p1"\): unknown enterprise "e9"/],
    ["a duplicate student id", { ...valid(), students: [{ id: "s1" }, { id: "s1" }] }, /students\[1\]: duplicate student id "s1"/],
    ["a duplicate pair", { ...valid(), edges: [{ student: "s1", posting: "p1", score: 1 }, { student: "s1", posting: "p1", score: 2 }] }, /edges\[1\].*duplicate pair, first listed as edges\[0\]/],
    ["min above max", { ...valid(), enterprises: [{ id: "e1", minInterns: 3, maxInterns: 2 }] }, /enterprises\[0\] \("e1"\): minInterns 3 > maxInterns 2/],
    ["a negative capacity", { ...valid(), postings: [{ id: "p1", enterprise: "e1", capacity: -1 }] }, /postings\[0\] \("p1"\): capacity must be an integer >= 0/],
    ["a non-integer score", { ...valid(), edges: [{ student: "s1", posting: "p1", score: 0.5 }] }, /score must be an integer/],
    ["an infinite floorPenalty", { ...valid(), params: { floorPenalty: Infinity } }, /params.floorPenalty: must be a finite number >= 0, got Infinity/],
    ["a negative maxPlacements", { ...valid(), students: [{ id: "s1", maxPlacements: -1 }] }, /maxPlacements must be an integer >= 0/],
  ])("rejects %s, naming the item", (_label, instance, message) => {
    const errors = validateInstance(instance);
    expect(errors.some((e) => message.test(e))).toBe(true);
  });

  test("caps the error list for huge broken instances", () => {
    const edges = Array.from({ length: 500 }, (_, i) => ({ student: `ghost${i}`, posting: "p1", score: 1 }));
    const errors = validateInstance({ ...valid(), edges });
    expect(errors.length).toBe(101);
    expect(errors[100]).toMatch(/and 400 more errors/);
  });

  test("allocate reports invalid input as data, solving nothing", () => {
    const result = allocate({ ...valid(), version: 2 });
    expect(result).toMatchObject({ version: 1, status: "INVALID_INPUT" });
    expect(result).not.toHaveProperty("placements");
  });
});
