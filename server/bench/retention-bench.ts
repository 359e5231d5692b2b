/**
 * Retention report benchmark.
 *
 *   npm run build && node dist/server/bench/retention-bench.js [--outcomes 1000000] [--students 100000] [--runs 3]
 *   npm run build && node dist/server/bench/retention-bench.js --record 1000 [--replace 1000] [--outcomes 100000] [--students 100000] [--runs 3]
 *
 * Starts a fresh embedded FerretDB (PostgreSQL) in a temp directory, inserts `--outcomes` synthetic
 * current outcome records (10 graduation years 2016–2025, 60 schools, 40 majors, 25 industry
 * divisions, 20 districts) in insertMany batches of 10,000 and the `--students` graduates of
 * 2025, then measures:
 * - load: time to insert the outcomes (with their indexes) and the students;
 * - the trend counters rebuilt for every year (RetentionCounters.rebuild: one SQL grouping a year);
 * - ReportsStore.outcomeGroups(2025, SCHOOL) (a year's outcomes grouped by school, in SQL);
 * - retentionStats(2025, groupBy) for every groupBy and retentionTrend, as the API runs them
 *   (SQL groupings of the year's outcomes and students): median of `--runs` runs;
 * - with --raw, the same grouping through mongoose ($match + $group, which FerretDB runs in Go).
 * Prints a JSON summary and writes it to bench-results/retention.json.
 *
 * With --record N, instead of the reports, the students get national IDs (their keyed hashes, as
 * an import writes them) and the outcome service records graduate destinations as the bureau:
 * - new: `--runs` calls of N rows for students without a destination yet (half by student id,
 *   half by national ID), each call its own students;
 * - replace: `--runs` calls of `--replace` rows (default N) that replace the first call's records;
 * - history: `--runs` reads of one student's destinations.
 * Median of `--runs` each; the summary goes to bench-results/retention-record.json.
 */
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import mongoose, { Types } from "mongoose";
import { Role } from "../../schema/enums";
import { RetentionGroupBy } from "../../schema/inputs/report.input";
import { EmploymentOutcomeModel, OutcomeStatus } from "../../schema/outcome.model";
import { SchoolModel } from "../../schema/school.model";
import { StudentModel } from "../../schema/student.model";
import { createRng } from "../../schema/rules/rng";
import { checkIndustry, generateCreditCode, nationalIdCheckChar } from "../../schema/rules";
import type { EmploymentOutcomeInput } from "../../schema/inputs/outcome.input";
import { PersonalDataCipher } from "../security/crypto";
import { OutcomeService } from "../services/outcome.service";
import type { Viewer } from "../auth";
import { connectMongoose } from "../database";
import { syncIndexes } from "../store/indexes";
import { repoRoot, startEmbeddedDatabase } from "../embedded";
import { ReportService } from "../services/report.service";
import { createOutcomeStores } from "../store/reports.store";
import { FerretSql } from "../store/sql";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => Math.round(ms) / 1000;

const MAJORS = ["460104", "460301", "460701", "470101", "480401", "480402", "490101", "510201", "510202", "510203", "510205", "530302", "530701", "530802", "540101", "560206", "660101", "660301", "680401", "710201", "720601", "730701", "750101", "260301", "310201", "480201", "440501", "470201", "490207", "500201", "520201", "550101", "570101", "580101", "590101", "080901", "080902", "120203K", "020301K", "081701"];
const INDUSTRIES = ["1951", "1810", "1713", "2614", "2651", "3011", "3311", "3411", "3812", "3971", "1391", "1411", "1524", "2231", "2411", "4411", "5191", "5411", "5912", "6311", "6512", "7241", "7350", "8310", "8710"];
const CITY = ["350502", "350503", "350504", "350505", "350521", "350524", "350525", "350526", "350581", "350582", "350583"];
const OUTSIDE = ["350203", "350102", "440305", "330106", "310115", "440106", "320506", "350402", "350802"];

