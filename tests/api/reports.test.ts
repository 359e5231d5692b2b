import ExcelJS from "exceljs";
import mongoose, { Types } from "mongoose";
import { ReportsStore } from "../../server/store/reports.store";
import { FerretSql } from "../../server/store/sql";
import { Role } from "../../schema/enums";
import { AllocationRunModel, AllocationRunStatus } from "../../schema/allocation-run.model";
import { PlacementModel, PlacementStatus } from "../../schema/placement.model";
import { aPosting, aSchool, aStudent, anEnterprise, anOutcome } from "../helpers/factories";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server";

/**
 * A small city whose every figure is worked out by hand (graduation year 2024):
 *
 * school (level)      graduates  employed  in Quanzhou  further study  related
 * 甲 A (高职) 510201       5          3          2             1            2   (a5 first EMPLOYED, then replaced by UNEMPLOYED)
 * 乙 B (高职) 530701       4          3          2             0            2   (b4 has no destination)
 * 丙 C (中职) 710201       3          3          3             0            3
 * 丁 D (高职) 460301       2          2          0             0            1
 * 戊 E (高职) 570102K      2          0          0             0            0   (one OTHER, recorded by national ID)
 * total                   16         11          7             1            8
 */
let server: TestServer;
let bureau: string;
const YEAR = 2024;
const ids: Record<string, string> = {};
const students: Record<string, string[]> = {};

const RECORD = `mutation($rows: [EmploymentOutcomeInput!]!) { recordEmploymentOutcomes(rows: $rows) { recorded replaced } }`;
const RETENTION = `query($y: Int!, $g: RetentionGroupBy!) { retentionStats(year: $y, groupBy: $g) { target gap total { key graduates employed employedInCity furtherStudy relatedToMajor retentionRate placementRate majorMatchRate gap } rows { key label graduates employed employedInCity retentionRate placementRate majorMatchRate gap } } }`;
const RANKING = `query($y: Int!, $m: Int!) { schoolRetentionRanking(year: $y, minEmployed: $m) { rows { rank schoolId schoolName eligible employed employedInCity retentionRate rewardYuan note } } }`;


async function createSchool(key: string, name: string, level: string, major: string) {
  const school = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool({ name, level, majors: [major] }) }, bureau)).createSchool;
  ids[key] = school.id;
  students[key] = [];
  return major;
}

async function addGraduates(key: string, major: string, count: number) {
  const rows = Array.from({ length: count }, () => aStudent({ major, enrolmentYear: 2021, graduationYear: YEAR }));
  await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: ids[key], rows }, bureau);
  const list = await server.ok(`query($s: ID!) { students(first: 100, filter: { schoolId: $s }) { edges { node { id } } } }`, { s: ids[key] }, bureau);
  students[key] = list.students.edges.map((e: any) => e.node.id);
}

