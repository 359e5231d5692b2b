/**
 * The students' allocation profiles (server/services/student-profiles.ts): kept
 * in step with every student write made over the API, and read back exactly as
 * the student documents after an interrupted write (simulated here by doing
 * the write's steps by hand, as a crash between them would leave them).
 */
import { Types } from "mongoose";
import { Role } from "../../schema/enums";
import { StudentModel } from "../../schema/student.model";
import { MarkerModel, StudentProfileModel } from "../../schema/student-profile.model";
import { StudentProfiles, type StudentProfile } from "../../server/services/student-profiles";
import { aSchool, aStudent } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
let bureau: string;
let schoolId: string;

const IMPORT = `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported batchId } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateStudentInput!) { updateStudent(id: $id, input: $i) { id major } }`;

/** What the student documents say, in profile form, sorted by id. */
async function fromStudents(): Promise<StudentProfile[]> {
  const students = await StudentModel.find({}, { school: 1, major: 1, birthDate: 1, enrolmentYear: 1, graduationYear: 1, homeDistrict: 1 }).lean();
  return students
    .map((s) => ({ id: String(s._id), school: s.school, major: s.major, birthDate: s.birthDate, enrolmentYear: s.enrolmentYear, graduationYear: s.graduationYear, homeDistrict: s.homeDistrict }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function fromProfiles(profiles = new StudentProfiles()): Promise<StudentProfile[]> {
  return (await profiles.load()).sort((a, b) => a.id.localeCompare(b.id));
}

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  schoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
});
afterAll(async () => { await server.close(); });

test("imports, creates and updates over the API keep the profiles equal to the students", async () => {
  await server.ok(IMPORT, { s: schoolId, rows: [aStudent(), aStudent({ major: "530701" }), aStudent({ homeDistrict: "350503" })] }, bureau);
  const created = (await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: schoolId, i: aStudent() }, bureau)).createStudent.id;
  await server.ok(UPDATE, { id: created, i: { major: "460301", graduationYear: 2028 } }, bureau);
  const first = (await fromStudents())[0]!;
  await server.ok(UPDATE, { id: first.id, i: { homeDistrict: "350521" } }, bureau);

  const profiles = await fromProfiles();
  expect(profiles).toHaveLength(4);
  expect(profiles).toEqual(await fromStudents());
  expect(profiles.find((p) => p.id === created)).toMatchObject({ major: "460301", graduationYear: 2028 });
  expect(await StudentProfileModel.countDocuments({ dirty: { $ne: [] } })).toBe(0);
});

test("a failed import leaves no profile document behind", async () => {
  const before = await StudentProfileModel.countDocuments({});
  const res = await server.gql(IMPORT, { s: schoolId, rows: [aStudent(), aStudent({ major: "not-a-major" })] }, bureau);
  expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(await StudentProfileModel.countDocuments({})).toBe(before);
  expect(await fromProfiles()).toEqual(await fromStudents());
});

test("an update interrupted after marking the student dirty reads as the student document", async () => {
  const [target] = await fromStudents();
  const student = await StudentModel.findById(target!.id).lean();
  const profiles = new StudentProfiles();
  // The update's steps up to a crash: marked dirty, document changed, line not rewritten.
  await profiles.markDirty(student!.importBatch!, student!._id);
  await StudentModel.updateOne({ _id: student!._id }, { $set: { major: "530701" } });
  expect((await fromProfiles()).find((p) => p.id === target!.id)!.major).toBe("530701");
  expect(await fromProfiles()).toEqual(await fromStudents());
  // The next refresh (any later update of the batch) writes the line and clears the mark.
  await profiles.refresh(student!.importBatch!);
  const doc = await StudentProfileModel.findById(student!.importBatch).lean();
  expect(doc!.dirty).toEqual([]);
  expect(doc!.lines).toContain(`${target!.id},530701,`);
});

test("an import interrupted before its lines were written is left out while in flight and rebuilt after a minute", async () => {
  const batch = "crashed-import-1";
  const school = new Types.ObjectId(schoolId);
  const profiles = new StudentProfiles();
  await profiles.open(batch, school);
  const row = aStudent();
  const id = new Types.ObjectId();
  await StudentModel.collection.insertOne({
    _id: id, school, name: row.name, nationalIdEncrypted: "x", nationalIdHash: `crash-${id.toHexString()}`, nationalIdMasked: "x", gender: "MALE",
    birthDate: "2004-05-06", major: "510201", enrolmentYear: 2024, graduationYear: 2027, homeDistrict: "350582", skills: [], certificates: [], importBatch: batch,
  });
  // In flight (under a minute old): not read yet.
  expect((await fromProfiles()).some((p) => p.id === String(id))).toBe(false);
  // A minute later the writer is taken as dead: the batch is rebuilt from its students.
  const later = new StudentProfiles(() => Date.now() + 61_000);
  expect(await fromProfiles(later)).toEqual(await fromStudents());
  expect(await StudentProfileModel.findById(batch).lean()).toMatchObject({ complete: true });

  // A batch whose students never got written is dropped.
  await profiles.open("crashed-import-2", school);
  await later.load();
  expect(await StudentProfileModel.exists({ _id: "crashed-import-2" })).toBeNull();
});

test("a database without profiles gets them built once, from the students", async () => {
  const expected = await fromStudents();
  await StudentProfileModel.deleteMany({});
  await MarkerModel.deleteMany({});
  const profiles = new StudentProfiles();
  expect(await profiles.ensureBuilt()).toBe(expected.length);
  expect(await fromProfiles()).toEqual(expected);
  expect(await profiles.ensureBuilt()).toBe(0); // marked built
});