async function main(): Promise<void> {
  const outcomes = arg("outcomes", 1_000_000);
  const students = arg("students", 100_000);
  const runs = arg("runs", 3);
  const record = arg("record", 0);
  const years = Array.from({ length: 10 }, (_, i) => 2016 + i);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "retention-bench-"));
  fs.chmodSync(dataDir, 0o755);
  const ferretdb = await startEmbeddedDatabase({ dataDir });
  let reader: FerretSql | undefined;
  const result: Record<string, unknown> = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    database: "embedded FerretDB v1.24.2 on PostgreSQL",
    outcomes,
    students,
  };
  try {
    await connectMongoose(`${ferretdb.uri}/retention_bench`);
    await syncIndexes(ferretdb.postgresUrl);
    reader = FerretSql.connect(ferretdb.postgresUrl, "retention_bench");
    const stores = createOutcomeStores(reader);
    const rng = createRng(7);
    const cipher = benchCipher();
    const levels = ["HIGHER_VOCATIONAL", "HIGHER_VOCATIONAL", "VOCATIONAL_UNDERGRADUATE", "UNDERGRADUATE", "SECONDARY_VOCATIONAL"];
    const schools = Array.from({ length: 60 }, (_, i) => ({ _id: new Types.ObjectId(), name: `基准测试学校${i + 1}`, level: levels[i % levels.length]!, district: CITY[i % CITY.length]!, majors: [] as string[] }));
    await SchoolModel.collection.insertMany(schools.map((s) => ({ ...s, createdAt: new Date() })));

    let t0 = performance.now();
    const batchSize = 10_000;
    for (let done = 0; done < outcomes; done += batchSize) {
      const docs = [];
      for (let i = done; i < Math.min(outcomes, done + batchSize); i++) {
        const school = schools[i % schools.length]!;
        const year = years[Math.floor(i / schools.length) % years.length]!;
        const major = MAJORS[rng.int(0, MAJORS.length - 1)]!;
        const p = rng.next();
        const status = p < 0.86 ? "EMPLOYED" : p < 0.94 ? "FURTHER_STUDY" : p < 0.99 ? "UNEMPLOYED" : "OTHER";
        const employed = status === "EMPLOYED";
        const inCity = employed && rng.next() < 0.5;
        const industry = employed ? INDUSTRIES[rng.int(0, INDUSTRIES.length - 1)]! : null;
        const student = new Types.ObjectId();
        const _id = new Types.ObjectId();
        docs.push({
          _id, student, school: school._id, schoolLevel: school.level, major, majorCategory: major.slice(0, 2), graduationYear: year, status,
          employer: null, employerName: employed ? "基准测试有限公司" : null, employerCreditCode: null,
          workDistrict: employed ? (inCity ? CITY[rng.int(0, CITY.length - 1)]! : OUTSIDE[rng.int(0, OUTSIDE.length - 1)]!) : null,
          inCity, industry, industryDivision: industry ? industry.slice(0, 2) : null, relatedToMajor: employed ? rng.next() < 0.75 : null,
          date: `${year}-09-01`, source: "基准测试", current: true, currentKey: `${String(student)}:${year}`, follows: `${String(student)}:${year}`, batch: "bench", recordedBy: "bench",
          createdAt: new Date(), updatedAt: new Date(),
        });
      }
      await EmploymentOutcomeModel.collection.insertMany(docs, { ordered: false });
      if ((done / batchSize) % 10 === 0) process.stderr.write(`  outcomes ${done + docs.length}/${outcomes} after ${seconds(performance.now() - t0)} s\n`);
    }
    result.loadOutcomesSeconds = seconds(performance.now() - t0);

    t0 = performance.now();
    const graduates: { id: string; nationalId: string }[] = [];
    for (let done = 0; done < students; done += batchSize) {
      const docs = [];
      for (let i = done; i < Math.min(students, done + batchSize); i++) {
        const school = schools[i % schools.length]!;
        const _id = new Types.ObjectId();
        const nationalId = record ? benchNationalId(i) : null;
        if (nationalId) graduates.push({ id: String(_id), nationalId });
        docs.push({
          _id, school: school._id, name: "学生", nationalIdEncrypted: "x", nationalIdHash: nationalId ? cipher.lookupHash("nid", nationalId) : `bench-${i}`, nationalIdMasked: "x",
          gender: "MALE", birthDate: "2004-01-01", major: MAJORS[rng.int(0, MAJORS.length - 1)]!, enrolmentYear: 2022, graduationYear: 2025,
          homeDistrict: "350582", skills: [], certificates: [], importBatch: null, createdAt: new Date(),
        });
      }
      // Straight into the collection, past the services: this throwaway database only serves
      // retention reports, so the students' allocation profiles (student_profiles) are not kept.
      await StudentModel.collection.insertMany(docs, { ordered: false });
    }
    result.loadStudentsSeconds = seconds(performance.now() - t0);

    if (record) {
      result.record = await benchRecording(stores, graduates, record, arg("replace", record), runs);
      const out = path.join(repoRoot(), "bench-results");
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, "retention-record.json"), JSON.stringify(result, null, 2));
      console.log(JSON.stringify(result, null, 2));
      return;
    }

    t0 = performance.now();
    for (const year of years) await stores.counters.rebuild(year);
    result.rebuildCountersAllYearsSeconds = seconds(performance.now() - t0);

    const groupRuns: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      await stores.reports.outcomeGroups(2025, "SCHOOL", null);
      groupRuns.push(Math.round(performance.now() - start));
    }
    result.yearGroupedBySchoolSql = { runsMs: groupRuns, medianMs: median(groupRuns) };
    if (process.argv.includes("--raw")) {
      // The same grouping through mongoose: FerretDB runs $group in Go over the year's documents.
      t0 = performance.now();
      try {
        await stores.reports.outcomeGroups(2025, "SCHOOL", null, "mongo");
        result.yearGroupedBySchoolMongooseSeconds = seconds(performance.now() - t0);
      } catch (err) {
        result.yearGroupedBySchoolMongooseSeconds = `failed after ${seconds(performance.now() - t0)} s: ${(err as Error).message}`;
      }
    }

    const reports = new ReportService(stores.reports, stores.counters);
    const bureau: Viewer = { userId: "bench", role: Role.BUREAU, schoolId: null, enterpriseId: null };
    const school: Viewer = { userId: "bench", role: Role.SCHOOL, schoolId: String(schools[0]!._id), enterpriseId: null };
    const timings: Record<string, { runsMs: number[]; medianMs: number; rows: number; employed: number }> = {};
    for (const [who, viewer] of [["bureau", bureau], ["school", school]] as const) {
      for (const groupBy of Object.values(RetentionGroupBy)) {
        const runsMs: number[] = [];
        let stats;
        for (let r = 0; r < runs; r++) {
          const start = performance.now();
          stats = await reports.retentionStats(viewer, 2025, groupBy);
          runsMs.push(Math.round(performance.now() - start));
        }
        timings[`${who}:${groupBy}`] = { runsMs, medianMs: median(runsMs), rows: stats!.rows.length, employed: stats!.total.employed };
      }
    }
    result.retentionStats = timings;
    const trendRuns: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      await reports.retentionTrend(bureau);
      trendRuns.push(Math.round(performance.now() - start));
    }
    result.retentionTrend = { runsMs: trendRuns, medianMs: median(trendRuns) };
    const out = path.join(repoRoot(), "bench-results");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "retention.json"), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await reader?.close().catch(() => undefined);
    await mongoose.disconnect().catch(() => undefined);
    await ferretdb.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const benchCipher = () => new PersonalDataCipher(Buffer.alloc(32, 7), Buffer.alloc(32, 9));

