/**
 * Peer benchmark (issue 12): this engine against OR-tools' SimpleMinCostFlow and HiGHS on the
 * same seeded instances, side by side in one run.
 *
 *   node dist/server/bench/peers/peers-bench.js [--runs 3] [--million] [--highs-max 20000] [--keep DIR]
 *
 * Per instance (20k / 400k edges, 100k / 2M, and with --million 1M / 20M): the file is written
 * (instances.ts), then, `runs` times each, alternating: the engine in a child process (read, parse,
 * allocate(); its flow solve alone is stats.solveMillis), the whole CLI (dist/server/cli/allocate.js,
 * wall time from spawn to exit), and each peer through peers.py (its library's solve call alone,
 * and the whole process). Medians are printed with the ratios; a peer whose objective differs from
 * the engine's gets no time ("DIFFERS"); one whose library is missing is skipped with a note
 * (pip install ortools / highspy). Peak RSS is each process's own.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { allocate, parseInstanceJson } from "../../../matching";
import { writeInstanceFile } from "./instances";

interface Measure {
  /** Whole process, spawn to exit. */
  wallMs: number;
  /** The solver alone (engine: its min-cost flow; peers: the library's solve call). */
  solveMs: number;
  /** Engine only: allocate() (build, solve, certificate, stability, Result) and read + parse. */
  allocateMs?: number;
  readMs?: number;
  peakRssMb: number;
  status: string;
  objective: number | null;
}

const ENGINE_CHILD = "--engine-child";
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Child: the engine as the CLI runs it, with its own figures on stdout. */
function engineChild(file: string): void {
  const t0 = performance.now();
  const outcome = parseInstanceJson(fs.readFileSync(file));
  const readMs = performance.now() - t0;
  if (!outcome.ok) throw new Error(outcome.errors[0]);
  const t1 = performance.now();
  const result = allocate(outcome.instance, { now: () => performance.now() });
  const allocateMs = performance.now() - t1;
  const optimal = result.status === "OPTIMAL" && result.stats.certified;
  const report = {
    readMs,
    allocateMs,
    solveMs: result.status === "OPTIMAL" ? (result.stats.solveMillis as number) : NaN,
    status: optimal ? "OPTIMAL" : result.status,
    objective: result.status === "OPTIMAL" ? result.objective : null,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(report));
}

function timed(command: string, args: string[]): { wallMs: number; stdout: string; status: number | null } {
  const t0 = performance.now();
  const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "inherit"] });
  return { wallMs: performance.now() - t0, stdout: run.stdout, status: run.status };
}

function engine(file: string): Measure {
  const run = timed(process.execPath, ["--max-old-space-size=6144", __filename, ENGINE_CHILD, file]);
  const r = JSON.parse(run.stdout) as Omit<Measure, "wallMs">;
  return { ...r, wallMs: run.wallMs };
}

/** The first and last `size` bytes of a file (a Result at 1M students is ~100 MB). */
function ends(file: string, size: number): { head: string; tail: string } {
  const fd = fs.openSync(file, "r");
  try {
    const length = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, length));
    const tail = Buffer.alloc(Math.min(size, length));
    fs.readSync(fd, head, 0, head.length, 0);
    fs.readSync(fd, tail, 0, tail.length, length - tail.length);
    return { head: head.toString("utf8"), tail: tail.toString("utf8") };
  } finally {
    fs.closeSync(fd);
  }
}

/** The whole command, as `npm run allocate` runs it (the Result written to a temp file). */
function cli(file: string, out: string): Measure {
  const script = path.resolve(__dirname, "../../cli/allocate.js");
  const run = timed(process.execPath, ["--max-old-space-size=6144", script, file, "--out", out, "--quiet"]);
  const { head, tail } = ends(out, 4096);
  const stats = /"stats": (\{.*\})\s*\}\s*$/s.exec(tail)?.[1];
  const solveMs = stats ? (JSON.parse(stats) as { solveMillis?: number }).solveMillis : undefined;
  const status = /"status": "(\w+)"/.exec(head)?.[1] ?? "?";
  const objective = Number(/"objective": (-?\d+)/.exec(head)?.[1] ?? NaN);
  return { wallMs: run.wallMs, solveMs: solveMs ?? NaN, peakRssMb: NaN, status: run.status === 0 ? status : `exit ${run.status}`, objective };
}

