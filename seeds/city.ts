/**
 * `npm run seed:city -- --students 100000 [--data-dir DIR] [--uploads 2] [--preferences 3]
 * [--graduates-per-year N] [--resume]`:
 * builds a city at scale in the database the server uses (the embedded one under DATA_DIR,
 * default ./.data, or --data-dir), for the API benchmarks (issue 11). Everything goes through
 * the GraphQL API of the real server (dist/server/main.js, in a child process), as schools,
 * enterprises and the bureau would send it:
 * - enterprises (students / 50) by importEnterprises, 50 schools by createSchool;
 * - postings (students / 5) by importPostings;
 * - the students (graduating 2027–2029) by importStudents, timed: the target is < 30 s for 100k;
 * - graduates of the last three years (students / 5 a year) by importStudents, and their
 *   destinations by recordEmploymentOutcomes;
 * - each student's ranked preferences (--preferences, postings open to their major) by
 *   applyToPosting, 15 to a request;
 * - one allocation run over the students, solved and committed.
 * It prints each phase's time and writes DATA_DIR/city-seed.json (accounts and ids the API
 * benchmark reads). The database must be empty, or hold an interrupted seed:city (each phase
 * writes only what is missing; --resume continues one that left no progress file).
 */
import fs from "node:fs";
import path from "node:path";
import { QUANZHOU_COUNTIES } from "../schema/reference/divisions";
import { createRng } from "../schema/rules/rng";
import { generateCreditCode } from "../schema/rules/credit-code";
import { nationalIdCheckChar } from "../schema/rules/national-id";
import type { SchoolLevel } from "../schema/rules/school-level";
import { buildSyntheticCity } from "./synthetic-city";
import { ensureBureauAccount, gql, inParallel, login, loadLine, solve, startServer, stopServer, type BenchServer } from "../server/bench/bench-server";

/** The seed's accounts (all share one password) and what the API benchmark needs to know. */
export interface CitySeed {
  dataDir: string;
  password: string;
  accounts: { bureau: string; school: string; enterprise: string };
  schoolId: string;
  enterpriseId: string;
  runId: string;
  outcomeYears: number[];
  counts: Record<string, number>;
  phasesMs: Record<string, number>;
  load: string;
  /** True when an interrupted seed was continued (its phase times are partial). */
  resumed?: boolean;
}

export interface CitySeedOptions {
  students: number;
  dataDir: string;
  /** Imports in flight at once (schools and enterprises uploading side by side). */
  uploads?: number;
  /** Ranked preferences per student (0–10). */
  preferences?: number;
  /** Graduates of each of the three outcome years (default students / 5). */
  graduatesPerYear?: number;
  /** Continue an interrupted seed in a database that has some of the city (--resume). */
  resume?: boolean;
  log?: (line: string) => void;
}

export const CITY_SEED_FILE = "city-seed.json";
const PASSWORD = "city-password-1";
const ACCOUNTS = { bureau: "bureau@city.local", school: "school@city.local", enterprise: "enterprise@city.local" };
/** The three graduation years before the current students' (the students graduate from 2027). */
export const OUTCOME_YEARS = [2024, 2025, 2026];
const IMPORT_ROWS = 4000; // the import mutations take at most 5,000 rows
const APPLY_PER_REQUEST = 15; // the API's alias limit (server/app.ts LIMITS.maxAliases)
const INDUSTRIES = ["1951", "1811", "1419", "3311", "3911", "2614", "3042", "2231", "3832", "1762", "6513", "5191", "7241"];
const OUTSIDE = ["350203", "350102", "440305", "330106", "310115", "350402", "350802"];

type School = { name: string; level: SchoolLevel; district: string; majors: string[] };

export interface GraduateRow {
  schoolIndex: number;
  /** Its place among the graduates of its year (0, 1, ...). */
  k: number;
  row: { name: string; nationalId: string; major: string; enrolmentYear: number; graduationYear: number; homeDistrict: string };
}

/**
 * Graduates of `years`, `perYear` each, spread over the schools, with national IDs that cannot
 * collide with the synthetic students' (born 1999–2001, theirs 2003–2005). Pure and seeded.
 */