const employed = (studentId: string, overrides: Record<string, unknown> = {}) => anOutcome({ studentId, ...overrides });
const notEmployed = (studentId: string, status: string) => ({ studentId, graduationYear: YEAR, status, date: "2024-09-01", source: "学校就业统计" });

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  for (const [key, name, level, major, count] of [
    ["A", "报告测试甲职业学院", "HIGHER_VOCATIONAL", "510201", 5],
    ["B", "报告测试乙职业学院", "HIGHER_VOCATIONAL", "530701", 4],
    ["C", "报告测试丙职业中专学校", "SECONDARY_VOCATIONAL", "710201", 3],
    ["D", "报告测试丁职业学院", "HIGHER_VOCATIONAL", "460301", 2],
    ["E", "报告测试戊职业学院", "HIGHER_VOCATIONAL", "570102K", 2],
  ] as const) {
    await createSchool(key, name, level, major);
    await addGraduates(key, major, count);
  }
  const employer = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ district: "350582", industry: "1951" }) }, bureau)).createEnterprise;
  const [a, b, c, d] = [students.A!, students.B!, students.C!, students.D!];
  await server.ok(RECORD, { rows: [
    employed(a[0]!, { workDistrict: "350582", industry: "6513" }),
    employed(a[1]!, { workDistrict: "350503", industry: "6513", relatedToMajor: false }),
    employed(a[2]!, { workDistrict: "350203" }),
    notEmployed(a[3]!, "FURTHER_STUDY"),
    employed(a[4]!, { workDistrict: "350582" }),
    employed(b[0]!, { workDistrict: "350582" }),
    employed(b[1]!, { workDistrict: "440305" }),
    employed(b[2]!, { workDistrict: "350503", relatedToMajor: false }),
    // An employer of the platform: district and industry come from the enterprise.
    { studentId: c[0], graduationYear: YEAR, status: "EMPLOYED", employerId: employer.id, relatedToMajor: true, date: "2024-07-01", source: "社保缴费比对" },
    employed(c[1]!, { workDistrict: "350582" }),
    employed(c[2]!, { workDistrict: "350582" }),
    employed(d[0]!, { workDistrict: "350203" }),
    employed(d[1]!, { workDistrict: "350203", relatedToMajor: false }),
  ] }, bureau);
  // a5 found no job after all: the newer record replaces the first one.
  const replaced = await server.ok(RECORD, { rows: [notEmployed(a[4]!, "UNEMPLOYED")] }, bureau);
  expect(replaced.recordEmploymentOutcomes).toEqual({ recorded: 1, replaced: 1 });
});
afterAll(async () => { await server.close(); });

describe("recording graduate destinations", () => {
  test("a newer record replaces the current one and the older one is kept as history", async () => {
    const res = await server.ok(`query($s: ID!) { employmentOutcomes(studentId: $s) { status current } }`, { s: students.A![4] }, bureau);
    expect(res.employmentOutcomes).toEqual([{ status: "UNEMPLOYED", current: true }, { status: "EMPLOYED", current: false }]);
  });

  test("a call with invalid rows is rejected with each row's errors and writes nothing", async () => {
    const e = students.E!;
    const res = await server.gql(RECORD, { rows: [
      employed(e[0]!, { graduationYear: 2023 }),
      employed(e[1]!, { workDistrict: "350599" }),
      { ...employed(e[1]!), employerCreditCode: "91350500MA2XXXXXX0" },
      notEmployed(e[0]!, "UNEMPLOYED"),
    ] }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    const problems = res.errors![0]!.extensions!.errors!;
    expect(problems.map((p) => [p.row, p.field])).toEqual(expect.arrayContaining([[1, "graduationYear"], [2, "workDistrict"], [3, "employerCreditCode"]]));
    expect(problems.some((p) => p.row === 4)).toBe(false);
    const history = await server.ok(`query($s: ID!) { employmentOutcomes(studentId: $s) { id } }`, { s: e[0] }, bureau);
    expect(history.employmentOutcomes).toEqual([]);
  });

  test("a student is found by national ID through the keyed hash", async () => {
    const token = await server.account(Role.SCHOOL, { schoolId: ids.E });
    const student = await server.ok(`query($s: ID!) { student(id: $s) { nationalId } }`, { s: students.E![1] }, token);
    const res = await server.gql(RECORD, { rows: [{ nationalId: student.student.nationalId, graduationYear: YEAR, status: "OTHER", date: "2024-12-31", source: "毕业生自报" }] }, token);
    expect(res.errors).toBeUndefined();
    const history = await server.ok(`query($s: ID!) { employmentOutcomes(studentId: $s) { status } }`, { s: students.E![1] }, bureau);
    expect(history.employmentOutcomes).toEqual([{ status: "OTHER" }]);
    // OTHER is neither employed nor further study: the hand-computed rates below do not change.
  });

  test("a school cannot record destinations of another school's graduates", async () => {
    const token = await server.account(Role.SCHOOL, { schoolId: ids.B });
    const res = await server.gql(RECORD, { rows: [employed(students.A![0]!)] }, token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0]!.extensions!.errors![0]).toMatchObject({ row: 1, field: "studentId" });
  });
});

