import crypto from "node:crypto";
import mongoose, { Types, type Model } from "mongoose";
import { connectMongoose } from "../../server/database";
import { StoredCollection } from "../../server/store/collection";
import type { Equality } from "../../server/store/filters";
import type { ConnectionShape } from "../../schema/connection";
import { syncIndexes } from "../../server/store/indexes";
import { FerretSql } from "../../server/store/sql";
import { ApplicationModel } from "../../schema/application.model";
import { AuditEntryModel } from "../../schema/audit-entry.model";
import { EnterpriseModel } from "../../schema/enterprise.model";
import { PlacementModel } from "../../schema/placement.model";
import { PostingModel } from "../../schema/posting.model";
import { StudentModel } from "../../schema/student.model";

/**
 * The store's list queries at 10,000 documents per collection, on the embedded FerretDB on
 * PostgreSQL: each page and count is served by an index (EXPLAIN shows no sequential scan), and
 * the SQL path returns exactly what the same filter returns through FerretDB (mongoose).
 */
const embedded = process.env.TEST_POSTGRES_URL && !process.env.MONGODB_URI;
const suite = embedded ? describe : describe.skip;
const N = 10_000;
const ids = (n: number) => Array.from({ length: n }, () => new Types.ObjectId());
const schools = ids(50);
const enterprises = ids(200);
const runs = ids(3);
const MAJORS = Array.from({ length: 40 }, (_, i) => String(460101 + i));
const DISTRICTS = ["350502", "350503", "350504", "350505", "350521", "350524", "350525", "350526", "350581", "350582", "350583"];

let sql: FerretSql;

async function seed(): Promise<void> {
  const pick = <T,>(xs: T[], i: number) => xs[i % xs.length]!;
  const now = new Date();
  await StudentModel.collection.insertMany(Array.from({ length: N }, (_, i) => ({ school: pick(schools, i), major: pick(MAJORS, i * 7), graduationYear: 2025 + (i % 3), nationalIdHash: `h${i}`, createdAt: now })));
  await EnterpriseModel.collection.insertMany(Array.from({ length: N }, (_, i) => ({ creditCode: `c${i}`, district: pick(DISTRICTS, i), industry: `19${i % 100}`, industryPrefixes: ["C", `C${i % 40}`], aboveScale: i % 5 === 0, clusters: [`k${i % 30}`], createdAt: now })));
  await PostingModel.collection.insertMany(Array.from({ length: N }, (_, i) => ({ enterprise: pick(enterprises, i), kind: i % 2 ? "INTERNSHIP" : "JOB", status: i % 20 ? "OPEN" : "CLOSED", district: pick(DISTRICTS, i), majors: [pick(MAJORS, i), pick(MAJORS, i + 3)], createdAt: now })));
  await ApplicationModel.collection.insertMany(Array.from({ length: N }, (_, i) => ({ student: new Types.ObjectId(), posting: new Types.ObjectId(), school: pick(schools, i), enterprise: pick(enterprises, i), status: i % 10 ? "ACTIVE" : "WITHDRAWN", createdAt: now })));
  await PlacementModel.collection.insertMany(Array.from({ length: N }, (_, i) => ({ run: pick(runs, i), student: new Types.ObjectId(), posting: new Types.ObjectId(), school: pick(schools, i), enterprise: pick(enterprises, i), status: pick(["OFFERED", "ACCEPTED", "DECLINED"], i) })));
  await AuditEntryModel.collection.insertMany(Array.from({ length: N }, (_, i) => ({ runId: pick(runs.concat(ids(97)), i), action: pick(["COMMIT", "START", "ANSWER", "IMPORT"], i), at: now })));
  for (const model of [StudentModel, EnterpriseModel, PostingModel, ApplicationModel, PlacementModel, AuditEntryModel]) {
    await sql.query(`analyze ${await sql.table(model.collection.collectionName)}`, []);
  }
}

