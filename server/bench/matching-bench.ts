/**
 * Matching engine benchmark.
 *
 *   npm run bench:matching [-- --million] [-- --runs 3] [-- --lp-runs 1] [-- --object]
 *                          [-- --instance PATH [--instance PATH2 ...]] [-- --only-instances]
 *
 * For each size a seeded synthetic instance (seeds/synthetic-instance.ts) is written to a temp
 * file; then one child process per (size, solver) reads it, runs allocate() `runs` times and
 * reports the median time with its phases, and its memory: peak RSS of the child process
 * (includes Node itself, reading and parsing the file, the instance and the Result) and the RSS
 * growth above the level right after parsing.
 *
 * The child reads the file as bytes and parses them with parseInstanceJson into a compact
 * (typed-array) instance, as the CLI does, then drops the bytes; allocate() then skips
 * validation. With --object it uses the plain path instead: JSON.parse, and allocate() on the
 * object (validation and indexing into typed arrays in its "validate" phase).
 * --instance PATH (repeatable) adds an instance file (JSON, or .json.gz) as an extra case, labelled
 * by its file name, e.g. the server's city instance; --only-instances skips the synthetic sizes
 * and the large-20000 example (tests/fixtures/allocation).
 * Solve time = allocate(): validation (plain path only), network build, min-cost flow,
 * certificate check, slot values and result assembly. Reading + parsing is measured separately.
 * "its CPU ms" is the process CPU time (all threads, GC helpers included) of the median run:
 * less sensitive than wall time to other processes competing for the cores.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance, PerformanceObserver } from "node:perf_hooks";
import * as zlib from "node:zlib";
import { allocate, parseInstanceJson, type SolverChoice } from "../../matching";
import { generateSyntheticInstance } from "../../seeds/synthetic-instance";

interface ChildReport {
  label: string;
  solver: string;
  students: number;
  postings: number;
  edges: number;
  parseMs: number;
  runsMs: number[];
  medianMs: number;
  phases: Record<string, unknown>;
  status: string;
  objective?: number;
  lpObjective?: number;
  peakRssMb: number;
  rssAfterParseMb: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Reads an instance file: compact (bytes -> parseInstanceJson) or plain (JSON.parse). */
function readInstance(file: string, compact: boolean): { instance: unknown; students: number; postings: number; edges: number } {
  let bytes: Buffer | undefined = fs.readFileSync(file);
  if (file.endsWith(".gz")) bytes = zlib.gunzipSync(bytes);
  if (compact) {
    const outcome = parseInstanceJson(bytes);
    bytes = undefined;
    if (!outcome.ok) throw new Error(`${file}: ${outcome.errors.slice(0, 3).join("; ")}`);
    const c = outcome.instance;
    return { instance: c, students: c.students, postings: c.postings, edges: c.edges };
  }
  const instance = JSON.parse(bytes.toString("utf8"));
  return { instance, students: instance.students.length, postings: instance.postings.length, edges: instance.edges.length };
}

async function child(file: string, label: string, solver: SolverChoice, runs: number, compact: boolean): Promise<void> {
  const t0 = performance.now();
  const { instance, students, postings, edges } = readInstance(file, compact);
  const parseMs = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const rssAfterParse = process.memoryUsage().rss;
  const runsMs: number[] = [];
  let last: ReturnType<typeof allocate> | undefined;
  let phasesOfMedian: Record<string, unknown> = {};
  const phases: Array<Record<string, unknown>> = [];
  // Garbage collections (start, duration) as the observer reports them (asynchronously, hence
  // the wait after each run); those starting inside a run are that run's GC time.
  const gcs: Array<[number, number]> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push([entry.startTime, entry.duration]);
  });
  observer.observe({ entryTypes: ["gc"] });
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    // The LP's dense tableau at 1,000 students (about 12k edges) needs ~1.2 GiB: raise its budget here.
    last = allocate(instance, { solver, now: () => performance.now(), lpMemoryBudgetBytes: 3 * 2 ** 30 });
    const end = performance.now();
    const cpuUsed = process.cpuUsage(cpu);
    const cpuMillis = (cpuUsed.user + cpuUsed.system) / 1000;
    runsMs.push(end - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const gcMillis = gcs.filter(([t]) => t >= start && t <= end).reduce((sum, [, d]) => sum + d, 0);
    phases.push(
      last.status === "OPTIMAL"
        ? {
            ...last.stats.phases,
            buildMillis: last.stats.buildMillis,
            solveMillis: last.stats.solveMillis,
            slotValueMillis: last.stats.slotValueMillis,
            relabels: last.stats.relabels,
            pushes: last.stats.pushes,
            arcScans: last.stats.arcScans,
            gcMillis,
            cpuMillis,
          }
        : { gcMillis, cpuMillis },
    );
    last = r === runs - 1 ? last : undefined;
    (globalThis as { gc?: () => void }).gc?.();
  }
  observer.disconnect();
  const m = median(runsMs);
  phasesOfMedian = phases[runsMs.indexOf(m)];
  const report: ChildReport = {
    label,
    solver,
    students,
    postings,
    edges,
    parseMs,
    runsMs,
    medianMs: m,
    phases: phasesOfMedian,
    status: last?.status ?? "?",
    objective: last?.status === "OPTIMAL" ? last.objective : undefined,
    lpObjective: last?.status === "OPTIMAL" ? (last.stats.lpObjective as number | undefined) : undefined,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssAfterParseMb: rssAfterParse / 2 ** 20,
  };
  if (last && last.status !== "OPTIMAL") process.stderr.write(`${label} ${solver}: ${JSON.stringify(last).slice(0, 300)}\n`);
  process.stdout.write(JSON.stringify(report));
}

