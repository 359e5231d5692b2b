import crypto from "node:crypto";
import { Role } from "../../schema/enums";
import { UserModel } from "../../schema/user.model";
import { hashPassword } from "../../server/security/passwords";
import { OFFER_RESPONSE_DAYS } from "../../schema/placement.model";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { errorCode, errorField, startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
let bureau: string;
let school: { id: string; token: string };
let enterprise: { id: string; token: string };
let postings: string[];

const PASSWORD = "student-password-1";
const ME = `{ me { role student { id name preferences { id rank posting { id title } } offers { id status respondBy runName posting { title } enterprise { name } } } } }`;
const RANK = `mutation($ids: [ID!]!) { rankApplications(ids: $ids) { id rank } }`;
const RESPOND = `mutation($id: ID!, $r: PlacementResponse!, $why: String) { respondToPlacement(id: $id, response: $r, reason: $why) { id status respondedAt } }`;

/** A student of the school with preferences for the given postings (in that order), and her own account. */
async function studentWithAccount(preferences: string[], of = school) {
  const studentId = (await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: of.id, i: aStudent() }, of.token)).createStudent.id as string;
  const applications: string[] = [];
  for (const [i, postingId] of preferences.entries()) {
    const res = await server.ok(`mutation($i: ApplyInput!) { applyToPosting(input: $i) { id } }`, { i: { studentId, postingId, rank: i + 1 } }, of.token);
    applications.push(res.applyToPosting.id);
  }
  const email = `student-${crypto.randomBytes(4).toString("hex")}@test.local`;
  await UserModel.create({ email, role: Role.STUDENT, student: studentId, passwordHash: await hashPassword(PASSWORD) });
  const login = await server.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { role } } }`, { e: email, p: PASSWORD });
  expect(login.login.user.role).toBe("STUDENT");
  return { studentId, applications, token: login.login.token as string };
}

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  const schoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
  school = { id: schoolId, token: await server.account(Role.SCHOOL, { schoolId }) };
  const enterpriseId = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ headcount: 200, annualRevenue: 50_000_000 }) }, bureau)).createEnterprise.id;
  enterprise = { id: enterpriseId, token: await server.account(Role.ENTERPRISE, { enterpriseId }) };
  postings = [];
  for (const title of ["软件开发实习生", "测试实习生", "运维实习生"]) {
    postings.push((await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId, title, capacity: 2 }) }, bureau)).createPosting.id);
  }
});
afterAll(async () => { await server.close(); });

describe("a student's own account", () => {
  test("a student sees herself through me, with her preferences in rank order", async () => {
    const { studentId, token } = await studentWithAccount([postings[0]!, postings[1]!]);
    const me = (await server.ok(ME, {}, token)).me;
    expect(me.role).toBe("STUDENT");
    expect(me.student.id).toBe(studentId);
    expect(me.student.preferences.map((p: { rank: number; posting: { title: string } }) => [p.rank, p.posting.title])).toEqual([[1, "软件开发实习生"], [2, "测试实习生"]]);
    expect(me.student.offers).toEqual([]);
  });

  test("a student reaches no list of other people's data", async () => {
    const { token } = await studentWithAccount([]);
    for (const query of [`{ students { totalCount } }`, `{ applications { totalCount } }`, `{ placements { totalCount } }`, `{ enterprises { totalCount } }`, `{ allocationRuns { totalCount } }`]) {
      expect(errorCode(await server.gql(query, {}, token))).toBe("FORBIDDEN");
    }
  });

  test("a student account without its student cannot log in", async () => {
    const email = `orphan-${crypto.randomBytes(4).toString("hex")}@test.local`;
    await UserModel.create({ email, role: Role.STUDENT, passwordHash: await hashPassword(PASSWORD) });
    const res = await server.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
    expect(errorCode(res)).toBe("UNAUTHENTICATED");
  });

  test("the bureau cannot create a student account without naming its student", async () => {
    const res = await server.gql(`mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: { email: "s@test.local", password: "long-enough-1", role: "STUDENT" } }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("role");
  });
});

