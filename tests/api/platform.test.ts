import { Role } from "../../schema/enums";
import { StudentModel } from "../../schema/student.model";
import { aPosting, aSchool, aStudent, anEnterprise, aNationalId, withWrongCheckChar } from "../helpers/factories";
import { errorCode, errorField, startTestServer, type TestServer } from "../helpers/test-server";
import { generateFujianPilotCode } from "../../schema/rules/credit-code";
import { createRng } from "../../schema/rules/rng";

let server: TestServer;
let bureau: string;

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
});
afterAll(async () => { await server.close(); });

const CREATE_ENTERPRISE = `mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id name creditCode creditCodePilot aboveScale sizeClass inCity districtName } }`;
const CREATE_SCHOOL = `mutation($i: SchoolInput!) { createSchool(input: $i) { id name level } }`;
const CREATE_STUDENT = `mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id name nationalId phone gender birthDate } }`;
const CREATE_POSTING = `mutation($i: PostingInput!) { createPosting(input: $i) { id title capacity status } }`;
const IMPORT = `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`;

async function createEnterprise(overrides = {}) {
  const res = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise(overrides) }, bureau);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createEnterprise as { id: string; name: string };
}

async function createSchool(overrides = {}) {
  const res = await server.gql(CREATE_SCHOOL, { i: aSchool(overrides) }, bureau);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createSchool as { id: string };
}

async function createStudent(schoolId: string, token: string, overrides = {}) {
  const res = await server.gql(CREATE_STUDENT, { s: schoolId, i: aStudent(overrides) }, token);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createStudent as { id: string; nationalId: string };
}

