/**
 * Command line: solve an allocation instance file and write the Result.
 *
 *   npm run --silent allocate -- INSTANCE.json[.gz] --out RESULT.json [--solver auto|flow|lp] [--time-limit SECONDS]
 *
 * Exit 0 for OPTIMAL, 2 for INVALID_INPUT (the Result is still written), 1 otherwise.
 * Progress and timings go to stderr; without --out the Result goes to stdout.
 * The file is parsed from its bytes into a compact instance (parseInstanceJson: no object per
 * edge, ~35 MB instead of ~500 MB at 2,000,000 edges). With --time-limit the solve runs in a
 * worker thread, which takes a plain object instance: then the file goes through JSON.parse.
 */
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import * as zlib from "node:zlib";
import { allocate, parseInstanceJson, type AllocateOptions, type Result, type SolverChoice } from "../../matching";
import { solveInWorker } from "../solver/worker-pool";

interface CliArgs {
  input: string;
  out?: string;
  solver: SolverChoice;
  timeLimitSeconds?: number;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: allocate INSTANCE.json[.gz] --out RESULT.json [--solver auto|flow|lp] [--time-limit SECONDS]\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): CliArgs {
  let input: string | undefined;
  let out: string | undefined;
  let solver: SolverChoice = "auto";
  let timeLimitSeconds: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") out = argv[++i];
    else if (arg === "--solver") {
      const value = argv[++i];
      if (value !== "auto" && value !== "flow" && value !== "lp") usage(`unknown solver ${value}`);
      solver = value;
    } else if (arg === "--time-limit") {
      timeLimitSeconds = Number(argv[++i]);
      if (!(timeLimitSeconds > 0)) usage("--time-limit needs a positive number of seconds");
    } else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (input === undefined) input = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (!input) usage("missing INSTANCE file");
  return { input, out, solver, timeLimitSeconds };
}

function log(message: string): void {
  process.stderr.write(`[allocate] ${message}\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  let instance: unknown;
  let result: Result | undefined;
  try {
    const raw = fs.readFileSync(args.input);
    const gzipped = raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
    const bytes = gzipped ? zlib.gunzipSync(raw) : raw;
    log(`read ${args.input} (${(raw.length / 1e6).toFixed(1)} MB${gzipped ? ", gzip" : ""}) in ${(performance.now() - t0).toFixed(0)} ms`);
    const t1 = performance.now();
    if (args.timeLimitSeconds) {
      try {
        instance = JSON.parse(bytes.toString("utf8"));
      } catch (error) {
        result = { version: 1, status: "INVALID_INPUT", errors: [`instance: not valid JSON (${(error as Error).message})`] };
      }
      log(`parsed JSON in ${(performance.now() - t1).toFixed(0)} ms`);
    } else {
      // Invalid input is reported as allocate() would (same messages), without solving.
      const outcome = parseInstanceJson(bytes);
      if (outcome.ok) instance = outcome.instance;
      else result = { version: 1, status: "INVALID_INPUT", errors: outcome.errors };
      log(`parsed and validated ${outcome.ok ? `${outcome.instance.students} students, ${outcome.instance.edges} edges` : "(invalid)"} in ${(performance.now() - t1).toFixed(0)} ms`);
    }
  } catch (error) {
    usage(`cannot read ${args.input}: ${(error as Error).message}`);
  }
  if (!result) {
    const options: AllocateOptions = { solver: args.solver, now: () => performance.now() };
    const t2 = performance.now();
    log(`solving with ${args.solver}${args.timeLimitSeconds ? ` (time limit ${args.timeLimitSeconds} s, worker thread)` : ""}`);
    result = args.timeLimitSeconds ? await solveInWorker(instance, options, { timeoutMs: args.timeLimitSeconds * 1000 }) : allocate(instance, options);
    log(`status ${result.status} in ${(performance.now() - t2).toFixed(0)} ms`);
    if (result.status === "OPTIMAL") {
      log(`objective ${result.objective} (score ${result.totalScore}, shortfall ${result.totalShortfall}), ${result.placements.length} placements, ${result.unplaced.length} unplaced`);
      if (result.stats.phases) log(`phases (ms): ${JSON.stringify(result.stats.phases)}`);
    } else if (result.status === "INVALID_INPUT") log(`${result.errors.length} errors, first: ${result.errors[0]}`);
    else log(result.message);
  }
  const json = JSON.stringify(result, null, 1);
  if (args.out) fs.writeFileSync(args.out, json + "\n");
  else process.stdout.write(json + "\n");
  process.exitCode = result.status === "OPTIMAL" ? 0 : result.status === "INVALID_INPUT" ? 2 : 1;
}

void main();
