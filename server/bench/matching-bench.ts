/**
 * Matching engine benchmark.
 *
 *   npm run bench:matching [-- --million] [-- --runs 3] [-- --lp-runs 1] [-- --object]
 *                          [-- --instance PATH [--instance PATH2 ...]] [-- --only-instances]
 *   npm run bench:matching -- --warm [--runs 5] [--students 100000]
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
import { allocate, parseInstanceJson, type Instance, type OptimalResult, type SolverChoice } from "../../matching";
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

/** The re-solve scenarios of --warm: what changes after a first run. */
const WARM_SCENARIOS: Array<{ name: string; change: (instance: Instance, first: OptimalResult) => Instance }> = [
  { name: "20 offers declined", change: (i, first) => withoutEdges(i, first.placements.filter((_, k) => k % Math.floor(first.placements.length / 20) === 7)) },
  { name: "a posting's capacity 10 -> 2", change: (i) => ({ ...i, postings: i.postings.map((p, k) => (k === i.postings.findIndex((q) => q.capacity === 10) ? { ...p, capacity: 2 } : p)) }) },
  { name: "a student withdrawn", change: (i, first) => withoutStudent(i, first.placements[first.placements.length >> 1].student) },
  { name: "all three", change: (i, first) => WARM_SCENARIOS.slice(0, 3).reduce((x, s) => s.change(x, first), i) },
];

function withoutEdges(instance: Instance, declined: Array<{ student: string; posting: string }>): Instance {
  const gone = new Set(declined.map((d) => `${d.student}\u0000${d.posting}`));
  return { ...instance, edges: instance.edges.filter((e) => !gone.has(`${e.student}\u0000${e.posting}`)) };
}

function withoutStudent(instance: Instance, id: string): Instance {
  return { ...instance, students: instance.students.filter((s) => s.id !== id), edges: instance.edges.filter((e) => e.student !== id) };
}

/**
 * --warm: re-solves after each scenario's change, cold and warm-started from the first run's
 * Result (with duals), on compact instances as the CLI and the server solve them; medians of
 * `runs` alternating runs, their ratio, and whether the objectives agree.
 */
function warmBench(students: number, runs: number): void {
  const { instance } = generateSyntheticInstance({ students, seed: 2025 });
  const compact = (x: Instance) => {
    const outcome = parseInstanceJson(JSON.stringify(x));
    if (!outcome.ok) throw new Error(outcome.errors[0]);
    return outcome.instance;
  };
  const now = () => performance.now();
  const first = allocate(compact(instance), { duals: true, now });
  if (first.status !== "OPTIMAL") throw new Error(`first run: ${first.status}`);
  const rows: string[][] = [];
  for (const scenario of WARM_SCENARIOS) {
    const next = compact(scenario.change(instance, first));
    const cold: number[] = [];
    const warm: number[] = [];
    let agree = true;
    for (let r = 0; r < runs; r++) {
      let t = now();
      const c = allocate(next, { now });
      cold.push(now() - t);
      t = now();
      const w = allocate(next, { now, warmStart: first, duals: true });
      warm.push(now() - t);
      agree &&= c.status === "OPTIMAL" && w.status === "OPTIMAL" && c.objective === w.objective && w.stats.certified;
    }
    rows.push([scenario.name, median(cold).toFixed(0), median(warm).toFixed(0), (median(cold) / median(warm)).toFixed(1), agree ? "yes" : "NO"]);
    if (!agree) process.exitCode = 1;
  }
  const header = ["change", "cold allocate() median ms", "warm-started median ms", "ratio", "objectives equal, certified"];
  process.stdout.write(`\nRe-solve at ${students} students (${instance.edges.length} edges), ${runs} runs each, load ${os.loadavg()[0].toFixed(2)}:\n`);
  process.stdout.write(`${[header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`);
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    void child(argv[1], argv[2], argv[3] as SolverChoice, Number(argv[4]), argv[5] === "compact");
    return;
  }
  if (argv.includes("--warm")) {
    const students = argv.includes("--students") ? Number(argv[argv.indexOf("--students") + 1]) : 100_000;
    warmBench(students, argv.includes("--runs") ? Number(argv[argv.indexOf("--runs") + 1]) : 5);
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