export function buildGraduates(schools: School[], years: number[], perYear: number, seed = 11): GraduateRow[] {
  const rng = createRng(seed);
  const districts = QUANZHOU_COUNTIES.map((d) => d.code).filter((c) => c !== "350527");
  const rows: GraduateRow[] = [];
  for (const [y, year] of years.entries()) {
    for (let k = 0; k < perYear; k++) {
      const i = y * perYear + k;
      const schoolIndex = i % schools.length;
      const school = schools[schoolIndex]!;
      const birth = new Date(Date.UTC(1999, 0, 1) + (i % 1000) * 86_400_000).toISOString().slice(0, 10);
      const first17 = `${rng.pick(districts)}${birth.replace(/-/g, "")}${String(Math.floor(i / 1000) % 1000).padStart(3, "0")}`;
      const years4 = school.level === "UNDERGRADUATE" || school.level === "VOCATIONAL_UNDERGRADUATE";
      rows.push({
        schoolIndex,
        k,
        row: { name: `毕业生${i + 1}`, nationalId: first17 + nationalIdCheckChar(first17), major: rng.pick(school.majors), enrolmentYear: year - (years4 ? 4 : 3), graduationYear: year, homeDistrict: rng.pick(districts) },
      });
    }
  }
  return rows;
}

/**
 * A graduate's destination as recordEmploymentOutcomes takes it: 86% employed (a third of them by
 * an enterprise of the platform, the rest outside it, half of those in Quanzhou), the rest further
 * study, unemployed or other. Pure and seeded.
 */
export function buildOutcomes(graduates: GraduateRow[], enterpriseIds: string[], seed = 13): Record<string, unknown>[] {
  const rng = createRng(seed);
  const city = QUANZHOU_COUNTIES.map((d) => d.code).filter((c) => c !== "350527");
  return graduates.map(({ row }) => {
    const base = { nationalId: row.nationalId, graduationYear: row.graduationYear, date: `${row.graduationYear}-08-31`, source: "学校就业统计" };
    const p = rng.next();
    if (p >= 0.86) return { ...base, status: p < 0.94 ? "FURTHER_STUDY" : p < 0.99 ? "UNEMPLOYED" : "OTHER" };
    const relatedToMajor = rng.next() < 0.75;
    if (rng.next() < 1 / 3) return { ...base, status: "EMPLOYED", employerId: rng.pick(enterpriseIds), relatedToMajor };
    const workDistrict = rng.next() < 0.5 ? rng.pick(city) : rng.pick(OUTSIDE);
    return { ...base, status: "EMPLOYED", employerName: "平台外用人单位有限公司", employerCreditCode: generateCreditCode(rng, workDistrict), workDistrict, industry: rng.pick(INDUSTRIES), relatedToMajor };
  });
}

/**
 * Each student's ranked preferences: up to `count` distinct postings that take the student's
 * major (and the school's level), rank 1 first. Pure and seeded.
 */
export function buildPreferences(students: { major: string }[], postings: { majors: string[] }[], count: number, seed = 17): { student: number; posting: number; rank: number }[] {
  const rng = createRng(seed);
  const byMajor = new Map<string, number[]>();
  postings.forEach((p, i) => {
    for (const major of p.majors) byMajor.set(major, [...(byMajor.get(major) ?? []), i]);
  });
  const preferences: { student: number; posting: number; rank: number }[] = [];
  students.forEach((s, student) => {
    const open = byMajor.get(s.major) ?? [];
    const chosen = open.length <= count ? open : rng.sample(open, count);
    chosen.forEach((posting, k) => preferences.push({ student, posting, rank: k + 1 }));
  });
  return preferences;
}