/** A peer through peers.py, or undefined when its library is not installed (exit 3). */
function peer(name: "ortools" | "highs", file: string): Measure | undefined {
  // From the repository root, where npm runs its scripts (peers.py is not compiled into dist/).
  const run = timed("python3", [path.resolve("server/bench/peers/peers.py"), name, file]);
  if (run.status === 3) return undefined;
  if (run.status !== 0) return { wallMs: run.wallMs, solveMs: NaN, peakRssMb: NaN, status: `exit ${run.status}`, objective: null };
  // The last line: HiGHS prints its banner on stdout before any option can silence it.
  const r = JSON.parse(run.stdout.trim().split("\n").pop() ?? "") as { status: string; objective: number | null; solveSeconds: number; peakRssMb: number };
  return { wallMs: run.wallMs, solveMs: r.solveSeconds * 1000, peakRssMb: r.peakRssMb, status: r.status, objective: r.objective };
}

interface Row {
  instance: string;
  solver: string;
  runs: Measure[];
}

/** Medians of one solver's runs on one instance, checked against the engine's objective. */
function rowCells(row: Row, objective: number | null, engineSolve: number): string[] {
  const m = (pick: (x: Measure) => number | undefined): number => median(row.runs.map((x) => pick(x) ?? NaN));
  const first = row.runs[0];
  const agrees = row.runs.every((x) => x.status === "OPTIMAL" && x.objective === objective);
  const ms = (x: number): string => (agrees ? (Number.isNaN(x) ? "–" : x.toFixed(0)) : "DIFFERS");
  const solve = m((x) => x.solveMs);
  return [
    row.instance,
    row.solver,
    ms(m((x) => x.wallMs)),
    ms(solve),
    ms(m((x) => x.readMs)),
    ms(m((x) => x.allocateMs)),
    agrees && !row.solver.startsWith("engine") ? (solve / engineSolve).toFixed(2) : "",
    Number.isNaN(m((x) => x.peakRssMb)) ? "–" : m((x) => x.peakRssMb).toFixed(0),
    first.status,
    String(first.objective),
  ];
}

function benchInstance(students: number, dir: string, runs: number, highsMax: number, notes: Set<string>): string[][] {
  const file = path.join(dir, `synthetic-${students}.json`);
  if (!fs.existsSync(file)) writeInstanceFile(students, file);
  const label = `${students / 1000}k`;
  const rows: Row[] = [
    { instance: label, solver: "engine", runs: [] },
    { instance: label, solver: "engine CLI", runs: [] },
    { instance: label, solver: "OR-tools", runs: [] },
    { instance: label, solver: "HiGHS", runs: [] },
  ];
  for (let r = 0; r < runs; r++) {
    rows[0].runs.push(engine(file));
    rows[1].runs.push(cli(file, path.join(dir, "result.json")));
    const ortools = peer("ortools", file);
    if (ortools) rows[2].runs.push(ortools);
    else notes.add("OR-tools is not installed (pip install ortools): skipped");
    const highs = students <= highsMax ? peer("highs", file) : undefined;
    if (highs) rows[3].runs.push(highs);
    else if (students <= highsMax) notes.add("HiGHS is not installed (pip install highspy): skipped");
  }
  const objective = rows[0].runs[0].objective;
  const engineSolve = median(rows[0].runs.map((x) => x.solveMs));
  return rows.filter((row) => row.runs.length > 0).map((row) => rowCells(row, objective, engineSolve));
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === ENGINE_CHILD) return engineChild(argv[1]);
  const option = (name: string, fallback: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const runs = option("--runs", 3);
  const keep = argv.includes("--keep") ? argv[argv.indexOf("--keep") + 1] : undefined;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "peers-bench-"));
  fs.mkdirSync(dir, { recursive: true });
  const notes = new Set<string>();
  const sizes = [20_000, 100_000, ...(argv.includes("--million") ? [1_000_000] : [])];
  const loadBefore = os.loadavg()[0];
  const rows: string[][] = [];
  try {
    for (const students of sizes) rows.push(...benchInstance(students, dir, runs, option("--highs-max", 20_000), notes));
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  const header = ["instance", "solver", "whole process ms", "solve ms", "read+parse ms", "allocate() ms", "solve / engine's solve", "peak RSS MB", "status", "objective"];
  process.stdout.write(`\n${[header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n")}\n\n`);
  for (const note of notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`Medians of ${runs} alternating runs. Load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after; ${os.cpus().length} vCPUs, ${os.cpus()[0]?.model ?? "?"}, node ${process.version}.\n`);
}

main();
