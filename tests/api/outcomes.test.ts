/**
 * Recording graduate destinations: which student a row names (by student id, or by national ID
 * through the claim of its keyed hash), what is copied from that student, the viewer's scope, and
 * the claimed slots through which a (student, year)'s records are found (server/services/outcome.service.ts).
 * Interrupted writes are simulated by writing their steps by hand.
 */
import { Types } from "mongoose";
import { Role } from "../../schema/enums";
import { KeyClaimModel } from "../../schema/key-claim.model";
import { EmploymentOutcomeModel } from "../../schema/outcome.model";
import { MarkerModel } from "../../schema/profile-chunk.model";
import { outcomeKey } from "../../server/services/outcome.service";
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
    expect(problemsOf(res)).toEqual([{ row: 1, field: "graduationYear", message: "the student graduates in 2024, not 2023" }]);
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
      { row: 1, field: "studentId", message: "no such student in your scope" },
      { row: 2, field: "studentId", message: "no such student in your scope" },
      { row: 3, field: "nationalId", message: "no student with this national ID in your scope" },
      { row: 4, field: "nationalId", message: "no student with this national ID in your scope" },
    ]);
    expect(await history(a.students[0]!)).toEqual([]);
    expect(await history(b.students[1]!)).toEqual([]);
    // Nor are another school's destinations readable to it.
    await server.ok(RECORD, { rows: [other({ studentId: a.students[0] })] }, a.token);
    expect((await server.ok(HISTORY, { s: a.students[0] }, b.token)).employmentOutcomes).toEqual([]);
    expect((await server.ok(HISTORY, { s: a.students[0] }, a.token)).employmentOutcomes).toHaveLength(1);
  });

  test("a national ID whose claim names no student (an import that died) is unknown; a malformed one is refused as such", async () => {
    const nationalId = aNationalId();
    const hash = server.services.cipher.lookupHash("nid", nationalId);
    await KeyClaimModel.create({ _id: `nid:${hash}`, owner: new Types.ObjectId(), batch: "died", claimedAt: new Date() });
    const res = await server.gql(RECORD, { rows: [other({ nationalId }), other({ nationalId: "35058220040101001" })] }, bureau);
    expect(problemsOf(res)).toEqual([
      { row: 1, field: "nationalId", message: "no student with this national ID in your scope" },
      { row: 2, field: "nationalId", message: expect.stringContaining("18 characters") },
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

  test("a slot claimed by a write that died is a conflict while fresh and taken over once stale", async () => {
    const student = school.B.students[1]!;
    await server.ok(RECORD, { rows: [other({ studentId: student })] }, bureau);
    // The next write claimed slot 1 and died before writing its record.
    const key = outcomeKey(student, YEAR, 1);
    await KeyClaimModel.create({ _id: key, owner: new Types.ObjectId(), batch: "died", claimedAt: new Date() });
    const res = await server.gql(RECORD, { rows: [other({ studentId: student, status: "UNEMPLOYED" })] }, bureau);
    expect(errorCode(res)).toBe("CONFLICT");
    expect(res.errors![0]!.message).toBe("a destination of these students changed meanwhile; nothing recorded");
    expect((await history(student)).map((r: any) => [r.status, r.current])).toEqual([["OTHER", true]]);
    await KeyClaimModel.updateOne({ _id: key }, { $set: { claimedAt: new Date(Date.now() - 120_000) } });
    const retried = await server.ok(RECORD, { rows: [other({ studentId: student, status: "UNEMPLOYED" })] }, bureau);
    expect(retried.recordEmploymentOutcomes).toMatchObject({ recorded: 1, replaced: 1 });
    expect((await history(student)).map((r: any) => [r.status, r.current])).toEqual([["UNEMPLOYED", true], ["OTHER", false]]);
  });

  test("destinations recorded before slots existed get their slots once, and are then found and replaced", async () => {
    const student = new Types.ObjectId(school.A.students[3]!);
    // What an earlier version wrote: a record kept as history and the current one, without slot claims.
    const earlier = (status: string, current: boolean, _id = new Types.ObjectId()) => ({
      _id, student, school: new Types.ObjectId(school.A.id), schoolLevel: "HIGHER_VOCATIONAL", major: school.A.major, majorCategory: "51", graduationYear: YEAR, status,
      employer: null, employerName: null, employerCreditCode: null, workDistrict: null, inCity: false, industry: null, industryDivision: null, relatedToMajor: null,
      date: "2024-09-01", source: "学校就业统计", current, currentKey: current ? `${String(student)}:${YEAR}` : `${String(student)}:${YEAR}:${String(_id)}`,
      batch: "earlier", recordedBy: "earlier", createdAt: new Date(), updatedAt: new Date(),
    });
    const first = earlier("UNEMPLOYED", false);
    const second = earlier("OTHER", true);
    await EmploymentOutcomeModel.collection.insertMany([second, first]);
    expect(await history(String(student))).toEqual([]); // not found without their slots
    await MarkerModel.deleteOne({ _id: "outcome-slots:v1" });
    expect(await server.services.outcomes.ensureSlotsClaimed()).toBe(await EmploymentOutcomeModel.countDocuments({}));
    expect(await server.services.outcomes.ensureSlotsClaimed()).toBe(0); // once
    expect((await history(String(student))).map((r: any) => r.id)).toEqual([String(second._id), String(first._id)]);
    // A build interrupted before its marker runs again without changing a claim.
    await MarkerModel.deleteOne({ _id: "outcome-slots:v1" });
    await server.services.outcomes.ensureSlotsClaimed();
    expect((await history(String(student))).map((r: any) => r.id)).toEqual([String(second._id), String(first._id)]);

    const res = await server.ok(RECORD, { rows: [anOutcome({ studentId: String(student), graduationYear: YEAR })] }, school.A.token);
    expect(res.recordEmploymentOutcomes).toMatchObject({ recorded: 1, replaced: 1 });
    expect((await history(String(student))).map((r: any) => [r.status, r.current])).toEqual([["EMPLOYED", true], ["OTHER", false], ["UNEMPLOYED", false]]);
  });
});