describe("retention statistics", () => {
  test("by school: retention, placement and major-match rates per school and in total", async () => {
    const { retentionStats: s } = await server.ok(RETENTION, { y: YEAR, g: "SCHOOL" }, bureau);
    const row = (key: string) => s.rows.find((r: any) => r.key === ids[key]);
    // a5's first record (employed in Jinjiang) was replaced: it no longer counts.
    expect(row("A")).toMatchObject({ label: "报告测试甲职业学院", graduates: 5, employed: 3, employedInCity: 2 });
    expect(row("A").retentionRate).toBeCloseTo(2 / 3, 10);
    expect(row("A").placementRate).toBeCloseTo(4 / 5, 10);
    expect(row("A").majorMatchRate).toBeCloseTo(2 / 3, 10);
    expect(row("B")).toMatchObject({ graduates: 4, employed: 3, employedInCity: 2 });
    expect(row("B").placementRate).toBeCloseTo(3 / 4, 10);
    expect(row("C")).toMatchObject({ graduates: 3, employed: 3, employedInCity: 3, retentionRate: 1, placementRate: 1, majorMatchRate: 1 });
    expect(row("D")).toMatchObject({ graduates: 2, employed: 2, employedInCity: 0, retentionRate: 0, majorMatchRate: 0.5 });
    expect(row("E")).toMatchObject({ graduates: 2, employed: 0, retentionRate: null, majorMatchRate: null, placementRate: 0, gap: null });
    expect(s.total).toMatchObject({ graduates: 16, employed: 11, employedInCity: 7, furtherStudy: 1, relatedToMajor: 8 });
    expect(s.total.retentionRate).toBeCloseTo(7 / 11, 10);
    expect(s.total.placementRate).toBeCloseTo(12 / 16, 10);
    expect(s.total.majorMatchRate).toBeCloseTo(8 / 11, 10);
    expect(s.target).toBe(0.5);
    expect(s.gap).toBeCloseTo(0.5 - 7 / 11, 4);
  });

  test("by school level, district and industry", async () => {
    const level = (await server.ok(RETENTION, { y: YEAR, g: "SCHOOL_LEVEL" }, bureau)).retentionStats;
    expect(level.rows.map((r: any) => [r.key, r.label, r.graduates, r.employed, r.employedInCity])).toEqual([
      ["SECONDARY_VOCATIONAL", "中职", 3, 3, 3],
      ["HIGHER_VOCATIONAL", "高职专科", 13, 8, 4],
    ]);
    expect(level.rows[1].retentionRate).toBe(0.5);
    expect(level.rows[1].placementRate).toBeCloseTo(9 / 13, 10);
    const district = (await server.ok(RETENTION, { y: YEAR, g: "DISTRICT" }, bureau)).retentionStats;
    expect(district.rows.map((r: any) => [r.key, r.label, r.graduates, r.employed, r.employedInCity])).toEqual([
      ["350203", "福建省（市外）", 3, 3, 0],
      ["350503", "丰泽区", 2, 2, 2],
      ["350582", "晋江市", 5, 5, 5],
      ["440305", "广东省（市外）", 1, 1, 0],
    ]);
    const industry = (await server.ok(RETENTION, { y: YEAR, g: "INDUSTRY" }, bureau)).retentionStats;
    expect(industry.rows.map((r: any) => [r.key, r.employed, r.employedInCity])).toEqual([["19", 9, 5], ["65", 2, 2]]);
    // Totals do not depend on the grouping.
    expect(industry.total).toEqual(district.total);
  });

  test("by major category the 2-digit 专业大类 of each level is its own group", async () => {
    const s = (await server.ok(RETENTION, { y: YEAR, g: "MAJOR_CATEGORY" }, bureau)).retentionStats;
    expect(s.rows.map((r: any) => [r.key, r.graduates, r.employed])).toEqual([["46", 2, 2], ["51", 5, 3], ["53", 4, 3], ["57", 2, 0], ["71", 3, 3]]);
    expect(s.rows.find((r: any) => r.key === "51").label).toBe("电子与信息大类");
  });

  test("a school sees only its own figures; an enterprise none", async () => {
    const token = await server.account(Role.SCHOOL, { schoolId: ids.B });
    const s = (await server.ok(RETENTION, { y: YEAR, g: "SCHOOL" }, token)).retentionStats;
    expect(s.rows.map((r: any) => r.key)).toEqual([ids.B]);
    expect(s.total).toMatchObject({ graduates: 4, employed: 3, employedInCity: 2 });
    const enterprise = await server.account(Role.ENTERPRISE, { enterpriseId: new Types.ObjectId().toHexString() });
    expect(errorCode(await server.gql(RETENTION, { y: YEAR, g: "SCHOOL" }, enterprise))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(RETENTION, { y: YEAR, g: "SCHOOL" }))).toBe("UNAUTHENTICATED");
  });

  test("the trend lists every graduation year with destinations", async () => {
    const res = await server.ok(`{ retentionTrend { year employed employedInCity target } }`, {}, bureau);
    expect(res.retentionTrend).toEqual([{ year: 2024, employed: 11, employedInCity: 7, target: 0.5 }]);
  });
});

