/**
 * Allocation runs, end to end through the API (`npm run bench:allocation`):
 * 1. the demo city: startAllocationRun -> SOLVED, median of 3 runs;
 * 2. a synthetic city (100,000 students by default) loaded through the import
 *    mutations, then solved and committed; wall time of each phase and the
 *    peak memory (VmHWM) of the server process and of its FerretDB.
 * The server is the real one (dist/server/main.js) in a child process, on a
 * fresh embedded FerretDB; this process only sends HTTP requests.
 */
import { buildSyntheticCity } from "../../seeds/synthetic-city";
import { ensureBureauAccount, gql, inParallel, login, machineLine, median, peakRssMb, solve, startServer, stopServer, type BenchServer } from "./bench-server";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const STUDENTS = option("students", 100_000);
const SKIP_DEMO = args.includes("--skip-demo");
/** Imports in flight at once (--uploads N): schools and enterprises load their own data side by side. */
const UPLOADS = option("uploads", 2);

/** A server on a fresh temp database, deleted when it stops (--keep-data keeps it). */
const benchServer = (env: Record<string, string>) => startServer({ env, tempPrefix: "alloc-bench-" });

async function stop(server: BenchServer): Promise<void> {
  await stopServer(server, args.includes("--keep-data"));
  if (args.includes("--keep-data")) console.log(`  data kept in ${server.dataDir}`);
}

async function demoCity() {
  const server = await benchServer({ SEED_DEMO: "true" });
  try {
    const token = await login(server.url, "bureau@demo.local", "demo-password");
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await solve(server.url, token, `demo ${i + 1}`));
    const r = runs[0]!;
    console.log(`demo city: ${r.sizes?.students} students, ${r.sizes?.postings} postings, ${r.sizes?.edges} edges, objective ${r.objective}, placed ${r.placedCount}`);
    console.log(`  start -> SOLVED: ${runs.map((x) => x.millis).join(", ")} ms; median ${median(runs.map((x) => x.millis))} ms (load ${r.timings.loadMillis}, solve ${r.timings.solveMillis}, write ${r.timings.writeMillis})`);
  } finally {
    await stop(server);
  }
}

async function syntheticCity() {
  const city = buildSyntheticCity({ students: STUDENTS, postings: STUDENTS / 5, enterprises: STUDENTS / 50, schools: 50 });
  const server = await benchServer({ SEED_DEMO: "false" });
  try {
    await ensureBureauAccount(server, "bench@bench.local", "bench-password-1");
    const token = await login(server.url, "bench@bench.local", "bench-password-1");
    const phases: Record<string, number> = {};
    const time = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      const result = await work();
      phases[phase] = Date.now() - t;
      return result;
    };
    const t0 = Date.now();
    const enterpriseIds: string[] = (await time("enterprises", () => gql(server.url, `mutation($rows: [EnterpriseInput!]!) { importEnterprises(rows: $rows) { imported ids } }`, { rows: city.enterprises }, token))).importEnterprises.ids;
    const schoolIds = await time("schools", async () => {
      const ids: string[] = [];
      for (const s of city.schools) ids.push((await gql(server.url, `mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: s }, token)).createSchool.id);
      return ids;
    });
    await time("postings", async () => {
      const rows = city.postings.map(({ enterpriseIndex, ...p }) => ({ ...p, enterpriseId: enterpriseIds[enterpriseIndex] }));
      const calls = [];
      for (let i = 0; i < rows.length; i += 2500) calls.push(() => gql(server.url, `mutation($rows: [PostingInput!]!) { importPostings(rows: $rows) { imported } }`, { rows: rows.slice(i, i + 2500) }, token));
      await inParallel(calls, UPLOADS);
    });
    await time("students", async () => {
      const bySchool = new Map<number, unknown[]>();
      for (const s of city.students) bySchool.set(s.schoolIndex, [...(bySchool.get(s.schoolIndex) ?? []), s.row]);
      const calls = [];
      for (const [index, rows] of bySchool) {
        for (let i = 0; i < rows.length; i += 4000) {
          calls.push(() => gql(server.url, `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: schoolIds[index], rows: rows.slice(i, i + 4000) }, token));
        }
      }
      await inParallel(calls, UPLOADS);
    });
    const loaded = Date.now() - t0;
    const run = await time("solve", () => solve(server.url, token, "synthetic"));
    await time("commit", () => gql(server.url, `mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "bench-commit-1") { status } }`, { id: run.id }, token));
    const total = Date.now() - t0;
    // Outside the total: what users wait for when they list at this scale (first page of 100).
    const lists: Record<string, number> = {};
    const listed = async (name: string, query: string, variables: Record<string, unknown>) => {
      const t = Date.now();
      await gql(server.url, query, variables, token);
      lists[name] = Date.now() - t;
    };
    await listed("a school's students", `query($s: ID!) { students(first: 100, filter: { schoolId: $s }) { totalCount edges { node { id name } } } }`, { s: schoolIds[0] });
    await listed("open internship postings", `{ postings(first: 100, filter: { kind: INTERNSHIP, status: OPEN }) { totalCount edges { node { id title } } } }`, {});
    await listed("an enterprise's offers", `query($e: ID!) { placements(first: 100, filter: { enterpriseId: $e }) { totalCount edges { node { id status } } } }`, { e: enterpriseIds[0] });
    await listed("a school's offers", `query($s: ID!) { placements(first: 100, filter: { schoolId: $s }) { totalCount edges { node { id status } } } }`, { s: schoolIds[0] });
    // Outside the total: a follow-up run on top of the committed one (its 45k held places read back).
    const followUp = await solve(server.url, token, "synthetic follow-up");
    console.log(`synthetic city: ${city.students.length} students, ${city.postings.length} postings, ${city.enterprises.length} enterprises, 50 schools`);
    console.log(`  run: ${run.status} ${run.failureReason ?? ""} edges ${run.sizes?.edges}, objective ${run.objective}, placed ${run.placedCount}, unplaced ${run.unplacedCount}, shortfall ${run.totalShortfall}`);
    console.log(`  run timings: load ${run.timings.loadMillis} ms, solve ${run.timings.solveMillis} ms, write ${run.timings.writeMillis} ms`);
    console.log(`  imports in flight at once: ${UPLOADS}`);
    console.log(`  phases (ms): ${Object.entries(phases).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(`  load ${loaded} ms; load + solve + commit ${total} ms`);
    console.log(`  list, first page of 100 (ms): ${Object.entries(lists).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(`  follow-up run (on top of the committed one): ${followUp.status}, ${followUp.sizes?.students} students, ${followUp.sizes?.postings} postings, start -> SOLVED ${followUp.millis} ms (load ${followUp.timings.loadMillis}, solve ${followUp.timings.solveMillis}, write ${followUp.timings.writeMillis})`);
    console.log(`  peak RSS: server ${peakRssMb(server.child.pid!)} MB, FerretDB ${peakRssMb(server.ferretdbPid)} MB, PostgreSQL postmaster ${peakRssMb(server.postgresPid)} MB`);
  } finally {
    await stop(server);
  }
}

(async () => {
  console.log(machineLine());
  if (!SKIP_DEMO) await demoCity();
  await syntheticCity();
})().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
