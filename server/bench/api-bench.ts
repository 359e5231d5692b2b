/**
 * The API under load (`npm run bench:api`): autocannon against the real server at the 100k city,
 * one list query at a time, as the dashboard and the three roles send them.
 *
 *   npm run bench:api -- [--data-dir DIR] [--students 100000] [--connections 200] [--duration 60]
 *                        [--repeat 1] [--warmup 5] [--only name,name] [--rate N] [--keep-data]
 *
 * With --data-dir, the server starts on a data directory seeded by `npm run seed:city` (its
 * city-seed.json names the accounts and ids); without, a fresh temp one is seeded first (seedCity,
 * --students) and deleted at the end (--keep-data keeps it). For each query: a warm-up of
 * --warmup seconds (not recorded), then --duration seconds with --connections connections,
 * --repeat times (the table shows the median run by req/s). A 200 response whose body has
 * "errors" counts as a GraphQL error (autocannon's verifyBody sees every body). Targets (issue 11):
 * p99 < 50 ms, >= 1,000 req/s, 0 non-2xx. With 200 connections sending as fast as they are
 * answered, latency is connections / throughput (Little's law): p99 < 50 ms needs ~4,000 req/s;
 * --rate 1000 measures latency at the target rate instead (an open load). Prints a table and
 * writes bench-results/api.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { readCitySeed, seedCity, type CitySeed } from "../../seeds/city";
import { repoRoot } from "../embedded";
import { gql, loadLine, login, machineLine, median, peakRssMb, startServer, stopServer } from "./bench-server";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const CONNECTIONS = Number(option("connections") ?? 200);
const DURATION = Number(option("duration") ?? 60);
const REPEAT = Number(option("repeat") ?? 1);
const WARMUP = Number(option("warmup") ?? 5);
const ONLY = option("only")?.split(",");
/** --rate N: an open load of N req/s in all (autocannon overallRate) instead of as fast as the connections go. */
const RATE = option("rate") ? Number(option("rate")) : undefined;
const TARGET = { p99Ms: 50, requestsPerSecond: 1000 };

type Role = "bureau" | "school" | "enterprise";

interface BenchQuery {
  name: string;
  /** Who sends it (whose token). */
  role: Role;
  query: string;
  variables?: Record<string, unknown>;
}

/** The list queries of the dashboard and the three roles, first page of 20 as the web app asks. */
function queriesOf(seed: CitySeed): BenchQuery[] {
  const year = Math.max(...seed.outcomeYears);
  const postingFields = "totalCount edges { cursor node { id title kind capacity monthlyPay district status enterprise { name } } } pageInfo { hasNextPage endCursor }";
  const placementFields = "totalCount edges { cursor node { id status score student { name major } posting { title } enterprise { name } } } pageInfo { hasNextPage endCursor }";
  return [
    { name: "baseline { __typename }", role: "bureau", query: "{ __typename }" },
    { name: "postings: bureau, open internships", role: "bureau", query: `{ postings(first: 20, filter: { kind: INTERNSHIP, status: OPEN }) { ${postingFields} } }` },
    { name: "postings: an enterprise's own", role: "enterprise", query: `{ postings(first: 20) { ${postingFields} } }` },
    { name: "students: a school's", role: "school", query: "{ students(first: 20) { totalCount edges { cursor node { id name major graduationYear nationalId } } pageInfo { hasNextPage endCursor } } }" },
    { name: "placements: an enterprise's offers", role: "enterprise", query: `query($run: ID!) { placements(first: 20, filter: { runId: $run }) { ${placementFields} } }`, variables: { run: seed.runId } },
    { name: "placements: a school's offers", role: "school", query: `query($run: ID!) { placements(first: 20, filter: { runId: $run }) { ${placementFields} } }`, variables: { run: seed.runId } },
    {
      name: `retentionStats by school (${year})`,
      role: "bureau",
      query: "query($y: Int!) { retentionStats(year: $y, groupBy: SCHOOL) { target total { graduates employed employedInCity retentionRate } rows { key label graduates employed employedInCity retentionRate placementRate majorMatchRate } } }",
      variables: { y: year },
    },
    {
      name: `dashboard: 4 reports (${year})`,
      role: "bureau",
      query:
        "query($y: Int!) { retentionStats(year: $y, groupBy: SCHOOL) { target rows { label employed employedInCity retentionRate } } " +
        "retentionTrend { year employed employedInCity retentionRate target } " +
        "majorIndustryFit(year: $y) { graduates fitted fitRate target clusters { name graduates share } } " +
        "supplyDemand(year: $y, groupBy: MAJOR_CATEGORY) { rows { label supply demand gap } total { supply demand gap } } }",
      variables: { y: year },
    },
  ];
}

interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  graphqlErrors: number;
  /** Connection errors and timeouts (autocannon counts a timeout as an error too). */
  socketErrors: number;
  timeouts: number;
  load: string;
  firstError?: string;
}

async function hammer(url: string, token: string, q: BenchQuery, seconds: number): Promise<Figures> {
  let firstError: string | undefined;
  const load = loadLine();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(RATE ? { overallRate: RATE } : {}),
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: q.query, variables: q.variables ?? {} }),
    // A GraphQL error comes back as 200 with "errors": counted as a mismatch.
    verifyBody: (body: unknown) => {
      const ok = typeof body === "string" && !body.includes('"errors"');
      if (!ok && firstError === undefined) firstError = String(body).slice(0, 300);
      return ok;
    },
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    graphqlErrors: result.mismatches,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    load,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * Waits until the server answers `{ __typename }` within 100 ms again: requests of connections
 * autocannon closed are still being served, and would slow the next query's run (at most 120 s).
 */