/** Builds the city through the API of a server started on `options.dataDir`; see the header. */
export async function seedCity(options: CitySeedOptions): Promise<CitySeed> {
  const log = options.log ?? ((line: string) => console.log(line));
  const uploads = options.uploads ?? 2;
  const preferencesPerStudent = options.preferences ?? 3;
  const n = options.students;
  const done = readCitySeed(options.dataDir);
  if (done && done.counts.students === n) {
    log(`${options.dataDir} holds a seeded city of ${n} students already (${CITY_SEED_FILE})`);
    return done;
  }
  const city = buildSyntheticCity({ students: n, postings: Math.round(n / 5), enterprises: Math.max(1, Math.round(n / 50)), schools: 50 });
  // Always the full plan (students / 5 a year), so rows keep their names and IDs whatever
  // --graduates-per-year keeps of it: the first N of each year (and any a resumed seed has already).
  const plannedGraduates = buildGraduates(city.schools as School[], OUTCOME_YEARS, Math.round(n / 5));
  const graduatesPerYear = options.graduatesPerYear ?? Math.round(n / 5);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const server: BenchServer = await startServer({ dataDir: options.dataDir, env: { SEED_DEMO: "false" }, echo: false });
  const phasesMs: Record<string, number> = {};
  const time = async <T>(phase: string, work: () => Promise<T>, rows?: () => number): Promise<T> => {
    const t = Date.now();
    const result = await work();
    const ms = (phasesMs[phase] = Date.now() - t);
    const count = rows?.();
    log(`  ${phase}: ${(ms / 1000).toFixed(1)} s${count !== undefined ? ` (${count} rows, ${Math.round((count * 1000) / Math.max(1, ms))}/s)` : ""}, load ${loadLine()}`);
    return result;
  };
  try {
    await ensureBureauAccount(server, ACCOUNTS.bureau, PASSWORD);
    const url = server.url;
    const token = await login(url, ACCOUNTS.bureau, PASSWORD);
    const call = (query: string, variables: Record<string, unknown> = {}) => gql(url, query, variables, token);
    /** Every node of a connection, 100 to a page. */
    const all = async <T>(field: string, selection: string, filter = ""): Promise<T[]> => {
      const nodes: T[] = [];
      for (let after: string | null = null; ; ) {
        const page: { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await call(`query($after: String) { ${field}(first: 100, after: $after${filter}) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`, { after }))[field];
        nodes.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) return nodes;
        after = page.pageInfo.endCursor;
      }
    };
    const progressFile = path.join(options.dataDir, "city-seed.progress.json");
    const existing = (await call(`{ schools(first: 1) { totalCount } students(first: 1) { totalCount } }`)) as { schools: { totalCount: number }; students: { totalCount: number } };
    const resuming = existing.schools.totalCount > 0 || existing.students.totalCount > 0;
    if (resuming && !options.resume && !fs.existsSync(progressFile)) {
      throw new Error(`${options.dataDir} already has data (${existing.schools.totalCount} schools, ${existing.students.totalCount} students) that seed:city did not write; give another --data-dir, delete this one, or pass --resume to continue an interrupted seed:city`);
    }
    fs.writeFileSync(progressFile, JSON.stringify({ students: n, startedAt: new Date().toISOString() }));
    log(`${resuming ? "resuming" : "seeding"} a city of ${n} students in ${options.dataDir} (${uploads} imports in flight)`);
    const t0 = Date.now();

    // Each phase writes only what is missing, so an interrupted seed continues where it stopped.
    let written = 0;
    const enterpriseIds = await time("enterprises", async () => {
      const idOf = new Map((await all<{ id: string; creditCode: string }>("enterprises", "id creditCode")).map((e) => [e.creditCode, e.id]));
      const missing = city.enterprises.filter((e) => !idOf.has(e.creditCode));
      written = missing.length;
      for (let i = 0; i < missing.length; i += IMPORT_ROWS) {
        const rows = missing.slice(i, i + IMPORT_ROWS);
        const ids: string[] = (await call(`mutation($rows: [EnterpriseInput!]!) { importEnterprises(rows: $rows) { ids } }`, { rows })).importEnterprises.ids;
        rows.forEach((e, k) => idOf.set(e.creditCode, ids[k]!));
      }
      return city.enterprises.map((e) => idOf.get(e.creditCode)!);
    }, () => written);
    const schoolIds = await time("schools", async () => {
      const idOf = new Map((await all<{ id: string; name: string }>("schools", "id name")).map((e) => [e.name, e.id]));
      for (const s of city.schools) if (!idOf.has(s.name)) idOf.set(s.name, (await call(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: s })).createSchool.id);
      return city.schools.map((s) => idOf.get(s.name)!);
    });
    // The benchmark's school and enterprise accounts: the first school, the enterprise with the most postings.
    const postingsOf = new Map<number, number>();
    for (const p of city.postings) postingsOf.set(p.enterpriseIndex, (postingsOf.get(p.enterpriseIndex) ?? 0) + 1);
    const busiest = [...postingsOf.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    for (const input of [{ email: ACCOUNTS.school, role: "SCHOOL", schoolId: schoolIds[0] }, { email: ACCOUNTS.enterprise, role: "ENTERPRISE", enterpriseId: enterpriseIds[busiest] }]) {
      await call(`mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: { ...input, password: PASSWORD } }).catch((err: Error) => {
        if (!err.message.includes("CONFLICT")) throw err; // the account exists (a resumed seed)
      });
    }

    const postings = await time("postings", async () => {
      const count = (await call(`{ postings(first: 1) { totalCount } }`)).postings.totalCount as number;
      if (count > 0) {
        if (count !== city.postings.length) throw new Error(`${count} postings in the database, ${city.postings.length} expected: an import of postings was cut short; start again in an empty directory`);
        written = 0;
        return all<{ id: string; majors: string[] }>("postings", "id majors");
      }
      const rows = city.postings.map(({ enterpriseIndex, ...p }) => ({ ...p, enterpriseId: enterpriseIds[enterpriseIndex] }));
      const ids: string[][] = [];
      const calls = [];
      for (let i = 0; i < rows.length; i += IMPORT_ROWS) {
        const chunk = i / IMPORT_ROWS;
        calls.push(async () => { ids[chunk] = (await call(`mutation($rows: [PostingInput!]!) { importPostings(rows: $rows) { ids } }`, { rows: rows.slice(i, i + IMPORT_ROWS) })).importPostings.ids; });
      }
      await inParallel(calls, uploads);
      written = rows.length;
      return ids.flat().map((id, i) => ({ id, majors: city.postings[i]!.majors }));
    }, () => written);

    /**
     * Imports the rows a school does not have yet (by name) among those `wanted` (or that it has
     * already); returns the rows it has now, each with its student id.
     */
    const importStudents = async <R extends { schoolIndex: number; row: { name: string } }>(rows: R[], wanted: (row: R) => boolean = () => true): Promise<{ row: R; id: string }[]> => {
      const bySchool = new Map<number, number[]>();
      rows.forEach((s, i) => bySchool.set(s.schoolIndex, [...(bySchool.get(s.schoolIndex) ?? []), i]));
      const ids: (string | undefined)[] = new Array<string | undefined>(rows.length);
      const calls = [];
      written = 0;
      for (const [school, indices] of bySchool) {
        calls.push(async () => {
          const idOf = resuming ? new Map((await all<{ id: string; name: string }>("students", "id name", `, filter: { schoolId: "${schoolIds[school]}" }`)).map((s) => [s.name, s.id])) : new Map<string, string>();
          const missing = indices.filter((k) => !idOf.has(rows[k]!.row.name) && wanted(rows[k]!));
          for (let i = 0; i < missing.length; i += IMPORT_ROWS) {
            const part = missing.slice(i, i + IMPORT_ROWS);
            const imported: string[] = (await call(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { ids } }`, { s: schoolIds[school], rows: part.map((k) => rows[k]!.row) })).importStudents.ids;
            part.forEach((k, j) => idOf.set(rows[k]!.row.name, imported[j]!));
            written += part.length;
          }
          for (const k of indices) ids[k] = idOf.get(rows[k]!.row.name);
        });
      }
      await inParallel(calls, uploads);
      return rows.flatMap((row, k) => (ids[k] ? [{ row, id: ids[k]! }] : []));
    };
    const students = await time("students", () => importStudents(city.students), () => written);
    if (students.length !== n) throw new Error(`${students.length} of ${n} students in the database after the import`);
    const studentIds = students.map((s) => s.id);
    if (!resuming) {
      const importSeconds = phasesMs.students! / 1000;
      log(`  bulk import of ${n} students through importStudents: ${importSeconds.toFixed(1)} s (target < 30 s: ${importSeconds < 30 ? "met" : "MISSED"})`);
    }
    const graduates = (await time("graduates", () => importStudents(plannedGraduates, (g) => g.k < graduatesPerYear), () => written)).map((g) => g.row);

    const outcomes = buildOutcomes(graduates, enterpriseIds);
    await time("outcomes", async () => {
      written = 0;
      for (const year of OUTCOME_YEARS) {
        const rows = outcomes.filter((o) => o.graduationYear === year);
        const recorded = (await call(`query($y: Int!) { retentionStats(year: $y, groupBy: SCHOOL) { total { recorded } } }`, { y: year })).retentionStats.total.recorded as number;
        if (recorded >= rows.length) continue;
        const calls = [];
        for (let i = 0; i < rows.length; i += IMPORT_ROWS) {
          calls.push(() => call(`mutation($rows: [EmploymentOutcomeInput!]!) { recordEmploymentOutcomes(rows: $rows) { recorded } }`, { rows: rows.slice(i, i + IMPORT_ROWS) }));
        }
        await inParallel(calls, uploads);
        written += rows.length;
      }
    }, () => written);

    const preferences = buildPreferences(city.students.map((s) => s.row), postings, preferencesPerStudent);
    await time("applications", async () => {
      const count = (await call(`{ applications(first: 1) { totalCount } }`)).applications.totalCount as number;
      written = 0;
      if (count >= preferences.length) return;
      const calls = [];
      for (let i = 0; i < preferences.length; i += APPLY_PER_REQUEST) {
        const batch = preferences.slice(i, i + APPLY_PER_REQUEST);
        const fields = batch.map((_, k) => `a${k}: applyToPosting(input: $i${k}) { id }`).join(" ");
        const query = `mutation(${batch.map((_, k) => `$i${k}: ApplyInput!`).join(", ")}) { ${fields} }`;
        const variables = Object.fromEntries(batch.map((p, k) => [`i${k}`, { studentId: studentIds[p.student], postingId: postings[p.posting]!.id, rank: p.rank }]));
        calls.push(async () => {
          await call(query, variables).catch((err: Error) => {
            // Resumed: the preferences applied before the interruption are refused as duplicates (each alias runs on its own).
            if (!(count > 0 && err.message.includes("CONFLICT"))) throw err;
          });
          written += batch.length;
        });
      }
      await inParallel(calls, uploads * 4);
    }, () => written);

    // The students still at school; the default scope would also take this year's graduates.
    const graduationYears = [...new Set(city.students.map((s) => s.row.graduationYear))].sort();
    const runs = (await call(`{ allocationRuns(first: 100) { edges { node { id status } } } }`)).allocationRuns.edges.map((e: { node: { id: string; status: string } }) => e.node) as { id: string; status: string }[];
    let runId = runs.find((r) => r.status === "COMMITTED")?.id;
    let placed = 0;
    if (!runId) {
      const run = await time("allocation solve", () => solve(url, token, "全市实习分配（基准城市）", { scope: { graduationYears } }));
      if (run.status !== "SOLVED") throw new Error(`the allocation run ${run.id} ${run.status}: ${run.failureReason}`);
      log(`  run ${run.id}: ${run.sizes?.students} students, ${run.sizes?.postings} postings, ${run.sizes?.edges} edges, placed ${run.placedCount}, unplaced ${run.unplacedCount} (load ${run.timings.loadMillis} ms, solve ${run.timings.solveMillis} ms, write ${run.timings.writeMillis} ms)`);
      await time("allocation commit", () => call(`mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "city-seed-commit") { status } }`, { id: run.id }));
      runId = run.id;
    }
    placed = (await call(`query($id: ID!) { allocationRun(id: $id) { placedCount } }`, { id: runId })).allocationRun.placedCount;
    phasesMs.total = Date.now() - t0;
    log(`  total: ${(phasesMs.total / 1000).toFixed(1)} s`);

    const seed: CitySeed = {
      dataDir: path.resolve(options.dataDir),
      password: PASSWORD,
      accounts: ACCOUNTS,
      schoolId: schoolIds[0]!,
      enterpriseId: enterpriseIds[busiest]!,
      runId,
      outcomeYears: OUTCOME_YEARS,
      counts: { students: n, graduates: graduates.length, schools: schoolIds.length, enterprises: enterpriseIds.length, postings: postings.length, applications: preferences.length, outcomes: outcomes.length, placed },
      phasesMs,
      load: loadLine(),
      ...(resuming ? { resumed: true } : {}),
    };
    fs.writeFileSync(path.join(options.dataDir, CITY_SEED_FILE), JSON.stringify(seed, null, 2));
    fs.rmSync(progressFile, { force: true });
    return seed;
  } finally {
    await stopServer(server);
  }
}

/** Reads what seedCity wrote into a data directory, or null if it was not seeded by it. */
export function readCitySeed(dataDir: string): CitySeed | null {
  const file = path.join(dataDir, CITY_SEED_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as CitySeed) : null;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const students = Number(option(args, "students") ?? 100_000);
  const dataDir = path.resolve(option(args, "data-dir") ?? process.env.DATA_DIR ?? ".data");
  const graduatesPerYear = option(args, "graduates-per-year");
  seedCity({ students, dataDir, uploads: Number(option(args, "uploads") ?? 2), preferences: Number(option(args, "preferences") ?? 3), resume: args.includes("--resume"), ...(graduatesPerYear ? { graduatesPerYear: Number(graduatesPerYear) } : {}) })
    .then((seed) => console.log(`seeded: ${JSON.stringify(seed.counts)}; accounts ${Object.values(seed.accounts).join(", ")} (password "${seed.password}"); ${CITY_SEED_FILE} in ${seed.dataDir}`))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