describe("ranking preferences", () => {
  test("a student reorders all her active preferences and the new ranks are 1..n", async () => {
    const { applications, token } = await studentWithAccount(postings);
    const reordered = [applications[2]!, applications[0]!, applications[1]!];
    const ranked = (await server.ok(RANK, { ids: reordered }, token)).rankApplications;
    expect(ranked).toEqual(reordered.map((id, i) => ({ id, rank: i + 1 })));
    const me = (await server.ok(ME, {}, token)).me;
    expect(me.student.preferences.map((p: { id: string }) => p.id)).toEqual(reordered);
  });

  test("a list that leaves one out is refused as CONFLICT and changes nothing", async () => {
    const { applications, token } = await studentWithAccount(postings);
    const res = await server.gql(RANK, { ids: [applications[1]!, applications[0]!] }, token);
    expect(errorCode(res)).toBe("CONFLICT");
    const me = (await server.ok(ME, {}, token)).me;
    expect(me.student.preferences.map((p: { id: string }) => p.id)).toEqual(applications);
  });

  test("the same application twice is refused naming the field", async () => {
    const { applications, token } = await studentWithAccount([postings[0]!, postings[1]!]);
    const res = await server.gql(RANK, { ids: [applications[0]!, applications[0]!] }, token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("ids");
  });

  test("another student's preferences are not found, for the student and for an enterprise", async () => {
    const other = await studentWithAccount([postings[0]!, postings[1]!]);
    const { token } = await studentWithAccount([postings[0]!]);
    expect(errorCode(await server.gql(RANK, { ids: [other.applications[1]!, other.applications[0]!] }, token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(RANK, { ids: [other.applications[1]!, other.applications[0]!] }, enterprise.token))).toBe("FORBIDDEN");
  });

  test("the student's school may reorder them too", async () => {
    const { applications } = await studentWithAccount([postings[0]!, postings[1]!]);
    const ranked = (await server.ok(RANK, { ids: [applications[1]!, applications[0]!] }, school.token)).rankApplications;
    expect(ranked.map((a: { rank: number }) => a.rank)).toEqual([1, 2]);
  });
});

describe("answering an offer", () => {
  test("a student sees her offer with its deadline, accepts it once, and cannot answer another's", async () => {
    // Two students of their own school, so the run places just them (capacity is ample).
    const ownSchoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
    const ownSchool = { id: ownSchoolId, token: await server.account(Role.SCHOOL, { schoolId: ownSchoolId }) };
    const mine = await studentWithAccount([postings[0]!], ownSchool);
    const other = await studentWithAccount([postings[1]!], ownSchool);
    const run = (await server.ok(`mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name: "学生答复测试", scope: { schoolIds: [ownSchoolId] } } }, bureau)).startAllocationRun;
    await server.services.allocation.idle();
    const committed = (await server.ok(`mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "student-role-1") { status committedAt } }`, { id: run.id }, bureau)).commitAllocationRun;
    expect(committed.status).toBe("COMMITTED");

    const offers = (await server.ok(ME, {}, mine.token)).me.student.offers;
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ status: "OFFERED", runName: "学生答复测试", enterprise: { name: expect.any(String) } });
    expect(new Date(offers[0].respondBy).getTime() - new Date(committed.committedAt).getTime()).toBe(OFFER_RESPONSE_DAYS * 86_400_000);

    const othersOffer = (await server.ok(ME, {}, other.token)).me.student.offers[0];
    expect(errorCode(await server.gql(RESPOND, { id: othersOffer.id, r: "ACCEPT" }, mine.token))).toBe("NOT_FOUND");

    const accepted = (await server.ok(RESPOND, { id: offers[0].id, r: "ACCEPT" }, mine.token)).respondToPlacement;
    expect(accepted.status).toBe("ACCEPTED");
    expect(errorCode(await server.gql(RESPOND, { id: offers[0].id, r: "DECLINE" }, mine.token))).toBe("CONFLICT");

    const declined = (await server.ok(RESPOND, { id: othersOffer.id, r: "DECLINE", why: "已升学" }, other.token)).respondToPlacement;
    expect(declined.status).toBe("DECLINED");
  });
});