async function drain(url: string, token: string): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < 120_000) {
    const t = Date.now();
    await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: '{"query":"{ __typename }"}', signal: AbortSignal.timeout(5000) }).then((r) => r.text()).catch(() => undefined);
    if (Date.now() - t < 100) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return Date.now() - t0;
}

const meets = (f: Figures) => f.p99Ms < TARGET.p99Ms && f.requestsPerSecond >= TARGET.requestsPerSecond && f.non2xx === 0 && f.graphqlErrors === 0 && f.socketErrors === 0;

function table(rows: { name: string; figures: Figures }[]): string {
  const head = ["query", "req/s", "p50 ms", "p99 ms", "non-2xx", "GraphQL errors", "errors (of them timeouts)", "load (1/5/15)", "targets"];
  const lines = rows.map(({ name, figures: f }) => [name, String(f.requestsPerSecond), String(f.p50Ms), String(f.p99Ms), String(f.non2xx), String(f.graphqlErrors), `${f.socketErrors} (${f.timeouts})`, f.load, meets(f) ? "met" : "MISSED"]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [fmt(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...lines.map(fmt)].join("\n");
}

async function main(): Promise<void> {
  console.log(machineLine());
  const given = option("data-dir");
  let seed: CitySeed | null;
  let seededHere: string | undefined;
  if (given) {
    seed = readCitySeed(path.resolve(given));
    if (!seed) throw new Error(`${given} was not seeded by seed:city (no city-seed.json); run npm run seed:city -- --data-dir ${given}`);
  } else {
    seededHere = fs.mkdtempSync(path.join(os.tmpdir(), "api-bench-"));
    fs.chmodSync(seededHere, 0o755);
    const students = Number(option("students") ?? 100_000);
    console.log(`no --data-dir: seeding a city of ${students} students in ${seededHere}`);
    seed = await seedCity({ students, dataDir: path.join(seededHere, "data") });
  }
  const server = await startServer({ dataDir: seed.dataDir, env: { SEED_DEMO: "false" } });
  const results: { name: string; role: Role; runs: Figures[]; figures: Figures }[] = [];
  try {
    const tokens: Record<Role, string> = {
      bureau: await login(server.url, seed.accounts.bureau, seed.password),
      school: await login(server.url, seed.accounts.school, seed.password),
      enterprise: await login(server.url, seed.accounts.enterprise, seed.password),
    };
    const queries = queriesOf(seed).filter((q) => !ONLY || ONLY.some((o) => q.name.includes(o)));
    console.log(`city: ${JSON.stringify(seed.counts)}; ${CONNECTIONS} connections${RATE ? ` at ${RATE} req/s` : ""}, ${DURATION} s per query (+${WARMUP} s warm-up), ${REPEAT} run(s)`);
    // Each query once, to show what it returns (and fail early on an error).
    for (const q of queries) {
      const t = Date.now();
      const data = await gql(server.url, q.query, q.variables ?? {}, tokens[q.role]);
      const first = Object.values(data as Record<string, unknown>)[0] as { totalCount?: number; rows?: unknown[] } | string;
      const size = typeof first === "object" && first ? (first.totalCount ?? first.rows?.length ?? "") : "";
      console.log(`  ${q.name}: ${Date.now() - t} ms alone${size !== "" ? `, ${size} ${first && typeof first === "object" && "totalCount" in first ? "in total" : "rows"}` : ""}`);
    }
    for (const q of queries) {
      if (WARMUP > 0) {
        await hammer(server.url, tokens[q.role], q, WARMUP);
        await drain(server.url, tokens.bureau);
      }
      const runs: Figures[] = [];
      for (let r = 0; r < REPEAT; r++) {
        const f = await hammer(server.url, tokens[q.role], q, DURATION);
        runs.push(f);
        console.log(`  ${q.name}, run ${r + 1}: ${f.requestsPerSecond} req/s p50 ${f.p50Ms} p99 ${f.p99Ms} ms, non-2xx ${f.non2xx}, GraphQL errors ${f.graphqlErrors}, errors ${f.socketErrors} (timeouts ${f.timeouts}), ${f.requests} requests (load ${f.load})`);
        const drained = await drain(server.url, tokens.bureau);
        if (drained > 2000) console.log(`    (the server took ${Math.round(drained / 1000)} s to finish the requests left in flight)`);
      }
      const mid = median(runs.map((f) => f.requestsPerSecond));
      const figures = runs.find((f) => f.requestsPerSecond === mid)!;
      results.push({ name: q.name, role: q.role, runs, figures });
      console.log(`  ${q.name}: ${runs.map((f) => `${f.requestsPerSecond} req/s p50 ${f.p50Ms} p99 ${f.p99Ms} ms, non-2xx ${f.non2xx}, GraphQL errors ${f.graphqlErrors}, errors ${f.socketErrors} (timeouts ${f.timeouts})`).join("; ")} (load ${figures.load})${figures.firstError ? `\n    first error: ${figures.firstError}` : ""}`);
    }
    console.log(`\n${table(results)}`);
    console.log(`targets: p99 < ${TARGET.p99Ms} ms, >= ${TARGET.requestsPerSecond} req/s, 0 non-2xx, 0 GraphQL errors; load after: ${loadLine()}`);
    console.log(`peak RSS: server ${peakRssMb(server.child.pid!)} MB, FerretDB ${peakRssMb(server.ferretdbPid)} MB`);
    const out = path.join(repoRoot(), "bench-results");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "api.json"), JSON.stringify({ machine: machineLine(), connections: CONNECTIONS, rate: RATE ?? null, durationSeconds: DURATION, city: seed.counts, results }, null, 2));
  } finally {
    await stopServer(server);
    if (seededHere && !args.includes("--keep-data")) fs.rmSync(seededHere, { recursive: true, force: true });
    else if (seededHere) console.log(`data kept in ${seed.dataDir}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
