/**
 * Command line: solve an allocation instance file and write the Result.
 *
 *   npm run --silent allocate -- INSTANCE.json[.gz] --out RESULT.json [--solver auto|flow|lp]
 *                                [--time-limit SECONDS] [--threads 1|2] [--duals]
 *                                [--warm-start PREVIOUS_RESULT.json] [--quiet]
 *
 * Exit 0 for OPTIMAL, 2 for INVALID_INPUT (the Result is still written), 1 otherwise.
 * Progress goes to stderr, one line per step (read, validate, the solve's phases, certify,
 * write) with its time and the process's memory; --quiet silences it. Without --out the Result
 * goes to stdout.
 * The file is read in chunks into one byte buffer (never a string, so files beyond V8's string
 * limit work) and parsed from its bytes into a compact instance (parseInstanceJson: no object per
 * edge). With --time-limit the solve runs in a worker thread, which takes a plain object
 * instance: then the file goes through JSON.parse (and must fit in a string).
 * --threads 2 (the default on a machine with 2 or more cores) hands large components' min-cost
 * flow to a second thread (network-thread.ts) while this one solves the others.
 * --duals writes the optimality certificate's potentials into the Result; a later run given that
 * Result with --warm-start re-solves from it (after declined offers, changed capacities, withdrawn
 * students: see AllocateOptions.warmStart), to the same proven optimum.
 */
import { instanceErrorZh } from "../../schema/rules/messages-zh";
import * as fs from "node:fs";
import * as os from "node:os";
import { performance } from "node:perf_hooks";
import * as zlib from "node:zlib";
import { allocate, isCompactInstance, parseInstanceJson, type AllocateOptions, type Result, type SolverChoice } from "../../matching";
import { solveInWorker } from "../solver/worker-pool";
import { WorkerNetworkThread } from "./network-thread";

interface CliArgs {
  input: string;
  out?: string;
  solver: SolverChoice;
  timeLimitSeconds?: number;
  threads: number;
  duals: boolean;
  warmStart?: string;
  quiet: boolean;
}

const USAGE = "usage: allocate INSTANCE.json[.gz] --out RESULT.json [--solver auto|flow|lp] [--time-limit SECONDS] [--threads 1|2] [--duals] [--warm-start PREVIOUS_RESULT.json] [--quiet]";

/**
 * Messages to the terminal in Chinese, or in English with MESSAGE_LANG=en (not LANG: servers
 * often default to en_US whatever their users read).
 */
const ENGLISH = /^en/i.test(process.env.MESSAGE_LANG ?? "");

const USAGE_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^unknown solver (.*)$/, (m) => `未知的求解器 ${m[1]}（可选 auto、flow、lp）`],
  [/^--time-limit needs/, () => "--time-limit 须为正的秒数"],
  [/^--threads takes/, () => "--threads 只能是 1 或 2"],
  [/^--warm-start needs/, () => "--warm-start 须给出上一次的结果文件"],
  [/^unknown option (.*)$/, (m) => `未知的选项 ${m[1]}`],
  [/^unexpected argument (.*)$/, (m) => `多余的参数 ${m[1]}`],
  [/^missing INSTANCE file$/, () => "缺少实例文件 INSTANCE"],
  [/^cannot read the warm start (\S+): (.*)$/, (m) => `无法读取热启动结果 ${m[1]}：${m[2]}`],
  [/^cannot read (\S+): (.*)$/, (m) => `无法读取 ${m[1]}：${m[2]}`],
];

function usage(message: string): never {
  const zh = USAGE_ZH.find(([p]) => p.test(message));
  if (zh && !ENGLISH) message = `${zh[1](zh[0].exec(message)!)}（${message}）`;
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): CliArgs {
  let input: string | undefined;
  let out: string | undefined;
  let solver: SolverChoice = "auto";
  let timeLimitSeconds: number | undefined;
  let quiet = false;
  let threads = Math.min(2, os.availableParallelism());
  let duals = false;
  let warmStart: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") out = argv[++i];
    else if (arg === "--quiet") quiet = true;
    else if (arg === "--solver") {
      const value = argv[++i];
      if (value !== "auto" && value !== "flow" && value !== "lp") usage(`unknown solver ${value}`);
      solver = value;
    } else if (arg === "--time-limit") {
      timeLimitSeconds = Number(argv[++i]);
      if (!(timeLimitSeconds > 0)) usage("--time-limit needs a positive number of seconds");
    } else if (arg === "--threads") {
      threads = Number(argv[++i]);
      if (threads !== 1 && threads !== 2) usage("--threads takes 1 or 2");
    } else if (arg === "--duals") duals = true;
    else if (arg === "--warm-start") {
      warmStart = argv[++i];
      if (!warmStart) usage("--warm-start needs a Result file");
    } else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (input === undefined) input = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (!input) usage("missing INSTANCE file");
  return { input, out, solver, timeLimitSeconds, threads, duals, warmStart, quiet };
}