describe("the store's SQL groupings on FerretDB", () => {
  const embedded = process.env.TEST_POSTGRES_URL && !process.env.MONGODB_URI ? test : test.skip;
  const sorted = <T,>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

  embedded("give the same groups as the mongoose $group, for every dimension, for all and for one school", async () => {
    const reader = FerretSql.connect(process.env.TEST_POSTGRES_URL!, mongoose.connection.name);
    try {
      const store = new ReportsStore(reader);
      for (const school of [null, ids.A!]) {
        for (const dimension of ["SCHOOL", "MAJOR", "INDUSTRY", "DISTRICT"] as const) {
          const viaSql = await store.outcomeGroups(YEAR, dimension, school);
          expect(viaSql.length).toBeGreaterThan(0);
          expect(sorted(viaSql)).toEqual(sorted(await store.outcomeGroups(YEAR, dimension, school, "mongo")));
        }
        const graduates = await store.graduates(YEAR, school);
        expect(graduates.reduce((n, g) => n + g.n, 0)).toBe(school ? 5 : 16);
        expect(sorted(graduates)).toEqual(sorted(await store.graduates(YEAR, school, "mongo")));
      }
      expect(await store.outcomeGroups(YEAR - 1, "SCHOOL", null)).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  test("rebuilding a year's counters leaves the trend as it was", async () => {
    const trend = async () => (await server.ok(`{ retentionTrend { year employed employedInCity } }`, {}, bureau)).retentionTrend;
    const before = await trend();
    await server.ok(`mutation($y: Int!) { rebuildRetentionCounters(year: $y) }`, { y: YEAR }, bureau);
    expect(await trend()).toEqual(before);
  });
});

describe("school retention ranking", () => {
  test("equal rates share a rank and a tier; 中职 schools and schools with too few employed are listed unranked", async () => {
    const { schoolRetentionRanking: r } = await server.ok(RANKING, { y: YEAR, m: 2 }, bureau);
    expect(r.rows.map((x: any) => [x.schoolName, x.rank, x.rewardYuan])).toEqual([
      ["报告测试甲职业学院", 1, 500000],
      ["报告测试乙职业学院", 1, 500000],
      ["报告测试丁职业学院", 3, 300000],
      ["报告测试丙职业中专学校", null, null],
      ["报告测试戊职业学院", null, null],
    ]);
    expect(r.rows[3].note).toContain("中职");
    expect(r.rows[4].note).toContain("不足 2 人");
  });

  test("with the default minimum of 30 employed graduates nobody here is ranked", async () => {
    const { schoolRetentionRanking: r } = await server.ok(`query($y: Int!) { schoolRetentionRanking(year: $y) { minEmployed rows { rank } } }`, { y: YEAR }, bureau);
    expect(r.minEmployed).toBe(30);
    expect(r.rows.every((x: any) => x.rank === null)).toBe(true);
  });

  test("a school sees its own row with its rank among all", async () => {
    const token = await server.account(Role.SCHOOL, { schoolId: ids.D });
    const { schoolRetentionRanking: r } = await server.ok(RANKING, { y: YEAR, m: 2 }, token);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ schoolId: ids.D, rank: 3, rewardYuan: 300000 });
  });
});

describe("supply and demand, fit", () => {
  beforeAll(async () => {
    const it = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ industry: "6513", annualRevenue: 5_000_000, headcount: 80 }) }, bureau)).createEnterprise;
    const shoes = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ district: "350582" }) }, bureau)).createEnterprise;
    const create = `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`;
    await server.ok(create, { i: aPosting({ enterpriseId: shoes.id, majors: ["5102"], capacity: 5 }) }, bureau);
    await server.ok(create, { i: aPosting({ enterpriseId: it.id, majors: ["510203", "530701"], capacity: 3, kind: "JOB" }) }, bureau);
    const closed = (await server.ok(create, { i: aPosting({ enterpriseId: it.id, majors: ["5102"], capacity: 10 }) }, bureau)).createPosting;
    await server.ok(`mutation($id: ID!) { closePosting(id: $id) { id } }`, { id: closed.id }, bureau);
  });

  const SUPPLY = `query($y: Int!, $g: SupplyDemandGroupBy!) { supplyDemand(year: $y, groupBy: $g) { rows { key label supply demand gap } total { supply demand gap } } }`;

  test("by major category: open slots per accepted category against the year's graduates", async () => {
    const { supplyDemand: s } = await server.ok(SUPPLY, { y: YEAR, g: "MAJOR_CATEGORY" }, bureau);
    expect(s.rows.map((r: any) => [r.key, r.supply, r.demand, r.gap])).toEqual([["46", 2, 0, -2], ["51", 5, 8, 3], ["53", 4, 3, -1], ["57", 2, 0, -2], ["71", 3, 0, -3]]);
    expect(s.total).toEqual({ supply: 16, demand: 8, gap: -8 });
  });

  test("by industry: demand by the enterprise's division, supply through the cluster mapping", async () => {
    const { supplyDemand: s } = await server.ok(SUPPLY, { y: YEAR, g: "INDUSTRY" }, bureau);
    const row = (key: string) => s.rows.find((r: any) => r.key === key);
    expect(row("19")).toMatchObject({ supply: 0, demand: 5, gap: 5 });
    expect(row("65")).toMatchObject({ supply: 8, demand: 3, gap: -5 });
    expect(row("51")).toMatchObject({ supply: 4, demand: 0 });
    expect(row("35")).toMatchObject({ supply: 2, demand: 0 });
    expect(row("NONE")).toMatchObject({ label: "专业未对应重点产业", supply: 2 });
    expect(s.total).toEqual({ supply: 16, demand: 8, gap: -8 });
  });

  test("fit: graduates whose major maps to a key cluster, against the 80% target", async () => {
    const { majorIndustryFit: f } = await server.ok(`query($y: Int!) { majorIndustryFit(year: $y) { graduates fitted fitRate target gap clusters { code graduates share } } }`, { y: YEAR }, bureau);
    expect(f).toMatchObject({ graduates: 16, fitted: 14, fitRate: 14 / 16, target: 0.8 });
    expect(f.gap).toBeCloseTo(0.8 - 14 / 16, 4);
    const cluster = (code: string) => f.clusters.find((c: any) => c.code === code);
    expect(cluster("DIGITAL_ECONOMY")).toMatchObject({ graduates: 8, share: 0.5 });
    expect(cluster("TRADE_FINANCE")).toMatchObject({ graduates: 4, share: 0.25 });
    expect(cluster("MACHINERY")).toMatchObject({ graduates: 2 });
  });

  test("the bureau's edit of the cluster mapping changes the fit", async () => {
    await server.ok(`mutation($i: ClusterInput!) { upsertCluster(input: $i) { code } }`, { i: { code: "EARLY_EDUCATION", name: "托育服务", industries: ["83"], majorPrefixes: ["5701"] } }, bureau);
    const { majorIndustryFit: f } = await server.ok(`query($y: Int!) { majorIndustryFit(year: $y) { fitted fitRate } }`, { y: YEAR }, bureau);
    expect(f).toEqual({ fitted: 16, fitRate: 1 });
  });
});

