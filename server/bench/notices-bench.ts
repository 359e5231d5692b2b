/**
 * Notice search benchmark.
 *
 *   npm run build && node dist/server/bench/notices-bench.js [--notices 100000] [--runs 20]
 *
 * Starts a fresh embedded FerretDB (PostgreSQL) in a temp directory, inserts `--notices` notices
 * of the five kinds from the demo generator (seeds/notices.ts; 2,000 enterprises, 60 schools,
 * 20,000 students), with their search terms as the service computes them, through the notice
 * store (insertAll, 5,000 a batch), then runs each of the queries below `--runs` times through
 * NoticeService.search as a school account (the page of 20 hits with highlights) and prints
 * p50/p99 over all of them, per query, and for the filtered list (notices(filter)). The summary is
 * printed as JSON and written to bench-results/notices.json.
 */
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import mongoose, { Types } from "mongoose";
import { Role } from "../../schema/enums";
import { NoticeKind, NoticeStatus, type Notice } from "../../schema/notice.model";
import type { NoticeFilter } from "../../schema/inputs/notice.input";
import { demoNoticeInputs } from "../../seeds/notices";
import { connectMongoose } from "../database";
import { repoRoot, startEmbeddedDatabase } from "../embedded";
import { syncIndexes } from "../store/indexes";
import { createStores } from "../store";
import { AuditService } from "../services/audit.service";
import { NoticeService } from "../services/notice.service";
import { documentTerms } from "../services/notice-text";
import { industryKeysOf, majorKeysOf } from "../services/notice-match";
import type { Viewer } from "../auth";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};

const QUERIES: { query: string; filter?: NoticeFilter }[] = [
  { query: "碳纤维" },
  { query: "鞋服 数字化转型" },
  { query: "晋江 鞋服" },
  { query: "PLC 自动化改造" },
  { query: "工业互联网" },
  { query: "跨境电商 人才引进" },
  { query: "Python 软件开发工程师" },
  { query: "产教融合 实训基地建设" },
  { query: "光伏 新能源 研发合作" },
  { query: "模具设计师" },
  { query: "智能制造", filter: { kind: NoticeKind.TECH_NEED } },
  { query: "石材 工艺改进", filter: { district: "350583" } },
  { query: "技能培训", filter: { industry: "19", activeOn: "2026-06-01" } },
  { query: "电商运营专员", filter: { major: "530701" } },
];

async function main(): Promise<void> {
  const total = arg("notices", 100_000);
  const runs = arg("runs", 20);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "notices-bench-"));
  fs.chmodSync(dataDir, 0o755);
  const db = await startEmbeddedDatabase({ dataDir });
  const result: Record<string, unknown> = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
    database: "embedded FerretDB v1.24.2 on PostgreSQL",
    notices: total,
  };
  try {
    await connectMongoose(`${db.uri}/notices_bench`);
    await syncIndexes(db.postgresUrl);
    const stores = createStores({ postgresUrl: db.postgresUrl, database: "notices_bench" });
    const notices = new NoticeService(stores.notices, stores, new AuditService(stores.audit), () => "2026-06-01");

    const schools = Array.from({ length: 60 }, (_, i) => ({ id: new Types.ObjectId().toHexString(), district: "350503", majors: [["510201", "460301"], ["530701", "530302"], ["460101", "480401"]][i % 3]! }));
    const refs = {
      enterprises: Array.from({ length: 2000 }, (_, i) => ({ id: new Types.ObjectId().toHexString(), industry: ["1951", "1811", "3032", "2651", "3971"][i % 5]!, district: ["350582", "350583", "350503", "350581"][i % 4]! })),
      schools,
      students: Array.from({ length: 20000 }, (_, i) => ({ id: new Types.ObjectId().toHexString(), schoolId: schools[i % 60]!.id, major: ["510201", "530701", "460301"][i % 3]! })),
    };
    const t0 = performance.now();
    const inputs = demoNoticeInputs(refs, Math.ceil(total / 5)).slice(0, total);
    const documents = inputs.map(({ author, input }): Partial<Notice> => ({
      kind: input.kind, status: NoticeStatus.PUBLISHED, title: input.title, body: input.body, source: input.source, district: input.district!,
      industries: input.industries, majors: input.majors, validFrom: input.validFrom, validUntil: input.validUntil, attachments: input.attachments,
      publisherRole: author.role, publisherName: "bench", publishedBy: "bench",
      enterprise: author.enterpriseId ? new Types.ObjectId(author.enterpriseId) : null, school: author.schoolId ? new Types.ObjectId(author.schoolId) : null,
      student: input.studentId ? new Types.ObjectId(input.studentId) : null, postings: [], desiredDistricts: input.desiredDistricts ?? [], licensingModes: input.licensingModes ?? [],
      terms: documentTerms(input.title, input.source, input.body), titleTerms: documentTerms(input.title),
      industryKeys: industryKeysOf(input.industries), majorKeys: majorKeysOf(input.majors),
    }));
    result.generateSeconds = Math.round(performance.now() - t0) / 1000;
    result.meanTerms = Math.round(documents.reduce((n, d) => n + d.terms!.length, 0) / documents.length);
    const t1 = performance.now();
    for (let i = 0; i < documents.length; i += 5000) await stores.notices.insertAll(documents.slice(i, i + 5000));
    result.insertSeconds = Math.round(performance.now() - t1) / 1000;
    await stores.sql!.query("analyze", []);

    const viewer: Viewer = { userId: "bench", role: Role.SCHOOL, schoolId: refs.schools[0]!.id, enterpriseId: null };
    const all: number[] = [];
    const perQuery: Record<string, { p50: number; p99: number; hits: number }> = {};
    for (const q of QUERIES) await notices.search(viewer, q.query, q.filter, 20, 0); // warm-up
    for (const q of QUERIES) {
      const times: number[] = [];
      let hits = 0;
      for (let r = 0; r < runs; r++) {
        const start = performance.now();
        const found = await notices.search(viewer, q.query, q.filter, 20, 0);
        times.push(performance.now() - start);
        hits = found.totalCount;
      }
      all.push(...times);
      perQuery[q.query + (q.filter ? ` ${JSON.stringify(q.filter)}` : "")] = { p50: percentile(times, 50), p99: percentile(times, 99), hits };
    }
    result.search = { runs: all.length, p50Ms: percentile(all, 50), p99Ms: percentile(all, 99), perQuery };

    const lists: number[] = [];
    for (let r = 0; r < runs; r++) {
      for (const filter of [{ kind: NoticeKind.POLICY }, { kind: NoticeKind.TECH_NEED, district: "350582" }, { industry: "1951", activeOn: "2026-06-01" }, { major: "510201" }] as NoticeFilter[]) {
        const start = performance.now();
        await notices.list(viewer, filter, { first: 20 });
        lists.push(performance.now() - start);
      }
    }
    result.list = { runs: lists.length, p50Ms: percentile(lists, 50), p99Ms: percentile(lists, 99) };
    await stores.close();
  } finally {
    await mongoose.disconnect().catch(() => undefined);
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const out = path.join(repoRoot(), "bench-results");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "notices.json"), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