/** Progress lines on stderr: each step with its time and the memory in use after it. */
class Progress {
  constructor(private readonly quiet: boolean) {}

  note(message: string): void {
    if (!this.quiet) process.stderr.write(`[allocate] ${message}\n`);
  }

  step(name: string, millis: number, detail = ""): void {
    if (this.quiet) return;
    const { rss, heapUsed } = process.memoryUsage();
    const time = Number.isNaN(millis) ? "" : ` ${millis.toFixed(0)} ms`;
    this.note(`${name.padEnd(10)}${time}${detail ? `, ${detail}` : ""} (rss ${(rss / 2 ** 20).toFixed(0)} MB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MB)`);
  }
}

/** The file's bytes, read in chunks into one buffer (no string: any size up to Buffer's limit), gunzipped when gzip. */
function readBytes(file: string): { bytes: Buffer; fileBytes: number; gzipped: boolean } {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const raw = Buffer.allocUnsafe(size);
    for (let at = 0; at < size; ) {
      const read = fs.readSync(fd, raw, at, Math.min(1 << 26, size - at), at);
      if (read === 0) throw new Error(`file ended after ${at} of ${size} bytes`);
      at += read;
    }
    const gzipped = size > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
    return { bytes: gzipped ? zlib.gunzipSync(raw, { maxOutputLength: 2 ** 32 - 1 }) : raw, fileBytes: size, gzipped };
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads and parses the instance; a Result instead when the file is not a valid instance. */
function readInstance(args: CliArgs, progress: Progress): { instance: unknown } | { result: Result } {
  const t0 = performance.now();
  let source: ReturnType<typeof readBytes> | undefined;
  try {
    source = readBytes(args.input);
  } catch (error) {
    usage(`cannot read ${args.input}: ${(error as Error).message}`);
  }
  progress.step("read", performance.now() - t0, `${args.input} (${(source.fileBytes / 1e6).toFixed(1)} MB${source.gzipped ? ", gzip" : ""})`);
  const t1 = performance.now();
  const bytes = source.bytes;
  source = undefined; // the bytes go once parsed: at 20M edges they are ~1.2 GB
  if (args.timeLimitSeconds) {
    try {
      const instance: unknown = JSON.parse(bytes.toString("utf8"));
      progress.step("parse", performance.now() - t1, "JSON.parse (validated in the worker)");
      return { instance };
    } catch (error) {
      progress.step("parse", performance.now() - t1, "not valid JSON");
      return { result: { version: 1, status: "INVALID_INPUT", errors: [`instance: not valid JSON (${(error as Error).message})`] } };
    }
  }
  // Invalid input is reported as allocate() would (same messages), without solving.
  const outcome = parseInstanceJson(bytes);
  const detail = outcome.ok ? `${outcome.instance.students} students, ${outcome.instance.postings} postings, ${outcome.instance.enterprises} enterprises, ${outcome.instance.edges} edges` : "invalid";
  progress.step("validate", performance.now() - t1, detail);
  return outcome.ok ? { instance: outcome.instance } : { result: { version: 1, status: "INVALID_INPUT", errors: outcome.errors } };
}

/** Instances from this many edges on solve with a second thread (with --threads 2). */
const THREAD_MIN_EDGES = 1_000_000;

/** allocate()'s phase names as printed; its "validate" is empty here (the parser validated). */
const PHASE_NAMES: Record<string, string | null> = { networks: "solve", validate: null };

/** The previous Result of --warm-start (a usage error when it cannot be read as one). */
function previousResult(file: string, progress: Progress): Result {
  const t0 = performance.now();
  let previous: Result;
  try {
    previous = JSON.parse(fs.readFileSync(file, "utf8")) as Result;
  } catch (error) {
    usage(`cannot read the warm start ${file}: ${(error as Error).message}`);
  }
  const usable = previous?.status === "OPTIMAL" && previous.duals !== undefined;
  progress.step("warm start", performance.now() - t0, `${file}${usable ? "" : " (not an OPTIMAL Result with duals: solving cold)"}`);
  return previous;
}

async function solve(args: CliArgs, instance: unknown, progress: Progress): Promise<Result> {
  const options: AllocateOptions = {
    solver: args.solver,
    duals: args.duals,
    ...(args.warmStart ? { warmStart: previousResult(args.warmStart, progress) } : {}),
    now: () => performance.now(),
    progress: (phase, millis) => {
      const name = PHASE_NAMES[phase] === undefined ? phase : PHASE_NAMES[phase];
      if (name !== null) progress.step(name, millis);
    },
  };
  progress.note(`solving with ${args.solver}${args.timeLimitSeconds ? ` (time limit ${args.timeLimitSeconds} s, worker thread)` : ""}`);
  const t0 = performance.now();
  if (args.timeLimitSeconds) {
    // The worker cannot call back across threads: its phases come with the Result.
    const { progress: _unused, ...transferable } = options;
    void _unused;
    return solveInWorker(instance, transferable, { timeoutMs: args.timeLimitSeconds * 1000 });
  }
  // A second thread only pays for its start-up (~50 ms) on instances with large components.
  const thread = args.threads > 1 && isCompactInstance(instance) && instance.edges >= THREAD_MIN_EDGES ? new WorkerNetworkThread() : undefined;
  try {
    const result = allocate(instance, { ...options, networkThread: thread });
    progress.note(`status ${result.status} after ${(performance.now() - t0).toFixed(0)} ms${thread ? " (2 threads)" : ""}`);
    return result;
  } finally {
    await thread?.close();
  }
}

function summarise(result: Result, progress: Progress): void {
  if (result.status === "OPTIMAL") {
    const stats = result.stats;
    progress.note(`status OPTIMAL, objective ${result.objective} (score ${result.totalScore}, shortfall ${result.totalShortfall}), ${result.placements.length} placements, ${result.unplaced.length} unplaced`);
    if (result.stability) progress.note(`stability: ${result.stability.blockingPairs} blocking pairs, ${result.stability.envyPairs} envy pairs`);
    if (stats.phases) progress.note(`phases (ms): ${JSON.stringify(stats.phases)}`);
  } else if (result.status === "INVALID_INPUT") {
    progress.note(`status INVALID_INPUT, ${result.errors.length} errors, first: ${result.errors[0]}`);
    // The Result file keeps the contract's English; the person at the terminal reads Chinese.
    if (!ENGLISH) for (const e of result.errors.slice(0, 20)) progress.note(`实例有误：${instanceErrorZh(e)}`);
  }
  else progress.note(`status ${result.status}: ${result.message}`);
}

/**
 * Writes the Result as JSON, its arrays in batches of elements: at a million students one
 * JSON.stringify of the whole Result would pass V8's string limit.
 */
function writeResult(result: Result, out: string | undefined): void {
  const fd = out ? fs.openSync(out, "w") : 1;
  const write = (text: string): void => {
    fs.writeSync(fd, text);
  };
  try {
    const entries = Object.entries(result);
    write("{\n");
    entries.forEach(([key, value], k) => {
      write(` ${JSON.stringify(key)}: `);
      if (Array.isArray(value) && value.length > 0) {
        write("[\n");
        for (let i = 0; i < value.length; i += 10_000) {
          const batch = value.slice(i, i + 10_000).map((x) => `  ${JSON.stringify(x)}`);
          write(batch.join(",\n") + (i + 10_000 < value.length ? ",\n" : "\n"));
        }
        write(" ]");
      } else write(JSON.stringify(value));
      write(k + 1 < entries.length ? ",\n" : "\n");
    });
    write("}\n");
  } finally {
    if (out) fs.closeSync(fd);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const progress = new Progress(args.quiet);
  const read = readInstance(args, progress);
  const result = "result" in read ? read.result : await solve(args, read.instance, progress);
  summarise(result, progress);
  const t0 = performance.now();
  writeResult(result, args.out);
  progress.step("write", performance.now() - t0, args.out ?? "stdout");
  process.exitCode = result.status === "OPTIMAL" ? 0 : result.status === "INVALID_INPUT" ? 2 : 1;
}

void main();
