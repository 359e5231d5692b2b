import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { allocate, type Instance } from "../../matching";
import { feasibilityProblems } from "./feasibility";

const examples = path.resolve(__dirname, "../fixtures/allocation");
const names = fs.existsSync(examples)
  ? fs.readdirSync(examples).filter((f) => /\.instance\.json(\.gz)?$/.test(f)).map((f) => f.replace(/\.instance\.json(\.gz)?$/, ""))
  : [];

function load(name: string): { instance: Instance; expected: { status: string; objective: number } } {
  const file = fs.readdirSync(examples).find((f) => f.startsWith(`${name}.instance.json`)) as string;
  const raw = fs.readFileSync(path.join(examples, file));
  const text = (file.endsWith(".gz") ? zlib.gunzipSync(raw) : raw).toString("utf8");
  return { instance: JSON.parse(text), expected: JSON.parse(fs.readFileSync(path.join(examples, `${name}.expected.json`), "utf8")) };
}

describe("the allocation examples", () => {
  test("are present in tests/fixtures/allocation", () => {
    expect(names).toEqual(expect.arrayContaining(["small-40", "general-60", "medium-1000", "large-20000"]));
  });

  test.each(names)("%s solves to its expected optimal objective with a feasible, certified result", (name) => {
    const { instance, expected } = load(name);
    const result = allocate(instance);
    expect(result.status).toBe(expected.status);
    if (result.status !== "OPTIMAL") return;
    expect(result.objective).toBe(expected.objective);
    expect(result.stats.certified).toBe(true);
    expect(feasibilityProblems(instance, result)).toEqual([]);
  });

  test.each(["small-40", "general-60"])("%s gives the same objective with the reference LP", (name) => {
    const { instance, expected } = load(name);
    const result = allocate(instance, { solver: "lp" });
    expect(result.status).toBe("OPTIMAL");
    if (result.status !== "OPTIMAL") return;
    expect(result.objective).toBe(expected.objective);
    expect(result.stats.lpIntegral).toBe(true);
    expect(result.stats.lpObjective).toBeCloseTo(expected.objective, 6);
    expect(feasibilityProblems(instance, result)).toEqual([]);
  });
});
