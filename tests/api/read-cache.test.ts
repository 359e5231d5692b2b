import mongoose from "mongoose";
import { Role } from "../../schema/enums";
import { ReadCache } from "../../server/store/read-cache";
import { aSchool, aStudent, anOutcome } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

/** Report reads are cached, and a write is seen by the very next read. */
let server: TestServer;
let bureau: string;

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
});

afterAll(async () => {
  await server.close();
});

test("a cached read is loaded once until its collection is written, by any code of the process", async () => {
  const cache = new ReadCache({ ttlMs: 60_000 });
  let loads = 0;
  const read = () => cache.get("k", ["cache_probe"], async () => ++loads);
  expect([await read(), await read()]).toEqual([1, 1]);
  await mongoose.connection.collection("cache_probe").insertOne({ x: 1 }); // the driver itself, no store
  expect(await read()).toBe(2);
  await mongoose.connection.collection("other_collection").insertOne({ x: 1 });
  expect(await read()).toBe(2);
  await mongoose.connection.collection("cache_probe").updateOne({ x: 1 }, { $set: { x: 2 } });
  expect(await read()).toBe(3);
  // Concurrent readers share one load.
  await mongoose.connection.collection("cache_probe").deleteMany({});
  expect(await Promise.all([read(), read(), read()])).toEqual([4, 4, 4]);
});

test("an entry past its time-to-live is loaded again (writes by other servers)", async () => {
  const cache = new ReadCache({ ttlMs: 30 });
  let loads = 0;
  const read = () => cache.get("k", ["cache_probe_ttl"], async () => ++loads);
  expect(await read()).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(await read()).toBe(2);
});

test("retention by school and a list's total count: a write is counted by the next read", async () => {
  const school = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool({ majors: ["510201"] }) }, bureau)).createSchool;
  const rows = Array.from({ length: 3 }, () => aStudent({ major: "510201", enrolmentYear: 2021, graduationYear: 2024 }));
  await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: school.id, rows }, bureau);
  const list = await server.ok(`query($s: ID!) { students(first: 10, filter: { schoolId: $s }) { edges { node { id } } } }`, { s: school.id }, bureau);
  const REPORT = `{ retentionStats(year: 2024, groupBy: SCHOOL) { total { graduates employed } } }`;
  expect((await server.ok(REPORT, {}, bureau)).retentionStats.total).toEqual({ graduates: 3, employed: 0 });
  expect((await server.ok(REPORT, {}, bureau)).retentionStats.total).toEqual({ graduates: 3, employed: 0 });
  const student = list.students.edges[0].node.id;
  await server.ok(`mutation($rows: [EmploymentOutcomeInput!]!) { recordEmploymentOutcomes(rows: $rows) { recorded } }`, { rows: [anOutcome({ studentId: student })] }, bureau);
  expect((await server.ok(REPORT, {}, bureau)).retentionStats.total).toEqual({ graduates: 3, employed: 1 });
  const COUNT = `query($s: ID!) { students(first: 1, filter: { schoolId: $s }) { totalCount } }`;
  expect((await server.ok(COUNT, { s: school.id }, bureau)).students.totalCount).toBe(3);
  await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: school.id, rows: [aStudent({ major: "510201", enrolmentYear: 2021, graduationYear: 2024 })] }, bureau);
  expect((await server.ok(REPORT, {}, bureau)).retentionStats.total).toEqual({ graduates: 4, employed: 1 });
  expect((await server.ok(COUNT, { s: school.id }, bureau)).students.totalCount).toBe(4);
});