describe("quota compliance", () => {
  const e: Record<string, string> = {};
  beforeAll(async () => {
    const create = async (headcount: number, recordedInterns: number, extra = {}) =>
      (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ district: "350521", headcount, recordedInterns, ...extra }) }, bureau)).createEnterprise.id as string;
    e.below = await create(150, 1); // floor 3, ceiling 4; 1 + 1 placed = 2
    e.within = await create(200, 2); // floor 4, ceiling 6; 2 + 3 placed = 5
    e.above = await create(100, 4); // floor 2, ceiling 3; 4
    e.small = await create(100, 0, { industry: "6513", annualRevenue: 1_000_000 }); // not above scale: not listed
    const posting = async (enterpriseId: string) => (await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId, startDate: "2027-03-01", endDate: "2027-08-31" }) }, bureau)).createPosting.id as string;
    // No API writes runs and placements yet (allocation runs are being built): only the fields the report reads, written directly.
    const run = async (status: AllocationRunStatus) => (await AllocationRunModel.collection.insertOne({ name: "测试方案", status, createdBy: "test" })).insertedId;
    const committed = { _id: await run(AllocationRunStatus.COMMITTED) };
    const solved = { _id: await run(AllocationRunStatus.SOLVED) };
    const place = async (run: Types.ObjectId, enterprise: string, count: number, status = PlacementStatus.ACCEPTED) => {
      const postingId = await posting(enterprise);
      for (let i = 0; i < count; i++) {
        await PlacementModel.collection.insertOne({ run, student: new Types.ObjectId(), posting: new Types.ObjectId(postingId), enterprise: new Types.ObjectId(enterprise), school: new Types.ObjectId(ids.A!), score: 50, status });
      }
    };
    await place(committed._id, e.below, 1);
    await place(committed._id, e.within, 3);
    await place(solved._id, e.within, 2); // not committed: not counted
    await place(committed._id, e.within, 1, PlacementStatus.OFFERED); // not accepted: not counted
  });

  const COMPLIANCE = `query($y: Int!) { quotaCompliance(year: $y) { rows { enterpriseId headcount floor ceiling placedInterns recordedInterns interns status statusLabel } byDistrict { key label enterprises headcount floor ceiling interns below within above } total { enterprises } } }`;

  test("each above-scale enterprise is BELOW, WITHIN or ABOVE its 2%–3% band, with totals by district", async () => {
    const { quotaCompliance: q } = await server.ok(COMPLIANCE, { y: 2027 }, bureau);
    const row = (id: string) => q.rows.find((r: any) => r.enterpriseId === id);
    expect(row(e.below!)).toMatchObject({ floor: 3, ceiling: 4, placedInterns: 1, recordedInterns: 1, interns: 2, status: "BELOW", statusLabel: "低于下限" });
    expect(row(e.within!)).toMatchObject({ floor: 4, ceiling: 6, placedInterns: 3, interns: 5, status: "WITHIN" });
    expect(row(e.above!)).toMatchObject({ floor: 2, ceiling: 3, interns: 4, status: "ABOVE" });
    expect(row(e.small!)).toBeUndefined();
    expect(q.byDistrict.find((d: any) => d.key === "350521")).toEqual({ key: "350521", label: "惠安县", enterprises: 3, headcount: 450, floor: 9, ceiling: 13, interns: 11, below: 1, within: 1, above: 1 });
  });

  test("placements count only in years their internship overlaps", async () => {
    const { quotaCompliance: q } = await server.ok(COMPLIANCE, { y: 2026 }, bureau);
    expect(q.rows.find((r: any) => r.enterpriseId === e.within).placedInterns).toBe(0);
  });

  test("an enterprise sees only its own compliance; a school none", async () => {
    const token = await server.account(Role.ENTERPRISE, { enterpriseId: e.above });
    const { quotaCompliance: q } = await server.ok(COMPLIANCE, { y: 2027 }, token);
    expect(q.rows.map((r: any) => r.enterpriseId)).toEqual([e.above]);
    expect(q.total.enterprises).toBe(1);
    const school = await server.account(Role.SCHOOL, { schoolId: ids.A });
    expect(errorCode(await server.gql(COMPLIANCE, { y: 2027 }, school))).toBe("FORBIDDEN");
  });
});