describe("login", () => {
  test("a user logs in with the right password and sees their role through me", async () => {
    const token = await server.account(Role.SCHOOL);
    const me = await server.gql(`{ me { role email } }`, {}, token);
    expect(me.data!.me.role).toBe("SCHOOL");
  });

  test("a wrong password is refused as UNAUTHENTICATED", async () => {
    const res = await server.gql(`mutation { login(email: "nobody@test.local", password: "wrong-password") { token } }`);
    expect(errorCode(res)).toBe("UNAUTHENTICATED");
  });

  test("anonymous requests to protected fields get UNAUTHENTICATED", async () => {
    for (const query of [`{ enterprises { totalCount } }`, `{ me { id } }`, `{ students { totalCount } }`]) {
      expect(errorCode(await server.gql(query))).toBe("UNAUTHENTICATED");
    }
  });

  test("a forged token is treated as anonymous", async () => {
    expect(errorCode(await server.gql(`{ me { id } }`, {}, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6IkJVUkVBVSJ9.forged"))).toBe("UNAUTHENTICATED");
  });
});

describe("enterprises", () => {
  test("the bureau registers an enterprise and its derived fields are computed", async () => {
    const res = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise({ headcount: 1200, annualRevenue: 500_000_000 }) }, bureau);
    expect(res.data!.createEnterprise).toMatchObject({ aboveScale: true, sizeClass: "LARGE", inCity: true, districtName: "晋江市", creditCodePilot: false });
  });

  test("a non-industrial enterprise is not above scale whatever its revenue, unless overridden", async () => {
    const plain = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise({ industry: "6513", annualRevenue: 90_000_000 }) }, bureau);
    expect(plain.data!.createEnterprise.aboveScale).toBe(false);
    const overridden = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise({ industry: "6513", aboveScaleOverride: true }) }, bureau);
    expect(overridden.data!.createEnterprise.aboveScale).toBe(true);
  });

  test("a credit code with a wrong check character is rejected naming the field", async () => {
    const good = anEnterprise();
    const res = await server.gql(CREATE_ENTERPRISE, { i: { ...good, creditCode: withWrongCheckChar(good.creditCode, "0123456789ABCDEFGHJKLMNPQRTUWXY").replace(/^9135/, "9144") } }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("creditCode");
  });

  test("an early Fujian pilot code failing MOD 31 is accepted and flagged", async () => {
    const res = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise({ creditCode: generateFujianPilotCode(createRng(99), "350503") }) }, bureau);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEnterprise.creditCodePilot).toBe(true);
  });

  test("an unknown district is rejected; a district outside the city is accepted and flagged", async () => {
    const unknown = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise({ district: "350599" }) }, bureau);
    expect(errorCode(unknown)).toBe("BAD_USER_INPUT");
    expect(errorField(unknown)).toBe("district");
    const xiamen = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise({ district: "350203" }) }, bureau);
    expect(xiamen.data!.createEnterprise.inCity).toBe(false);
  });

  test("an unknown industry code is rejected", async () => {
    const res = await server.gql(CREATE_ENTERPRISE, { i: anEnterprise({ industry: "9999" }) }, bureau);
    expect(errorField(res)).toBe("industry");
  });

  test("a duplicate credit code gives CONFLICT", async () => {
    const input = anEnterprise();
    await server.gql(CREATE_ENTERPRISE, { i: input }, bureau);
    const again = await server.gql(CREATE_ENTERPRISE, { i: { ...input, name: "另一家公司" } }, bureau);
    expect(errorCode(again)).toBe("CONFLICT");
  });

  test("an enterprise user sees and changes only its own enterprise", async () => {
    const own = await createEnterprise();
    const other = await createEnterprise();
    const token = await server.account(Role.ENTERPRISE, { enterpriseId: own.id });
    const list = await server.gql(`{ enterprises(first: 100) { totalCount edges { node { id } } } }`, {}, token);
    expect(list.data!.enterprises.edges.map((e: any) => e.node.id)).toEqual([own.id]);
    expect(errorCode(await server.gql(`query($id: ID!) { enterprise(id: $id) { id } }`, { id: other.id }, token))).toBe("NOT_FOUND");
    const update = `mutation($id: ID!, $i: UpdateEnterpriseInput!) { updateEnterprise(id: $id, input: $i) { headcount } }`;
    expect((await server.gql(update, { id: own.id, i: { headcount: 1500 } }, token)).data!.updateEnterprise.headcount).toBe(1500);
    expect(errorCode(await server.gql(update, { id: other.id, i: { headcount: 1500 } }, token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(update, { id: own.id, i: { aboveScaleOverride: true } }, token))).toBe("FORBIDDEN");
  });

  test("schools and enterprises cannot register enterprises", async () => {
    const school = await createSchool();
    const schoolToken = await server.account(Role.SCHOOL, { schoolId: school.id });
    expect(errorCode(await server.gql(CREATE_ENTERPRISE, { i: anEnterprise() }, schoolToken))).toBe("FORBIDDEN");
  });
});

