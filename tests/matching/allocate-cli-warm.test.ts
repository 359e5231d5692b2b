import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Instance, OptimalResult } from "../../matching";
import { spawnTs } from "../helpers/ts-child";

const CLI = path.resolve(__dirname, "../../server/cli/allocate.ts");
const EXAMPLE = path.resolve(__dirname, "../fixtures/allocation/small-40.instance.json");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "allocate-warm-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the allocate command; resolves with its exit code and stderr. */
function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnTs(CLI, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

const read = (file: string): OptimalResult => JSON.parse(fs.readFileSync(file, "utf8")) as OptimalResult;

test("a Result written with --duals warm-starts the re-solve after declined offers, to the cold optimum", async () => {
  const first = path.join(work, "first.json");
  expect((await run([EXAMPLE, "--out", first, "--duals", "--quiet"])).code).toBe(0);
  const previous = read(first);
  expect(previous.duals?.students.ids.length).toBeGreaterThan(0);
  // Every third placed student declines: those edges are gone.
  const instance = JSON.parse(fs.readFileSync(EXAMPLE, "utf8")) as Instance;
  const declined = new Set(previous.placements.filter((_, i) => i % 3 === 0).map((p) => `${p.student}\u0000${p.posting}`));
  const changed = path.join(work, "changed.instance.json");
  fs.writeFileSync(changed, JSON.stringify({ ...instance, edges: instance.edges.filter((e) => !declined.has(`${e.student}\u0000${e.posting}`)) }));
  const cold = path.join(work, "cold.json");
  const warm = path.join(work, "warm.json");
  expect((await run([changed, "--out", cold, "--quiet"])).code).toBe(0);
  const warmRun = await run([changed, "--out", warm, "--warm-start", first]);
  expect(warmRun.code).toBe(0);
  expect(warmRun.stderr).toMatch(/\] warm start +\d+ ms/);
  expect(read(warm).objective).toBe(read(cold).objective);
  expect(read(warm).stats.certified).toBe(true);
}, 90_000);

test("a warm start that is not a Result is a usage error (exit 1)", async () => {
  const bogus = path.join(work, "bogus.json");
  fs.writeFileSync(bogus, "not json");
  const { code, stderr } = await run([EXAMPLE, "--out", path.join(work, "x.json"), "--warm-start", bogus]);
  expect(code).toBe(1);
  expect(stderr).toMatch(/cannot read the warm start/);
}, 60_000);
