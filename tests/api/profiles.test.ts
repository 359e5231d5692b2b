/**
 * The allocation profiles of students and postings (server/services/packed-profiles.ts):
 * kept in step with every write made over the API, and read back exactly as
 * the records after an interrupted write (simulated by doing the write's steps
 * by hand, as a crash between them would leave them).
 */
import { Types } from "mongoose";
import { Role } from "../../schema/enums";
import { StudentModel } from "../../schema/student.model";
import { PostingModel } from "../../schema/posting.model";
import { MarkerModel, ProfileChunkModels } from "../../schema/profile-chunk.model";
import { PackedProfiles, POSTING_CODEC, STUDENT_CODEC, type PostingProfile, type StudentProfile } from "../../server/services/packed-profiles";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
let bureau: string;
let schoolId: string;
let enterpriseId: string;

const IMPORT = `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported batchId ids } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateStudentInput!) { updateStudent(id: $id, input: $i) { id major } }`;
const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** What the student documents say, in profile form. */
async function studentRecords(): Promise<StudentProfile[]> {
  const students = await StudentModel.find({}).lean();
  return byId(students.map((s) => ({ id: String(s._id), school: s.school, major: s.major, birthDate: s.birthDate, enrolmentYear: s.enrolmentYear, graduationYear: s.graduationYear, homeDistrict: s.homeDistrict })));
}

async function postingRecords(): Promise<PostingProfile[]> {
  const postings = await PostingModel.find({}).lean();
  return byId(postings.map((p) => ({ id: String(p._id), enterprise: String(p.enterprise), kind: p.kind, status: p.status, district: p.district, capacity: p.capacity, majors: p.majors, levels: p.levels })));
}

const students = (now?: () => number) => new PackedProfiles(STUDENT_CODEC, now);
const postings = () => new PackedProfiles(POSTING_CODEC);

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  schoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
  enterpriseId = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise() }, bureau)).createEnterprise.id;
});
afterAll(async () => { await server.close(); });

test("student imports, creates and updates over the API keep the profiles equal to the students", async () => {
  const rows = [aStudent(), aStudent({ major: "530701" }), aStudent({ homeDistrict: "350503" })];
  const { ids } = (await server.ok(IMPORT, { s: schoolId, rows }, bureau)).importStudents;
  expect(await Promise.all(ids.map(async (id: string) => (await StudentModel.findById(id).lean())!.name))).toEqual(rows.map((r) => r.name)); // ids in row order
  const created: string[] = [];
  for (let i = 0; i < 2; i++) created.push((await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: schoolId, i: aStudent() }, bureau)).createStudent.id);
  await server.ok(UPDATE, { id: created[0], i: { major: "460301", graduationYear: 2028 } }, bureau);
  const imported = (await studentRecords()).find((s) => !created.includes(s.id))!;
  await server.ok(UPDATE, { id: imported.id, i: { homeDistrict: "350521" } }, bureau);

  const profiles = byId(await students().load());
  expect(profiles).toHaveLength(5);
  expect(profiles).toEqual(await studentRecords());
  expect(profiles.find((p) => p.id === created[0])).toMatchObject({ major: "460301", graduationYear: 2028 });
  // One chunk for the import, one for the school's students created one at a time; nothing left dirty.
  expect(await ProfileChunkModels.student.countDocuments({})).toBe(2);
  expect(await ProfileChunkModels.student.countDocuments({ dirty: { $ne: [] } })).toBe(0);
});

test("posting imports, creates, updates and closes over the API keep the profiles equal to the postings", async () => {
  await server.ok(`mutation($rows: [PostingInput!]!) { importPostings(rows: $rows) { imported } }`, { rows: [aPosting({ enterpriseId }), aPosting({ enterpriseId, majors: ["530701", "5102"], levels: [] })] }, bureau);
  const one = (await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId, capacity: 2 }) }, bureau)).createPosting.id;
  const two = (await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId }) }, bureau)).createPosting.id;
  await server.ok(`mutation($id: ID!, $i: UpdatePostingInput!) { updatePosting(id: $id, input: $i) { id } }`, { id: one, i: { capacity: 7, majors: ["460301"] } }, bureau);
  await server.ok(`mutation($id: ID!) { closePosting(id: $id) { id } }`, { id: two }, bureau);

  const profiles = byId(await postings().load());
  expect(profiles).toHaveLength(4);
  expect(profiles).toEqual(await postingRecords());
  expect(profiles.find((p) => p.id === one)).toMatchObject({ capacity: 7, majors: ["460301"], status: "OPEN" });
  expect(profiles.find((p) => p.id === two)).toMatchObject({ status: "CLOSED" });
});

test("a failed import leaves no profile chunk behind", async () => {
  const before = await ProfileChunkModels.student.countDocuments({});
  const res = await server.gql(IMPORT, { s: schoolId, rows: [aStudent(), aStudent({ major: "not-a-major" })] }, bureau);
  expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(await ProfileChunkModels.student.countDocuments({})).toBe(before);
  expect(byId(await students().load())).toEqual(await studentRecords());
});