describe("exports", () => {
  const base = () => server.url.replace(/\/graphql$/, "");
  const get = (path: string, token?: string) => fetch(base() + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  test("retention as CSV: UTF-8 with BOM, Chinese header row, one line per school and the total", async () => {
    const res = await get(`/exports/retention.csv?year=${YEAR}&groupBy=SCHOOL`, bureau);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("2024届毕业生留泉率")}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("学校标识码,学校,毕业生人数,就业人数,在泉就业人数,升学人数,专业相关就业人数,留泉率,毕业去向落实率,专业对口率,距目标50%差距");
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[lines.length - 1]).toBe("TOTAL,合计,16,11,7,1,8,63.6%,75.0%,72.7%,-13.6%");
  });

  test("compliance as XLSX reads back with its Chinese headers and rows", async () => {
    const res = await get(`/exports/compliance.xlsx?year=2027`, bureau);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = workbook.worksheets[0]!;
    expect([1, 2, 3, 4, 13].map((i) => sheet.getRow(1).getCell(i).value)).toEqual(["统一社会信用代码", "区县代码（GB/T 2260）", "行业代码（GB/T 4754）", "企业名称", "状态"]);
    const { quotaCompliance: q } = await server.ok(`query($y: Int!) { quotaCompliance(year: $y) { rows { creditCode name district industry } } }`, { y: 2027 }, bureau);
    expect(sheet.actualRowCount).toBe(1 + q.rows.length + 1);
    // Codes people know first, not database ids.
    expect([1, 2, 3, 4].map((i) => sheet.getRow(2).getCell(i).value)).toEqual([q.rows[0].creditCode, q.rows[0].district, q.rows[0].industry, q.rows[0].name]);
    expect(q.rows[0].creditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
  });

  test("the first column is the GB/T code of a district, industry or major, never a database id", async () => {
    const csv = async (path: string) => (await (await get(path, bureau)).text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((line) => line.split(","));
    const district = await csv(`/exports/retention.csv?year=${YEAR}&groupBy=DISTRICT`);
    expect(district[0]![0]).toBe("区县代码（GB/T 2260）");
    expect(district.slice(1).map((r) => r[0])).toEqual(["350203", "350503", "350582", "440305", "TOTAL"]);
    const major = await csv(`/exports/retention.csv?year=${YEAR}&groupBy=MAJOR`);
    expect(major.slice(1, -1).map((r) => r[0])).toEqual(["460301", "510201", "530701", "570102K", "710201"]);
    const ranking = await csv(`/exports/ranking.csv?year=${YEAR}`);
    expect(ranking[0]!.slice(0, 3)).toEqual(["学校标识码", "学校", "名次"]);
    for (const row of [...district, ...major, ...ranking].slice(1)) expect(row[0]).not.toMatch(/^[0-9a-f]{24}$/);
    const fit = await csv(`/exports/fit.csv?year=${YEAR}`);
    expect(fit[1]![0]).toMatch(/^[A-Z_]+$/);
  });

  test("every report exports in both formats for the bureau", async () => {
    for (const path of ["ranking", "fit", "supply-demand"]) {
      for (const format of ["csv", "xlsx"]) expect((await get(`/exports/${path}.${format}?year=${YEAR}`, bureau)).status).toBe(200);
    }
  });

  test("exports need a token (401) and a role the report is for (403), and keep the GraphQL scoping", async () => {
    expect((await get(`/exports/retention.csv?year=${YEAR}`)).status).toBe(401);
    const enterprise = await server.account(Role.ENTERPRISE, { enterpriseId: new Types.ObjectId().toHexString() });
    expect((await get(`/exports/retention.csv?year=${YEAR}`, enterprise)).status).toBe(403);
    const school = await server.account(Role.SCHOOL, { schoolId: ids.C });
    const text = (await (await get(`/exports/retention.csv?year=${YEAR}`, school)).text()).trimEnd().split("\r\n");
    expect(text).toHaveLength(3);
    expect(text[1]).toContain("报告测试丙职业中专学校");
    expect((await get(`/exports/nothing.csv?year=${YEAR}`, bureau)).status).toBe(404);
    expect((await get(`/exports/retention.csv?year=abc`, bureau)).status).toBe(400);
  });
});
