/**
 * Recording graduate destinations: which student a row names (by student id, or by national ID
 * through its keyed hash), what is copied from that student, the viewer's scope, and the chain of
 * a (student, year)'s records (server/store/outcomes.store.ts): one current, history kept,
 * concurrent writers refused. Interrupted writes are simulated by writing their steps by hand.
 */
import { Types } from "mongoose";
import { Role } from "../../schema/enums";
import { EmploymentOutcomeModel } from "../../schema/outcome.model";
import { aNationalId, aSchool, aStudent, anOutcome } from "../helpers/factories";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
let bureau: string;
const YEAR = 2024;
/** Two schools with different majors, four graduates each (row order), and their national IDs. */
const school: Record<"A" | "B", { id: string; token: string; students: string[]; nationalIds: string[]; major: string }> = {} as never;

const RECORD = `mutation($rows: [EmploymentOutcomeInput!]!) { recordEmploymentOutcomes(rows: $rows) { recorded replaced outcomes { id studentId schoolId major graduationYear status current } } }`;
const HISTORY = `query($s: ID!, $y: Int) { employmentOutcomes(studentId: $s, graduationYear: $y) { id status current graduationYear } }`;

const other = (overrides: Record<string, unknown>) => ({ graduationYear: YEAR, status: "OTHER", date: "2024-12-31", source: "毕业生自报", ...overrides });
const history = async (studentId: string, year?: number) => (await server.ok(HISTORY, { s: studentId, y: year ?? null }, bureau)).employmentOutcomes;
const problemsOf = (res: Awaited<ReturnType<TestServer["gql"]>>) => res.errors![0]!.extensions!.errors!.map((p) => ({ row: p.row, field: p.field, message: p.message }));

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  for (const [key, major] of [["A", "510201"], ["B", "530701"]] as const) {
    const id = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool({ majors: [major] }) }, bureau)).createSchool.id;
    const rows = Array.from({ length: 4 }, () => aStudent({ major, enrolmentYear: 2021, graduationYear: YEAR }));
    const { ids } = (await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { ids } }`, { s: id, rows }, bureau)).importStudents;
    school[key] = { id, token: await server.account(Role.SCHOOL, { schoolId: id }), students: ids, nationalIds: rows.map((r) => r.nationalId), major };
  }
});
afterAll(async () => { await server.close(); });

describe("which student a row names", () => {
  test("by national ID: each row goes to the student holding that ID, with the student's school, major and year", async () => {
    const [a, b] = [school.A, school.B];
    const res = await server.ok(RECORD, { rows: [other({ nationalId: b.nationalIds[2] }), other({ nationalId: a.nationalIds[1] })] }, bureau);
    expect(res.recordEmploymentOutcomes).toMatchObject({ recorded: 2, replaced: 0 });
    const byStudent = new Map(res.recordEmploymentOutcomes.outcomes.map((o: any) => [o.studentId, o]));
    expect(byStudent.get(b.students[2])).toMatchObject({ schoolId: b.id, major: b.major, graduationYear: YEAR, status: "OTHER", current: true });
    expect(byStudent.get(a.students[1])).toMatchObject({ schoolId: a.id, major: a.major, graduationYear: YEAR, current: true });
    // Nobody else got one.
    for (const id of [...a.students, ...b.students].filter((s) => s !== b.students[2] && s !== a.students[1])) expect(await history(id)).toEqual([]);
  });

  test("by student id: the row goes to that student, whose school and major are copied", async () => {
    const b = school.B;
    const res = await server.ok(RECORD, { rows: [anOutcome({ studentId: b.students[0], graduationYear: YEAR })] }, b.token);
    expect(res.recordEmploymentOutcomes.outcomes).toEqual([expect.objectContaining({ studentId: b.students[0], schoolId: b.id, major: b.major, status: "EMPLOYED", current: true })]);
    expect(await history(b.students[0]!)).toEqual([expect.objectContaining({ id: res.recordEmploymentOutcomes.outcomes[0].id, current: true })]);
  });

  test("the year is checked against the student's own graduation year", async () => {
    const res = await server.gql(RECORD, { rows: [other({ nationalId: school.A.nationalIds[0], graduationYear: 2023 })] }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(problemsOf(res)).toEqual([{ row: 1, field: "graduationYear", message: "第 1 行 毕业年份：该生的毕业年份是 2024 年，不是 2023 年" }]);
  });

  test("a student of another school reads exactly as an unknown one, by id and by national ID, and nothing is written", async () => {
    const [a, b] = [school.A, school.B];
    const res = await server.gql(RECORD, { rows: [
      other({ studentId: a.students[0] }),
      other({ studentId: new Types.ObjectId().toHexString() }),
      other({ nationalId: a.nationalIds[0] }),
      other({ nationalId: aNationalId() }),
      other({ studentId: b.students[1] }), // in scope and valid: still not written
    ] }, b.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(problemsOf(res)).toEqual([
      { row: 1, field: "studentId", message: "第 1 行 学生：管辖范围内没有该学生" },
      { row: 2, field: "studentId", message: "第 2 行 学生：管辖范围内没有该学生" },
      { row: 3, field: "nationalId", message: "第 3 行 身份证号：本校（或管辖范围内）没有该身份证号的学生" },
      { row: 4, field: "nationalId", message: "第 4 行 身份证号：本校（或管辖范围内）没有该身份证号的学生" },
    ]);
    expect(await history(a.students[0]!)).toEqual([]);
    expect(await history(b.students[1]!)).toEqual([]);
    // Nor are another school's destinations readable to it.
    await server.ok(RECORD, { rows: [other({ studentId: a.students[0] })] }, a.token);
    expect((await server.ok(HISTORY, { s: a.students[0] }, b.token)).employmentOutcomes).toEqual([]);
    expect((await server.ok(HISTORY, { s: a.students[0] }, a.token)).employmentOutcomes).toHaveLength(1);
  });

  test("a national ID no student holds is unknown; a malformed one is refused as such", async () => {
    const res = await server.gql(RECORD, { rows: [other({ nationalId: aNationalId() }), other({ nationalId: "35058220040101001" })] }, bureau);
    expect(problemsOf(res)).toEqual([
      { row: 1, field: "nationalId", message: "第 1 行 身份证号：本校（或管辖范围内）没有该身份证号的学生" },
      { row: 2, field: "nationalId", message: "第 2 行：身份证号须为 18 位（现为 17 位）" },
    ]);
  });
});

describe("replacing a destination", () => {
  test("each newer record replaces the current one; the history lists them all, newest first", async () => {
    const student = school.A.students[2]!;
    const statuses = ["EMPLOYED", "UNEMPLOYED", "FURTHER_STUDY"];
    for (const [i, status] of statuses.entries()) {
      const row = status === "EMPLOYED" ? anOutcome({ studentId: student, graduationYear: YEAR }) : other({ studentId: student, status });
      const res = await server.ok(RECORD, { rows: [row] }, bureau);
      expect(res.recordEmploymentOutcomes).toMatchObject({ recorded: 1, replaced: i === 0 ? 0 : 1 });
    }
    const records = await history(student);
    expect(records.map((r: any) => [r.status, r.current])).toEqual([["FURTHER_STUDY", true], ["UNEMPLOYED", false], ["EMPLOYED", false]]);
    expect(await history(student, YEAR)).toEqual(records);
    expect(await history(student, YEAR - 1)).toEqual([]);
    expect(await EmploymentOutcomeModel.countDocuments({ student: new Types.ObjectId(student), current: true })).toBe(1);
  });

  test("concurrent records of one destination: each either replaces the one before or gets CONFLICT, one stays current", async () => {
    const student = school.B.students[3]!;
    const results = await Promise.all(["EMPLOYED", "UNEMPLOYED", "OTHER", "FURTHER_STUDY"].map((status) =>
      server.gql(RECORD, { rows: [status === "EMPLOYED" ? anOutcome({ studentId: student, graduationYear: YEAR }) : other({ studentId: student, status })] }, bureau)));
    const written = results.filter((r) => !r.errors);
    expect(written.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((r) => r.errors)) expect(errorCode(r)).toBe("CONFLICT");
    const records = await history(student);
    expect(records).toHaveLength(written.length);
    expect(records.filter((r: any) => r.current)).toHaveLength(1);
    expect(records[0].current).toBe(true);
  });

  test("a record whose write died before promoting it is a conflict while fresh and replaced once stale", async () => {
    const student = school.B.students[1]!;
    const first = (await server.ok(RECORD, { rows: [other({ studentId: student })] }, bureau)).recordEmploymentOutcomes.outcomes[0];
    // The next write inserted its record, following the current one, and died before promoting it.
    const died = new Types.ObjectId();
    const current = await EmploymentOutcomeModel.findById(first.id).lean();
    await EmploymentOutcomeModel.collection.insertOne({
      ...current!, _id: died, status: "FURTHER_STUDY", follows: first.id, current: false, currentKey: `${student}:${YEAR}:${String(died)}`, batch: "died", createdAt: new Date(),
    });
    const res = await server.gql(RECORD, { rows: [other({ studentId: student, status: "UNEMPLOYED" })] }, bureau);
    expect(errorCode(res)).toBe("CONFLICT");
    expect(res.errors![0]!.message).toBe("这些学生的去向刚被他人修改，本次未登记任何数据，请刷新后重试");
    expect((await history(student)).map((r: any) => [r.status, r.current])).toEqual([["FURTHER_STUDY", false], ["OTHER", true]]);
    await EmploymentOutcomeModel.collection.updateOne({ _id: died }, { $set: { createdAt: new Date(Date.now() - 120_000) } });
    const retried = await server.ok(RECORD, { rows: [other({ studentId: student, status: "UNEMPLOYED" })] }, bureau);
    expect(retried.recordEmploymentOutcomes).toMatchObject({ recorded: 1, replaced: 1 });
    expect((await history(student)).map((r: any) => [r.status, r.current])).toEqual([["UNEMPLOYED", true], ["FURTHER_STUDY", false], ["OTHER", false]]);
    expect(await EmploymentOutcomeModel.countDocuments({ student: new Types.ObjectId(student), current: true })).toBe(1);
  });

  test("two records cannot follow the same one, nor two be current for a student and year (unique indexes)", async () => {
    const student = school.A.students[3]!;
    const first = (await server.ok(RECORD, { rows: [other({ studentId: student })] }, bureau)).recordEmploymentOutcomes.outcomes[0];
    const record = await EmploymentOutcomeModel.findById(first.id).lean();
    const copy = (fields: Record<string, unknown>) => EmploymentOutcomeModel.collection.insertOne({ ...record!, _id: new Types.ObjectId(), ...fields });
    await expect(copy({ currentKey: `${student}:${YEAR}:x`, follows: `${student}:${YEAR}` })).rejects.toMatchObject({ code: 11000 });
    await expect(copy({ currentKey: `${student}:${YEAR}`, follows: "another" })).rejects.toMatchObject({ code: 11000 });
    expect(await history(student)).toHaveLength(1);
  });

  test("a call whose row conflicts writes none of its rows", async () => {
    const [fresh, busy] = [school.A.students[0]!, school.B.students[2]!];
    const before = await history(fresh);
    const current = await EmploymentOutcomeModel.findOne({ currentKey: `${busy}:${YEAR}` }).lean();
    const pending = new Types.ObjectId();
    await EmploymentOutcomeModel.collection.insertOne({ ...current!, _id: pending, follows: String(current!._id), current: false, currentKey: `${busy}:${YEAR}:${String(pending)}`, createdAt: new Date() });
    const res = await server.gql(RECORD, { rows: [other({ studentId: fresh, status: "UNEMPLOYED" }), other({ studentId: busy, status: "UNEMPLOYED" })] }, bureau);
    expect(errorCode(res)).toBe("CONFLICT");
    expect(await history(fresh)).toEqual(before);
  });
});
