import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { spawnTs } from "../helpers/ts-child";

const CLI = path.resolve(__dirname, "../../server/cli/allocate.ts");
const EXAMPLES = path.resolve(__dirname, "../fixtures/allocation");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "allocate-cli-"));

/** Runs the allocate command; resolves with its exit code and stderr. */
function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnTs(CLI, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test("an instance solves to its optimum: exit 0, the Result written, timings on stderr", async () => {
  const out = path.join(work, "small.json");
  const { code, stderr } = await run([path.join(EXAMPLES, "small-40.instance.json"), "--out", out]);
  expect(code).toBe(0);
  const expected = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "small-40.expected.json"), "utf8"));
  expect(JSON.parse(fs.readFileSync(out, "utf8"))).toMatchObject({ version: 1, status: "OPTIMAL", objective: expected.objective });
  expect(stderr).toMatch(/status OPTIMAL/);
  for (const step of ["read", "validate", "solve", "certify", "write"]) expect(stderr).toMatch(new RegExp(`\\] ${step} +\\d+ ms.*\\(rss \\d+ MB`));
}, 60_000);

test("--quiet prints nothing on stderr and still writes the Result", async () => {
  const out = path.join(work, "quiet.json");
  const { code, stderr } = await run([path.join(EXAMPLES, "small-40.instance.json"), "--out", out, "--quiet"]);
  expect(code).toBe(0);
  expect(stderr).toBe("");
  expect(JSON.parse(fs.readFileSync(out, "utf8")).status).toBe("OPTIMAL");
}, 60_000);

test("the reference LP solver gives the same objective", async () => {
  const out = path.join(work, "small-lp.json");
  expect((await run([path.join(EXAMPLES, "small-40.instance.json"), "--out", out, "--solver", "lp"])).code).toBe(0);
  const expected = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "small-40.expected.json"), "utf8"));
  expect(JSON.parse(fs.readFileSync(out, "utf8")).objective).toBe(expected.objective);
}, 60_000);

test("an invalid instance exits 2 and still writes the Result with its errors", async () => {
  const input = path.join(work, "bad.json");
  fs.writeFileSync(input, JSON.stringify({ version: 1, params: { floorPenalty: 10 }, students: [{ id: "s1" }], enterprises: [], postings: [], edges: [{ student: "s1", posting: "nowhere", score: 1 }] }));
  const out = path.join(work, "bad-result.json");
  const { code, stderr } = await run([input, "--out", out]);
  expect(code).toBe(2);
  const result = JSON.parse(fs.readFileSync(out, "utf8"));
  expect(result.status).toBe("INVALID_INPUT");
  expect(result.errors.join(" ")).toMatch(/nowhere/);
  // The terminal reads Chinese; the Result keeps the contract's English.
  expect(stderr).toMatch(/实例有误：edges\[0\] \(student "s1", posting "nowhere"\)：岗位 "nowhere" 不存在/);
}, 60_000);

test("a gzipped, pretty-printed instance with its keys in another order solves to the same optimum", async () => {
  const instance = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "small-40.instance.json"), "utf8"));
  const { edges, ...rest } = instance;
  const input = path.join(work, "pretty.json.gz");
  fs.writeFileSync(input, zlib.gzipSync(JSON.stringify({ edges, ...rest }, null, 2)));
  const out = path.join(work, "pretty-result.json");
  const { code, stderr } = await run([input, "--out", out]);
  expect(code).toBe(0);
  expect(stderr).toMatch(/validate +\d+ ms, 40 students/);
  const expected = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "small-40.expected.json"), "utf8"));
  expect(JSON.parse(fs.readFileSync(out, "utf8")).objective).toBe(expected.objective);
}, 60_000);

test("a file that is not JSON exits 2 with the parser's message", async () => {
  const input = path.join(work, "broken.json");
  fs.writeFileSync(input, '{"version": 1, "params": ');
  const out = path.join(work, "broken-result.json");
  expect((await run([input, "--out", out])).code).toBe(2);
  const result = JSON.parse(fs.readFileSync(out, "utf8"));
  expect(result).toMatchObject({ status: "INVALID_INPUT" });
  expect(result.errors[0]).toMatch(/^instance: not valid JSON/);
}, 60_000);

test("a missing file or a bad option exits 1", async () => {
  const missing = await run([path.join(work, "missing.json"), "--out", path.join(work, "x.json")]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/missing\.json/);
  const badOption = await run([path.join(EXAMPLES, "small-40.instance.json"), "--solver", "simplex"]);
  expect(badOption.code).toBe(1);
  expect(badOption.stderr).toMatch(/未知的求解器 simplex（可选 auto、flow、lp）（unknown solver simplex）/);
}, 60_000);