describe("schools and students", () => {
  test("a school user sees only its own school, and enterprises cannot register schools", async () => {
    const own = await createSchool();
    await createSchool();
    const token = await server.account(Role.SCHOOL, { schoolId: own.id });
    const list = await server.gql(`{ schools(first: 100) { edges { node { id } } } }`, {}, token);
    expect(list.data!.schools.edges.map((e: any) => e.node.id)).toEqual([own.id]);
    const enterprise = await createEnterprise();
    const enterpriseToken = await server.account(Role.ENTERPRISE, { enterpriseId: enterprise.id });
    expect(errorCode(await server.gql(CREATE_SCHOOL, { i: aSchool() }, enterpriseToken))).toBe("FORBIDDEN");
  });

  test("a school's majors must belong to its level", async () => {
    const res = await server.gql(CREATE_SCHOOL, { i: aSchool({ level: "SECONDARY_VOCATIONAL", majors: ["510201"] }) }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("majors.0");
  });

  test("a school registers its student; the ID is stored encrypted and shown in full only to that school", async () => {
    const school = await createSchool();
    const token = await server.account(Role.SCHOOL, { schoolId: school.id });
    const nationalId = aNationalId({ birthDate: "2006-01-02", gender: "MALE" });
    const created = await server.gql(CREATE_STUDENT, { s: school.id, i: aStudent({ nationalId, phone: "13912345678" }) }, token);
    expect(created.data!.createStudent).toMatchObject({ nationalId, phone: "13912345678", gender: "MALE", birthDate: "2006-01-02" });
    const stored = await StudentModel.findById(created.data!.createStudent.id).lean();
    expect(JSON.stringify(stored)).not.toContain(nationalId);
    expect(JSON.stringify(stored)).not.toContain("13912345678");
    const asBureau = await server.gql(`query($id: ID!) { student(id: $id) { nationalId phone } }`, { id: created.data!.createStudent.id }, bureau);
    expect(asBureau.data!.student.nationalId).toBe(`${nationalId.slice(0, 6)}********${nationalId.slice(14)}`);
    expect(asBureau.data!.student.phone).toBe("139****5678");
  });

  test("a school cannot register or read another school's students, and enterprises cannot list students", async () => {
    const own = await createSchool();
    const other = await createSchool();
    const token = await server.account(Role.SCHOOL, { schoolId: own.id });
    const otherStudent = await createStudent(other.id, bureau);
    expect(errorCode(await server.gql(CREATE_STUDENT, { s: other.id, i: aStudent() }, token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(`query($id: ID!) { student(id: $id) { id } }`, { id: otherStudent.id }, token))).toBe("NOT_FOUND");
    const list = await server.gql(`{ students(first: 100) { totalCount } }`, {}, token);
    expect(list.data!.students.totalCount).toBe(0);
    const enterprise = await createEnterprise();
    const enterpriseToken = await server.account(Role.ENTERPRISE, { enterpriseId: enterprise.id });
    expect(errorCode(await server.gql(`{ students { totalCount } }`, {}, enterpriseToken))).toBe("FORBIDDEN");
  });

  test("a national ID with a wrong check digit is rejected naming the field", async () => {
    const school = await createSchool();
    const res = await server.gql(CREATE_STUDENT, { s: school.id, i: aStudent({ nationalId: withWrongCheckChar(aNationalId()) }) }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("nationalId");
  });

  test("an unknown major, or one of another level, is rejected", async () => {
    const school = await createSchool();
    for (const major of ["999999", "710201"]) {
      const res = await server.gql(CREATE_STUDENT, { s: school.id, i: aStudent({ major }) }, bureau);
      expect(errorField(res)).toBe("major");
    }
  });

  test("an unknown home district is rejected", async () => {
    const school = await createSchool();
    const res = await server.gql(CREATE_STUDENT, { s: school.id, i: aStudent({ homeDistrict: "350588" }) }, bureau);
    expect(errorField(res)).toBe("homeDistrict");
  });

  test("a duplicate national ID gives CONFLICT, even in another school", async () => {
    const a = await createSchool();
    const b = await createSchool();
    const nationalId = aNationalId();
    await createStudent(a.id, bureau, { nationalId });
    const again = await server.gql(CREATE_STUDENT, { s: b.id, i: aStudent({ nationalId }) }, bureau);
    expect(errorCode(again)).toBe("CONFLICT");
  });
});

describe("importStudents", () => {
  test("any invalid row rejects the whole call with every row's errors and writes nothing", async () => {
    const school = await createSchool();
    const token = await server.account(Role.SCHOOL, { schoolId: school.id });
    const rows = [aStudent(), aStudent({ nationalId: withWrongCheckChar(aNationalId()) }), aStudent({ major: "000000", homeDistrict: "123" })];
    const res = await server.gql(IMPORT, { s: school.id, rows }, token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    const errors = res.errors![0]!.extensions!.errors!;
    expect(errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual(["2:nationalId", "3:homeDistrict", "3:major"]);
    expect(await StudentModel.countDocuments({ school: school.id })).toBe(0);
  });

  test("duplicate national IDs within one call are reported by row", async () => {
    const school = await createSchool();
    const nationalId = aNationalId();
    const res = await server.gql(IMPORT, { s: school.id, rows: [aStudent({ nationalId }), aStudent({ nationalId })] }, bureau);
    expect(res.errors![0]!.extensions!.errors).toEqual([expect.objectContaining({ row: 2, field: "nationalId" })]);
    expect(await StudentModel.countDocuments({ school: school.id })).toBe(0);
  });

  test("a valid import writes every row; importing the same rows again gives CONFLICT and writes nothing", async () => {
    const school = await createSchool();
    const rows = Array.from({ length: 250 }, () => aStudent());
    const res = await server.gql(IMPORT, { s: school.id, rows }, bureau);
    expect(res.errors).toBeUndefined();
    expect(res.data!.importStudents.imported).toBe(250);
    const again = await server.gql(IMPORT, { s: school.id, rows: [aStudent(), rows[7]] }, bureau);
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors![0]!.extensions!.errors).toEqual([expect.objectContaining({ row: 2, field: "nationalId" })]);
    expect(await StudentModel.countDocuments({ school: school.id })).toBe(250);
  });

  test("more than 10,000 rows are refused", async () => {
    const school = await createSchool();
    const row = aStudent();
    const res = await server.gql(IMPORT, { s: school.id, rows: Array.from({ length: 10_001 }, () => row) }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("rows");
  });
});

describe("postings and applications", () => {
  test("an enterprise posts an internship; capacity 0 and pay below 80% of the wage are rejected", async () => {
    const enterprise = await createEnterprise();
    const token = await server.account(Role.ENTERPRISE, { enterpriseId: enterprise.id });
    const ok = await server.gql(CREATE_POSTING, { i: aPosting() }, token);
    expect(ok.data!.createPosting).toMatchObject({ capacity: 5, status: "OPEN" });
    const zero = await server.gql(CREATE_POSTING, { i: aPosting({ capacity: 0 }) }, token);
    expect(errorCode(zero)).toBe("BAD_USER_INPUT");
    expect(errorField(zero)).toBe("capacity");
    const lowPay = await server.gql(CREATE_POSTING, { i: aPosting({ monthlyPay: 2799, regularWage: 3500 }) }, token);
    expect(errorCode(lowPay)).toBe("BAD_USER_INPUT");
    expect(errorField(lowPay)).toBe("monthlyPay");
    const exactly80 = await server.gql(CREATE_POSTING, { i: aPosting({ monthlyPay: 2800, regularWage: 3500 }) }, token);
    expect(exactly80.errors).toBeUndefined();
    const unknownMajor = await server.gql(CREATE_POSTING, { i: aPosting({ majors: ["9999"] }) }, token);
    expect(errorField(unknownMajor)).toBe("majors.0");
  });

  test("an enterprise cannot post for, see or close another enterprise's postings", async () => {
    const own = await createEnterprise();
    const other = await createEnterprise();
    const token = await server.account(Role.ENTERPRISE, { enterpriseId: own.id });
    expect(errorCode(await server.gql(CREATE_POSTING, { i: aPosting({ enterpriseId: other.id }) }, token))).toBe("FORBIDDEN");
    const theirs = await server.gql(CREATE_POSTING, { i: aPosting({ enterpriseId: other.id }) }, bureau);
    const id = theirs.data!.createPosting.id;
    expect(errorCode(await server.gql(`mutation($id: ID!) { closePosting(id: $id) { id } }`, { id }, token))).toBe("NOT_FOUND");
    const mine = await server.gql(`{ postings(first: 100) { edges { node { id enterprise { id } } } } }`, {}, token);
    expect(mine.data!.postings.edges.every((e: any) => e.node.enterprise.id === own.id)).toBe(true);
  });

  test("postings filter by kind, major and status; closing a posting hides it from schools", async () => {
    const enterprise = await createEnterprise();
    const job = await server.gql(CREATE_POSTING, { i: aPosting({ enterpriseId: enterprise.id, kind: "JOB", majors: ["530701"] }) }, bureau);
    const internship = await server.gql(CREATE_POSTING, { i: aPosting({ enterpriseId: enterprise.id, majors: ["5102"] }) }, bureau);
    const filter = `query($f: PostingFilter) { postings(first: 100, filter: $f) { edges { node { id } } } }`;
    const ids = async (f: object, token = bureau) => (await server.gql(filter, { f }, token)).data!.postings.edges.map((e: any) => e.node.id);
    expect(await ids({ enterpriseId: enterprise.id, kind: "JOB" })).toEqual([job.data!.createPosting.id]);
    expect(await ids({ enterpriseId: enterprise.id, major: "510203" })).toEqual([internship.data!.createPosting.id]);
    await server.gql(`mutation($id: ID!) { closePosting(id: $id) { status } }`, { id: job.data!.createPosting.id }, bureau);
    expect(await ids({ enterpriseId: enterprise.id, status: "CLOSED" })).toEqual([job.data!.createPosting.id]);
    const school = await createSchool();
    const schoolToken = await server.account(Role.SCHOOL, { schoolId: school.id });
    expect(await ids({ enterpriseId: enterprise.id }, schoolToken)).toEqual([internship.data!.createPosting.id]);
  });

  test("a school applies for its student with a rank; the enterprise sees the application with a masked ID; others see nothing", async () => {
    const enterprise = await createEnterprise();
    const otherEnterprise = await createEnterprise();
    const posting = (await server.gql(CREATE_POSTING, { i: aPosting({ enterpriseId: enterprise.id }) }, bureau)).data!.createPosting;
    const school = await createSchool();
    const otherSchool = await createSchool();
    const schoolToken = await server.account(Role.SCHOOL, { schoolId: school.id });
    const otherSchoolToken = await server.account(Role.SCHOOL, { schoolId: otherSchool.id });
    const student = await createStudent(school.id, schoolToken);
    const apply = `mutation($i: ApplyInput!) { applyToPosting(input: $i) { id rank status } }`;
    const applied = await server.gql(apply, { i: { studentId: student.id, postingId: posting.id, rank: 1 } }, schoolToken);
    expect(applied.data!.applyToPosting).toMatchObject({ rank: 1, status: "ACTIVE" });
    expect(errorCode(await server.gql(apply, { i: { studentId: student.id, postingId: posting.id, rank: 2 } }, schoolToken))).toBe("CONFLICT");
    expect(errorCode(await server.gql(apply, { i: { studentId: student.id, postingId: posting.id, rank: 11 } }, schoolToken))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(apply, { i: { studentId: student.id, postingId: posting.id, rank: 3 } }, otherSchoolToken))).toBe("FORBIDDEN");

    const list = `{ applications(first: 100) { totalCount edges { node { id rank student { name nationalId } posting { id } } } } }`;
    const enterpriseToken = await server.account(Role.ENTERPRISE, { enterpriseId: enterprise.id });
    const seen = await server.gql(list, {}, enterpriseToken);
    expect(seen.data!.applications.totalCount).toBe(1);
    expect(seen.data!.applications.edges[0].node.student.nationalId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const otherToken = await server.account(Role.ENTERPRISE, { enterpriseId: otherEnterprise.id });
    expect((await server.gql(list, {}, otherToken)).data!.applications.totalCount).toBe(0);
    expect((await server.gql(list, {}, otherSchoolToken)).data!.applications.totalCount).toBe(0);

    const prefs = await server.gql(`query($id: ID!) { student(id: $id) { preferences { rank posting { id } } } }`, { id: student.id }, schoolToken);
    expect(prefs.data!.student.preferences).toEqual([{ rank: 1, posting: { id: posting.id } }]);
    const withdraw = `mutation($id: ID!) { withdrawApplication(id: $id) { status } }`;
    expect(errorCode(await server.gql(withdraw, { id: applied.data!.applyToPosting.id }, otherSchoolToken))).toBe("NOT_FOUND");
    expect((await server.gql(withdraw, { id: applied.data!.applyToPosting.id }, schoolToken)).data!.withdrawApplication.status).toBe("WITHDRAWN");
    expect((await server.ok(`query($id: ID!) { student(id: $id) { preferences { rank } } }`, { id: student.id }, schoolToken)).student.preferences).toEqual([]);

    // Applying again reactivates the same application with the new rank; a second posting ranks after it.
    const again = await server.ok(apply, { i: { studentId: student.id, postingId: posting.id, rank: 2 } }, schoolToken);
    expect(again.applyToPosting).toEqual({ id: applied.data!.applyToPosting.id, rank: 2, status: "ACTIVE" });
    const second = (await server.gql(CREATE_POSTING, { i: aPosting({ enterpriseId: otherEnterprise.id }) }, bureau)).data!.createPosting;
    await server.ok(apply, { i: { studentId: student.id, postingId: second.id, rank: 1 } }, schoolToken);
    const ranked = await server.ok(`query($id: ID!) { student(id: $id) { preferences { rank posting { id } } } }`, { id: student.id }, schoolToken);
    expect(ranked.student.preferences).toEqual([{ rank: 1, posting: { id: second.id } }, { rank: 2, posting: { id: posting.id } }]);
    const byStatus = `query($f: ApplicationFilter) { applications(first: 100, filter: $f) { totalCount } }`;
    expect((await server.ok(byStatus, { f: { studentId: student.id, status: "ACTIVE" } }, schoolToken)).applications.totalCount).toBe(2);
    expect((await server.ok(byStatus, { f: { postingId: second.id } }, bureau)).applications.totalCount).toBe(1);
  });
});

describe("pagination", () => {
  test("pages of a connection cover every node once, in order, with totalCount", async () => {
    const school = await createSchool();
    const rows = Array.from({ length: 23 }, () => aStudent());
    await server.gql(IMPORT, { s: school.id, rows }, bureau);
    const page = `query($after: String, $f: StudentFilter) { students(first: 10, after: $after, filter: $f) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await server.gql(page, { after, f: { schoolId: school.id } }, bureau);
      expect(res.data.students.totalCount).toBe(23);
      seen.push(...res.data.students.edges.map((e: any) => e.node.id));
      pages += 1;
      if (!res.data.students.pageInfo.hasNextPage) break;
      after = res.data.students.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort()).toEqual(seen);
  });

  test("students filter by major and graduation year, within the viewer's school", async () => {
    const school = await createSchool();
    const rows = [aStudent(), aStudent({ major: "530701" }), aStudent({ major: "530701", enrolmentYear: 2025, graduationYear: 2028 })];
    await server.gql(IMPORT, { s: school.id, rows }, bureau);
    const list = `query($f: StudentFilter) { students(first: 100, filter: $f) { totalCount edges { node { major graduationYear } } } }`;
    const count = async (f: object, token = bureau) => (await server.ok(list, { f }, token)).students.totalCount;
    expect(await count({ schoolId: school.id, major: "530701" })).toBe(2);
    expect(await count({ schoolId: school.id, major: "530701", graduationYear: 2028 })).toBe(1);
    const token = await server.account(Role.SCHOOL, { schoolId: school.id });
    expect(await count({ graduationYear: 2028 }, token)).toBe(1);
    expect(errorCode(await server.gql(list, { f: { schoolId: (await createSchool()).id } }, token))).toBe("FORBIDDEN");
  });

  test("a page size above 100 is refused", async () => {
    const res = await server.gql(`{ schools(first: 101) { totalCount } }`, {}, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("first");
  });

  test("a malformed cursor is refused naming the argument", async () => {
    const res = await server.gql(`{ schools(first: 5, after: "garbage") { totalCount } }`, {}, bureau);
    expect(errorField(res)).toBe("after");
  });
});

describe("request limits", () => {
  test("a query deeper than 8 levels is refused", async () => {
    const deep = `{ applications { edges { node { student { school { name } } posting { enterprise { name } } } } } }`;
    expect((await server.gql(deep, {}, bureau)).errors).toBeUndefined();
    const tooDeep = `{ applications { edges { node { student { preferences { student { preferences { posting { enterprise { name } } } } } } } } } }`;
    const res = await server.gql(tooDeep, {}, bureau);
    expect(res.errors?.[0]?.message).toMatch(/查询嵌套过深（至多 8 层）/);
  });

  test("more than 15 aliases are refused", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(" ");
    const res = await server.gql(`{ ${aliases} }`, {}, bureau);
    expect(res.errors?.[0]?.message).toMatch(/查询别名过多（至多 15 个）/);
  });

  test("a body over 4 MB is refused with 413", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bureau}` },
      body: JSON.stringify({ query: "{ me { id } }", variables: { pad: "x".repeat(4_300_000) } }),
    });
    expect(res.status).toBe(413);
  });
});

describe("bulk registry imports", () => {
  const IMPORT_ENTERPRISES = `mutation($rows: [EnterpriseInput!]!) { importEnterprises(rows: $rows) { imported ids } }`;
  const IMPORT_POSTINGS = `mutation($rows: [PostingInput!]!) { importPostings(rows: $rows) { imported ids } }`;

  test("the bureau imports enterprises all or nothing, with every row's errors", async () => {
    const good = [anEnterprise(), anEnterprise()];
    const bad = await server.gql(IMPORT_ENTERPRISES, { rows: [...good, anEnterprise({ district: "350599", headcount: 0 }), { ...good[0], name: "重复" }] }, bureau);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors![0]!.extensions!.errors!.map((e) => `${e.row}:${e.field}`).sort()).toEqual(["3:district", "3:headcount", "4:creditCode"]);
    const filter = `query($f: EnterpriseFilter) { enterprises(first: 100, filter: $f) { edges { node { creditCode } } } }`;
    const codes = async () => (await server.gql(filter, {}, bureau)).data!.enterprises.edges.map((e: any) => e.node.creditCode);
    expect(await codes()).not.toContain(good[0]!.creditCode);
    const imported = (await server.gql(IMPORT_ENTERPRISES, { rows: good }, bureau)).data!.importEnterprises;
    expect(imported.imported).toBe(2);
    // The created ids, in row order.
    for (const [i, id] of imported.ids.entries()) {
      expect((await server.ok(`query($id: ID!) { enterprise(id: $id) { creditCode } }`, { id }, bureau)).enterprise.creditCode).toBe(good[i]!.creditCode);
    }
    expect(await codes()).toEqual(expect.arrayContaining(good.map((g) => g.creditCode)));
    expect(errorCode(await server.gql(IMPORT_ENTERPRISES, { rows: [anEnterprise(), good[1]] }, bureau))).toBe("CONFLICT");
    const school = await createSchool();
    expect(errorCode(await server.gql(IMPORT_ENTERPRISES, { rows: good }, await server.account(Role.SCHOOL, { schoolId: school.id })))).toBe("FORBIDDEN");
  });

  test("an enterprise imports postings for itself only; a bad row rejects the call", async () => {
    const own = await createEnterprise();
    const other = await createEnterprise();
    const token = await server.account(Role.ENTERPRISE, { enterpriseId: own.id });
    const bad = await server.gql(IMPORT_POSTINGS, { rows: [aPosting(), aPosting({ capacity: 0 }), aPosting({ monthlyPay: 1000, regularWage: 3000 })] }, token);
    expect(bad.errors![0]!.extensions!.errors!.map((e) => `${e.row}:${e.field}`)).toEqual(["2:capacity", "3:monthlyPay"]);
    expect(errorCode(await server.gql(IMPORT_POSTINGS, { rows: [aPosting({ enterpriseId: other.id })] }, token))).toBe("FORBIDDEN");
    const imported = (await server.gql(IMPORT_POSTINGS, { rows: [aPosting({ capacity: 3 }), aPosting({ capacity: 4 })] }, token)).data!.importPostings;
    expect(imported.imported).toBe(2);
    const mine = await server.gql(`{ postings(first: 100) { totalCount } }`, {}, token);
    expect(mine.data!.postings.totalCount).toBe(2);
    const capacities = await Promise.all(imported.ids.map(async (id: string) => (await server.ok(`query($id: ID!) { posting(id: $id) { capacity } }`, { id }, token)).posting.capacity));
    expect(capacities).toEqual([3, 4]);
  });
});