function runChild(file: string, label: string, solver: SolverChoice, runs: number, compact: boolean): ChildReport {
  const out = execFileSync(process.execPath, ["--max-old-space-size=4096", "--expose-gc", __filename, "--child", file, label, solver, String(runs), compact ? "compact" : "object"], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out) as ChildReport;
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    void child(argv[1], argv[2], argv[3] as SolverChoice, Number(argv[4]), argv[5] === "compact");
    return;
  }
  const runs = argv.includes("--runs") ? Number(argv[argv.indexOf("--runs") + 1]) : 3;
  const compact = !argv.includes("--object");
  const extraFiles = argv.flatMap((arg, i) => (arg === "--instance" && argv[i + 1] !== undefined ? [path.resolve(argv[i + 1])] : []));
  const onlyInstances = argv.includes("--only-instances");
  const sizes = onlyInstances ? [] : [1_000, 20_000, 100_000, ...(argv.includes("--million") ? [1_000_000] : [])];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "matching-bench-"));
  const reports: ChildReport[] = [];
  try {
    for (const students of sizes) {
      const t0 = performance.now();
      const { instance } = generateSyntheticInstance({ students, seed: 2025 });
      const file = path.join(dir, `synthetic-${students}.json`);
      fs.writeFileSync(file, JSON.stringify(instance));
      process.stderr.write(`generated ${students} students, ${instance.edges.length} edges in ${(performance.now() - t0).toFixed(0)} ms\n`);
      reports.push(runChild(file, `synthetic-${students}`, "flow", runs, compact));
      // The LP takes tens of seconds here: one run unless --lp-runs says otherwise.
      const lpRuns = argv.includes("--lp-runs") ? Number(argv[argv.indexOf("--lp-runs") + 1]) : 1;
      if (students === 1_000) reports.push(runChild(file, `synthetic-${students}`, "lp", lpRuns, compact));
      fs.unlinkSync(file);
    }
    const largeFile = path.resolve(__dirname, "../../../tests/fixtures/allocation/large-20000.instance.json.gz");
    if (fs.existsSync(largeFile) && !onlyInstances) reports.push(runChild(largeFile, "example large-20000", "flow", runs, compact));
    for (const file of extraFiles) reports.push(runChild(file, path.basename(file).replace(/\.instance\.json(\.gz)?$|\.json(\.gz)?$/, ""), "flow", runs, compact));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const rows = reports.map((r) => {
    const p = r.phases as Record<string, number>;
    return [
      r.label,
      r.solver,
      String(r.students),
      String(r.edges),
      r.medianMs.toFixed(0),
      p.cpuMillis !== undefined ? p.cpuMillis.toFixed(0) : "",
      // Until the optimum is proven: validation, components, network build + solve, certificate check.
      p.networks !== undefined && p.certify !== undefined ? (p.validate + (p.components ?? 0) + p.networks - (p.slotValueMillis ?? 0) + p.certify).toFixed(0) : "",
      p.validate !== undefined ? p.validate.toFixed(0) : "",
      p.lp !== undefined ? `${p.lp.toFixed(0)} (LP)` : p.solveMillis !== undefined ? p.solveMillis.toFixed(0) : "",
      p.slotValueMillis !== undefined ? p.slotValueMillis.toFixed(0) : "",
      // Everything else inside allocate(): components, network build, certificate, assembly, GC.
      p.validate !== undefined && p.solveMillis !== undefined && p.lp === undefined ? (r.medianMs - p.validate - p.solveMillis - (p.slotValueMillis ?? 0)).toFixed(0) : "",
      p.gcMillis !== undefined ? p.gcMillis.toFixed(0) : "",
      r.solver === "flow" && p.arcScans !== undefined ? `${(p.relabels / 1e6).toFixed(2)} / ${(p.pushes / 1e6).toFixed(2)} / ${(p.arcScans / 1e6).toFixed(1)}` : "",
      r.parseMs.toFixed(0),
      r.peakRssMb.toFixed(0),
      (r.peakRssMb - r.rssAfterParseMb).toFixed(0),
      r.status,
      String(r.objective ?? ""),
    ];
  });
  const header = ["instance", "solver", "students", "edges", "median ms (allocate)", "its CPU ms", "to proven optimum ms", "validate+index ms", "solve ms", "slot values ms", "other ms", "GC in allocate ms", "relabels / pushes / arc scans (M)", compact ? "read+parseInstanceJson ms" : "read+JSON.parse ms", "peak RSS MB", "RSS above parsed MB", "status", "objective"];
  const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  process.stdout.write(`\n${table}\n\n`);
  const flow1k = reports.find((r) => r.label === "synthetic-1000" && r.solver === "flow");
  const lp1k = reports.find((r) => r.label === "synthetic-1000" && r.solver === "lp");
  if (flow1k && lp1k) {
    const agree = flow1k.objective === lp1k.objective && Math.abs((lp1k.lpObjective ?? NaN) - (flow1k.objective ?? NaN)) < 1e-6;
    process.stdout.write(`At 1,000 students: lp ${lp1k.medianMs.toFixed(0)} ms vs flow ${flow1k.medianMs.toFixed(0)} ms, ratio ${(lp1k.medianMs / flow1k.medianMs).toFixed(0)}x; objectives ${agree ? "agree" : "DISAGREE"} (flow ${flow1k.objective}, lp ${lp1k.lpObjective}).\n`);
    if (!agree) process.exitCode = 1;
  }
  process.stdout.write(`Machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, ${os.totalmem() / 2 ** 30 >= 1 ? (os.totalmem() / 2 ** 30).toFixed(0) + " GiB" : ""}\n`);
}

main();