/** A distinct valid national ID per student: 1,000 sequence numbers per birth date from 2003-01-01. */
function benchNationalId(i: number): string {
  const birth = new Date(Date.UTC(2003, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const first17 = `350582${birth}${String(i % 1000).padStart(3, "0")}`;
  return first17 + nationalIdCheckChar(first17);
}

/**
 * Times OutcomeService.record and history against the loaded students (see the header): `rows`
 * new destinations per call, then `replace` rows replacing the first call's, then history reads.
 */
async function benchRecording(stores: ReturnType<typeof createOutcomeStores>, graduates: { id: string; nationalId: string }[], rows: number, replace: number, runs: number) {
  if (graduates.length < rows * runs) throw new Error(`--record ${rows} × --runs ${runs} needs as many students, got ${graduates.length}`);
  const outcomes = new OutcomeService(benchCipher(), stores.outcomes, stores.counters);
  const bureau: Viewer = { userId: "bench", role: Role.BUREAU, schoolId: null, enterpriseId: null };
  const rng = createRng(11);
  const industries = INDUSTRIES.filter((code) => checkIndustry(code).ok); // the synthetic outcomes' list has two codes GB/T 4754 lacks
  const rowOf = (g: { id: string; nationalId: string }, i: number, status: OutcomeStatus): EmploymentOutcomeInput => ({
    ...(i % 2 === 0 ? { studentId: g.id } : { nationalId: g.nationalId }),
    graduationYear: 2025,
    status,
    ...(status === OutcomeStatus.EMPLOYED
      ? { employerName: "基准测试有限公司", employerCreditCode: generateCreditCode(rng, "350582"), workDistrict: CITY[i % CITY.length]!, industry: industries[i % industries.length]!, relatedToMajor: i % 4 !== 0 }
      : {}),
    date: "2025-09-01",
    source: "基准测试",
  });
  const timed = async (label: string, call: (run: number) => Promise<Record<string, unknown>>) => {
    const runsMs: number[] = [];
    let last: Record<string, unknown> = {};
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      last = await call(run);
      runsMs.push(Math.round(performance.now() - start));
      process.stderr.write(`  ${label} run ${run + 1}: ${runsMs[run]} ms\n`);
    }
    return { runsMs, medianMs: median(runsMs), ...last };
  };
  const newRows = await timed("record new", async (run) => {
    const result = await outcomes.record(bureau, graduates.slice(run * rows, (run + 1) * rows).map((g, i) => rowOf(g, i, OutcomeStatus.EMPLOYED)));
    return { rows, recorded: result.recorded, replaced: result.replaced };
  });
  const replacing = await timed("record replacing", async (run) => {
    const status = run % 2 === 0 ? OutcomeStatus.UNEMPLOYED : OutcomeStatus.EMPLOYED;
    const result = await outcomes.record(bureau, graduates.slice(0, replace).map((g, i) => rowOf(g, i, status)));
    return { rows: replace, recorded: result.recorded, replaced: result.replaced };
  });
  const history = await timed("history", async () => {
    const records = await outcomes.history(bureau, graduates[0]!.id);
    return { records: records.length };
  });
  return { new: newRows, replacing, history };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