test("a write interrupted after marking the record dirty reads as the record", async () => {
  const [target] = await studentRecords();
  const record = (await StudentModel.findById(target!.id).lean())!;
  const profiles = students();
  // The update's steps up to a crash: marked dirty, document changed, line not rewritten.
  await profiles.markDirty(record);
  await StudentModel.updateOne({ _id: record._id }, { $set: { major: "530701" } });
  expect((await profiles.load()).find((p) => p.id === target!.id)!.major).toBe("530701");
  expect(byId(await profiles.load())).toEqual(await studentRecords());
  // A create interrupted the same way: marked, inserted, never refreshed.
  const posting = { ...(await PostingModel.findOne({}).lean())!, _id: new Types.ObjectId(), profileChunk: "single" };
  await postings().markDirty(posting);
  await PostingModel.collection.insertOne(posting);
  expect(byId(await postings().load())).toEqual(await postingRecords());
  // A create that never got its record written: dropped.
  await postings().markDirty({ ...posting, _id: new Types.ObjectId() });
  expect(byId(await postings().load())).toEqual(await postingRecords());
  // The next refresh (any later single write to the chunk) writes the lines and clears the marks.
  await profiles.refresh(record);
  await postings().refresh(posting);
  for (const model of Object.values(ProfileChunkModels)) expect(await model.countDocuments({ dirty: { $ne: [] } })).toBe(0);
  expect((await ProfileChunkModels.student.findById(record.profileChunk).lean())!.lines).toContain(`${target!.id},530701,`);
  expect(byId(await postings().load())).toEqual(await postingRecords());
});

test("an import interrupted before its lines were written is left out while in flight and rebuilt after a minute", async () => {
  const chunk = "crashed-import-1";
  const school = new Types.ObjectId(schoolId);
  await students().open(chunk, school);
  const id = new Types.ObjectId();
  await StudentModel.collection.insertOne({
    _id: id, school, name: "学生", nationalIdEncrypted: "x", nationalIdHash: `crash-${id.toHexString()}`, nationalIdMasked: "x", gender: "MALE",
    birthDate: "2004-05-06", major: "510201", enrolmentYear: 2024, graduationYear: 2027, homeDistrict: "350582", skills: [], certificates: [], importBatch: chunk, profileChunk: chunk,
  });
  // In flight (under a minute old): not read yet.
  expect((await students().load()).some((p) => p.id === String(id))).toBe(false);
  // A minute later the writer is taken as dead: the chunk is rebuilt from its students.
  const later = students(() => Date.now() + 61_000);
  expect(byId(await later.load())).toEqual(await studentRecords());
  expect(await ProfileChunkModels.student.findById(chunk).lean()).toMatchObject({ complete: true });
  // A chunk whose records never got written is dropped.
  await students().open("crashed-import-2", school);
  await later.load();
  expect(await ProfileChunkModels.student.exists({ _id: "crashed-import-2" })).toBeNull();
});

test("a database without profiles gets them built once, from the records (older records without a chunk too)", async () => {
  await StudentModel.updateMany({}, { $set: { profileChunk: null } }); // as written before chunks existed
  const expectedStudents = await studentRecords();
  const expectedPostings = await postingRecords();
  for (const model of Object.values(ProfileChunkModels)) await model.deleteMany({});
  await MarkerModel.deleteMany({});
  expect(await students().ensureBuilt()).toBe(expectedStudents.length);
  expect(await postings().ensureBuilt()).toBe(expectedPostings.length);
  expect(byId(await students().load())).toEqual(expectedStudents);
  expect(byId(await postings().load())).toEqual(expectedPostings);
  expect(await students().ensureBuilt()).toBe(0); // marked built
  // An update of an older student goes to its school's chunk of singles.
  await server.ok(UPDATE, { id: expectedStudents[0]!.id, i: { major: "460301" } }, bureau);
  expect(byId(await students().load())).toEqual(await studentRecords());
});

test("a student imported without phone, skills or certificates is stored without those fields and reads them as empty", async () => {
  const row = { ...aStudent({ skills: [], certificates: [] }), phone: null };
  const { batchId } = (await server.ok(IMPORT, { s: schoolId, rows: [row] }, bureau)).importStudents;
  const stored = await StudentModel.collection.findOne({ importBatch: batchId });
  for (const field of ["phoneEncrypted", "phoneHash", "phoneMasked", "skills", "certificates"]) expect(stored).not.toHaveProperty(field);
  const read = await server.ok(`query($id: ID!) { student(id: $id) { phone skills certificates } }`, { id: String(stored!._id) }, bureau);
  expect(read.student).toEqual({ phone: null, skills: [], certificates: [] });
  await server.ok(UPDATE, { id: String(stored!._id), i: { skills: ["焊接"] } }, bureau);
  expect((await server.ok(`query($id: ID!) { student(id: $id) { skills certificates } }`, { id: String(stored!._id) }, bureau)).student).toEqual({ skills: ["焊接"], certificates: [] });
});