/** Every filter shape the stores list by (the services' scopes and the API's filters). */
const LISTS: [string, Model<any>, Equality][] = [
  ["a school's students", StudentModel, { school: schools[3] }],
  ["a school's students of one major", StudentModel, { school: schools[3], major: MAJORS[1] }],
  ["a school's students of one year", StudentModel, { school: schools[3], graduationYear: 2026 }],
  ["students of one major", StudentModel, { major: MAJORS[5] }],
  ["an enterprise's postings", PostingModel, { enterprise: enterprises[7] }],
  ["an enterprise's open postings", PostingModel, { enterprise: enterprises[7], status: "OPEN" }],
  ["postings of a major in a district", PostingModel, { district: DISTRICTS[2], majors: [MAJORS[4]] }],
  ["enterprises of a cluster", EnterpriseModel, { clusters: "k4" }],
  ["enterprises of an industry prefix in a district", EnterpriseModel, { industryPrefixes: "C12", district: DISTRICTS[1] }],
  ["a school's applications", ApplicationModel, { school: schools[9] }],
  ["an enterprise's active applications", ApplicationModel, { enterprise: enterprises[9], status: "ACTIVE" }],
  ["a run's offers of an enterprise", PlacementModel, { run: [runs[0]!, runs[1]!], enterprise: enterprises[11] }],
  ["a run's offers of a school", PlacementModel, { run: [runs[0]!], school: schools[11] }],
  ["an enterprise's accepted offers", PlacementModel, { run: runs, enterprise: enterprises[12], status: "ACCEPTED" }],
  ["a run's audit entries", AuditEntryModel, { runId: runs[2] }],
];

suite("the store's list queries at 10,000 documents", () => {
  beforeAll(async () => {
    await connectMongoose(`${process.env.TEST_MONGODB_URI}/test_store_${crypto.randomBytes(4).toString("hex")}`);
    await syncIndexes(process.env.TEST_POSTGRES_URL);
    sql = FerretSql.connect(process.env.TEST_POSTGRES_URL!, mongoose.connection.name);
    await seed();
  }, 120_000);

  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await sql.close();
    await mongoose.disconnect();
  });

  test.each(LISTS)("%s: a page and its count use an index, no sequential scan", async (_name, model, filter) => {
    const page = await sql.findStatement(model.collection.collectionName, filter, { limit: 21 });
    const count = await sql.countStatement(model.collection.collectionName, filter);
    for (const statement of [page!, count!]) {
      const plan = await sql.explain(statement);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });

  test("FerretDB's own _id pushdown (findById, updates by id) is served by an index", async () => {
    const table = await sql.table(StudentModel.collection.collectionName);
    const plan = await sql.explain({ text: `select _jsonb from ${table} where (_jsonb->'_id') @> $1::jsonb`, params: [JSON.stringify(String(schools[0]))] });
    expect(plan).not.toMatch(/Seq Scan/);
  });

  test("the check can fail: a filter on a field without an index is a sequential scan", async () => {
    const count = await sql.countStatement(StudentModel.collection.collectionName, { homeDistrict: "350502" });
    expect(await sql.explain(count!)).toMatch(/Seq Scan/);
  });

  test.each(LISTS)("%s: SQL pages equal FerretDB's own answer, page after page", async (_name, model, filter) => {
    const viaSql = new StoredCollection<{ _id: Types.ObjectId }>(model, sql);
    const viaFerret = new StoredCollection<{ _id: Types.ObjectId }>(model, null);
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const [a, b]: ConnectionShape<{ _id: Types.ObjectId }>[] = await Promise.all([viaSql.page(filter, { first: 7, after }), viaFerret.page(filter, { first: 7, after })]);
      expect(a.edges.map((e) => String(e.node._id))).toEqual(b.edges.map((e) => String(e.node._id)));
      expect(a.edges.map((e) => e.node)).toEqual(b.edges.map((e) => e.node));
      expect([a.totalCount, a.pageInfo]).toEqual([b.totalCount, b.pageInfo]);
      expect(a.totalCount).toBeGreaterThan(0);
      after = a.pageInfo.endCursor;
      if (!a.pageInfo.hasNextPage) break;
    }
  });

  test("look-ups by id give the documents in the order asked, unknown ones left out", async () => {
    const some = await StudentModel.find({ school: schools[5] }).limit(5).lean();
    const asked = [some[3]!._id, new Types.ObjectId(), some[0]!._id, some[4]!._id];
    const viaSql = await new StoredCollection(StudentModel, sql).byIds(asked);
    const viaFerret = await new StoredCollection(StudentModel, null).byIds(asked);
    expect(viaSql.map((s) => String(s._id))).toEqual([some[3], some[0], some[4]].map((s) => String(s!._id)));
    expect(viaSql).toEqual(viaFerret);
  });
});
