import crypto from "node:crypto";
import { Role } from "../../schema/enums";
import { UserModel } from "../../schema/user.model";
import { hashPassword } from "../../server/security/passwords";
import { addDays, addMonths, mondayOf } from "../../schema/rules/internship";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { errorCode, errorField, startTestServer, type GraphQLResponse, type TestServer } from "../helpers/test-server";

let server: TestServer;
let bureau: string;
let school: { id: string; token: string };
let otherSchool: string;
let enterprise: { id: string; token: string };
let student: { id: string; token: string };
let placementId: string;

// The internship runs from this week's Monday (Beijing time) for five months.
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const start = mondayOf(today);
const end = addDays(addMonths(start, 5), -1);
const thisYear = Number(today.slice(0, 4));

const CREATE = `mutation($i: InternshipInput!) { createInternship(input: $i) { id status post postWage agreementParties } }`;
const CONFIRM = `mutation($id: ID!, $i: AgreementConfirmationInput!) { confirmInternshipAgreement(id: $id, input: $i) { id agreementConfirmations { party name } } }`;
const INSURE = `mutation($id: ID!, $i: InsuranceInput!) { setInternshipInsurance(id: $id, input: $i) { insurance { endDate } } }`;
const START = `mutation($id: ID!) { startInternship(id: $id) { id status startedAt } }`;
const ALERTS = `query($on: String!) { internshipAlerts(on: $on) { internshipId kind since count } }`;

function internshipInput(overrides: Record<string, unknown> = {}) {
  return {
    placementId, kind: "POSITION", startDate: start, endDate: end, postStaff: 10,
    schoolTutor: { name: "林老师", phone: "13800000001" }, enterpriseMentor: { name: "陈工", phone: "13800000002" },
    ...overrides,
  };
}

/** The field and code of a refused request, for one-line assertions. */
function refused(res: GraphQLResponse) {
  return { code: errorCode(res), field: errorField(res) };
}

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  const schoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
  school = { id: schoolId, token: await server.account(Role.SCHOOL, { schoolId }) };
  const otherId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
  otherSchool = await server.account(Role.SCHOOL, { schoolId: otherId });
  const enterpriseId = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ headcount: 200, annualRevenue: 50_000_000 }) }, bureau)).createEnterprise.id;
  enterprise = { id: enterpriseId, token: await server.account(Role.ENTERPRISE, { enterpriseId }) };
  const postingId = (await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId, capacity: 2, regularWage: 3500 }) }, bureau)).createPosting.id;

  // A third-year student (enrolled two years before this one), adult, with her own account.
  const studentId = (await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`,
    { s: schoolId, i: aStudent({ enrolmentYear: thisYear - 2, graduationYear: thisYear + 1 }) }, school.token)).createStudent.id;
  await server.ok(`mutation($i: ApplyInput!) { applyToPosting(input: $i) { id } }`, { i: { studentId, postingId, rank: 1 } }, school.token);
  const email = `intern-${crypto.randomBytes(4).toString("hex")}@test.local`;
  await UserModel.create({ email, role: Role.STUDENT, student: studentId, passwordHash: await hashPassword("student-password-1") });
  const login = await server.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: "student-password-1" });
  student = { id: studentId, token: login.login.token };

  const run = (await server.ok(`mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name: "实习全过程", scope: { schoolIds: [schoolId] } } }, bureau)).startAllocationRun;
  await server.services.allocation.idle();
  await server.ok(`mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "internships-1") { status } }`, { id: run.id }, bureau);
  const offer = (await server.ok(`{ me { student { offers { id } } } }`, {}, student.token)).me.student.offers[0];
  placementId = offer.id;
}, 120_000);
afterAll(async () => { await server.close(); });

describe("from an accepted offer to a started internship", () => {
  let id: string;

  test("an offer not yet accepted cannot become an internship", async () => {
    expect(refused(await server.gql(CREATE, { i: internshipInput() }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "placementId" });
    await server.ok(`mutation($id: ID!) { respondToPlacement(id: $id, response: ACCEPT) { status } }`, { id: placementId }, student.token);
  });

  test("each rule of a new internship refuses a bad record, naming its field", async () => {
    // 岗位实习 at most 6 months.
    expect(refused(await server.gql(CREATE, { i: internshipInput({ endDate: addMonths(start, 7) }) }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "endDate" });
    // Not in the first year: in the spring after enrolment she was a first-year student.
    const firstYear = `${thisYear - 1}-03-02`;
    expect(refused(await server.gql(CREATE, { i: internshipInput({ startDate: firstYear, endDate: addMonths(firstYear, 2) }) }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "startDate" });
    // Not in an internet café, nor in heavy physical labour.
    expect(refused(await server.gql(CREATE, { i: internshipInput({ workplaceIndustry: "9013" }) }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "workplaceIndustry" });
    expect(refused(await server.gql(CREATE, { i: internshipInput({ heavyPhysicalLabour: true }) }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "heavyPhysicalLabour" });
    // The message cites the rule, in Chinese.
    const res = await server.gql(CREATE, { i: internshipInput({ startDate: firstYear, endDate: addMonths(firstYear, 2) }) }, school.token);
    expect(res.errors![0]!.message).toMatch(/依据《职业学校学生实习管理规定》（2021）第十六条/);
  });

  test("the school creates it with two tutors; a second creation is a conflict", async () => {
    const created = (await server.ok(CREATE, { i: internshipInput() }, school.token)).createInternship;
    expect(created).toMatchObject({ status: "PENDING", post: "软件开发实习生", postWage: 3500, agreementParties: ["SCHOOL", "ENTERPRISE", "STUDENT"] });
    id = created.id;
    expect(errorCode(await server.gql(CREATE, { i: internshipInput() }, enterprise.token))).toBe("CONFLICT");
  });

  test("it cannot start without every party's confirmation and insurance covering it", async () => {
    expect(refused(await server.gql(START, { id }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "agreement" });
    await server.ok(CONFIRM, { id, i: { party: "SCHOOL", name: "林老师" } }, school.token);
    expect(errorCode(await server.gql(CONFIRM, { id, i: { party: "SCHOOL", name: "林老师" } }, school.token))).toBe("CONFLICT");
    expect(errorCode(await server.gql(CONFIRM, { id, i: { party: "ENTERPRISE", name: "王经理" } }, school.token))).toBe("FORBIDDEN");
    expect(refused(await server.gql(CONFIRM, { id, i: { party: "GUARDIAN", name: "陈父" } }, student.token))).toEqual({ code: "BAD_USER_INPUT", field: "party" });
    await server.ok(CONFIRM, { id, i: { party: "ENTERPRISE", name: "王经理" } }, enterprise.token);
    expect(refused(await server.gql(START, { id }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "agreement" });
    const confirmed = (await server.ok(CONFIRM, { id, i: { party: "STUDENT", name: "学生本人" } }, student.token)).confirmInternshipAgreement;
    expect(confirmed.agreementConfirmations.map((c: { party: string }) => c.party).sort()).toEqual(["ENTERPRISE", "SCHOOL", "STUDENT"]);

    expect(refused(await server.gql(START, { id }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "insurance" });
    const insurance = { insurer: "中国人寿财产保险泉州分公司", policyNumber: "QZ2025-0001", startDate: start, endDate: addDays(end, -1) };
    await server.ok(INSURE, { id, i: insurance }, enterprise.token);
    const short = await server.gql(START, { id }, school.token);
    expect(refused(short)).toEqual({ code: "BAD_USER_INPUT", field: "insurance" });
    expect(short.errors![0]!.message).toMatch(/保险期间须覆盖整个实习期/);
    await server.ok(INSURE, { id, i: { ...insurance, endDate: end } }, enterprise.token);
  });

  test("interns above 10% of the enterprise's staff are refused at the start", async () => {
    const UPDATE = `mutation($id: ID!, $i: UpdateEnterpriseInput!) { updateEnterprise(id: $id, input: $i) { recordedInterns } }`;
    await server.ok(UPDATE, { id: enterprise.id, i: { recordedInterns: 20 } }, bureau);
    expect(refused(await server.gql(START, { id }, school.token))).toEqual({ code: "BAD_USER_INPUT", field: "enterpriseId" });
    await server.ok(UPDATE, { id: enterprise.id, i: { recordedInterns: 0 } }, bureau);
  });

  test("with all of it, the enterprise starts it; once", async () => {
    const started = (await server.ok(START, { id }, enterprise.token)).startInternship;
    expect(started.status).toBe("ACTIVE");
    expect(errorCode(await server.gql(START, { id }, school.token))).toBe("CONFLICT");
  });

  test("each side sees it: its school, its enterprise, the student, the bureau; another school does not", async () => {
    const LIST = `{ internships { totalCount edges { node { id studentName } } } }`;
    for (const token of [school.token, enterprise.token, student.token, bureau]) {
      const list = (await server.ok(LIST, {}, token)).internships;
      expect(list.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
    }
    expect((await server.ok(LIST, {}, otherSchool)).internships.totalCount).toBe(0);
    expect(errorCode(await server.gql(`query($id: ID!) { internship(id: $id) { id } }`, { id }, otherSchool))).toBe("NOT_FOUND");
  });

  describe("while it runs", () => {
    test("pay below 80% of the post's wage is refused on each record; a month is paid once", async () => {
      const PAY = `mutation($id: ID!, $i: PayRecordInput!) { recordInternshipPay(id: $id, input: $i) { month amount minimum } }`;
      const month = start.slice(0, 7);
      const low = await server.gql(PAY, { id, i: { month, amount: 2799 } }, enterprise.token);
      expect(refused(low)).toEqual({ code: "BAD_USER_INPUT", field: "amount" });
      expect(low.errors![0]!.message).toMatch(/第十八条.*至少 2800 元/);
      expect((await server.ok(PAY, { id, i: { month, amount: 2800 } }, enterprise.token)).recordInternshipPay).toEqual({ month, amount: 2800, minimum: 2800 });
      expect(errorCode(await server.gql(PAY, { id, i: { month, amount: 3000 } }, enterprise.token))).toBe("CONFLICT");
    });

    test("a night shift is refused until it is filed with the school", async () => {
      const SHIFT = `mutation($id: ID!, $i: WorkShiftInput!) { recordInternshipShift(id: $id, input: $i) { date filed } }`;
      const night = { date: addDays(start, 2), start: "20:00", end: "23:30" };
      expect(refused(await server.gql(SHIFT, { id, i: night }, enterprise.token))).toEqual({ code: "BAD_USER_INPUT", field: "start" });
      await server.ok(`mutation($id: ID!, $i: WorkFilingInput!) { fileInternshipWork(id: $id, input: $i) { id kind } }`,
        { id, i: { kind: "NIGHT_SHIFT", from: start, to: addDays(start, 6), reason: "设备调试须夜间进行" } }, enterprise.token);
      expect((await server.ok(SHIFT, { id, i: night }, enterprise.token)).recordInternshipShift).toEqual({ date: night.date, filed: ["NIGHT_SHIFT"] });
      expect(refused(await server.gql(SHIFT, { id, i: { ...night, start: "08:00", end: "19:00" } }, enterprise.token))).toEqual({ code: "BAD_USER_INPUT", field: "end" });
    });

    test("the student checks in once a day", async () => {
      const CHECK_IN = `mutation($d: String!) { checkIn(district: $d) { date district } }`;
      expect(refused(await server.gql(CHECK_IN, { d: "999999" }, student.token))).toEqual({ code: "BAD_USER_INPUT", field: "district" });
      expect((await server.ok(CHECK_IN, { d: "350582" }, student.token)).checkIn).toEqual({ date: today, district: "350582" });
      expect(refused(await server.gql(CHECK_IN, { d: "350582" }, student.token))).toEqual({ code: "CONFLICT", field: "date" });
      expect(errorCode(await server.gql(CHECK_IN, { d: "350582" }, school.token))).toBe("FORBIDDEN");
      const seen = (await server.ok(`query($id: ID!) { internship(id: $id) { checkIns { totalCount } } }`, { id }, school.token)).internship;
      expect(seen.checkIns.totalCount).toBe(1);
    });

    test("a weekly log is reviewed by both tutors, once each", async () => {
      const LOG = `mutation($id: ID!, $w: String!, $c: String!) { submitWeeklyLog(id: $id, week: $w, content: $c) { id week } }`;
      const REVIEW = `mutation($l: ID!, $c: String!) { reviewWeeklyLog(logId: $l, comment: $c) { id reviews { party name comment } } }`;
      const log = (await server.ok(LOG, { id, w: today, c: "本周熟悉了开发环境和代码规范，完成两个小需求。" }, student.token)).submitWeeklyLog;
      expect(log.week).toBe(start);
      expect(refused(await server.gql(LOG, { id, w: today, c: "同一周再写一篇周志的内容。" }, student.token))).toEqual({ code: "CONFLICT", field: "week" });
      await server.ok(REVIEW, { l: log.id, c: "进步明显，注意总结" }, school.token);
      const reviewed = (await server.ok(REVIEW, { l: log.id, c: "按时完成任务" }, enterprise.token)).reviewWeeklyLog;
      expect(reviewed.reviews.map((r: { party: string; name: string }) => [r.party, r.name]).sort()).toEqual([["ENTERPRISE", "陈工"], ["SCHOOL", "林老师"]]);
      expect(errorCode(await server.gql(REVIEW, { l: log.id, c: "再批一次" }, school.token))).toBe("CONFLICT");
      expect(errorCode(await server.gql(REVIEW, { l: log.id, c: "学生自评" }, student.token))).toBe("FORBIDDEN");
    });

    test("a leave is approved by the school tutor only", async () => {
      const leave = (await server.ok(`mutation($id: ID!, $i: LeaveInput!) { requestInternshipLeave(id: $id, input: $i) { id status } }`,
        { id, i: { from: addDays(start, 14), to: addDays(start, 16), reason: "参加技能等级考试" } }, student.token)).requestInternshipLeave;
      const DECIDE = `mutation($l: ID!) { decideInternshipLeave(leaveId: $l, approve: true, comment: "同意") { status } }`;
      expect(errorCode(await server.gql(DECIDE, { l: leave.id }, enterprise.token))).toBe("FORBIDDEN");
      expect((await server.ok(DECIDE, { l: leave.id }, school.token)).decideInternshipLeave.status).toBe("APPROVED");
      expect(errorCode(await server.gql(DECIDE, { l: leave.id }, school.token))).toBe("CONFLICT");
    });

    test("alerts are computed for a given day from the records", async () => {
      const on = async (day: string, token = school.token) => (await server.ok(ALERTS, { on: day }, token)).internshipAlerts.filter((a: { internshipId: string }) => a.internshipId === id).map((a: { kind: string }) => a.kind);
      // Checked in today, this week's log in: nothing the day after.
      expect(await on(addDays(today, 1))).toEqual([]);
      // Two weeks on: three working days without a check-in and next week's log overdue.
      const later = addDays(start, 15);
      expect(await on(later)).toEqual(["NO_CHECK_IN", "LOG_OVERDUE"]);
      expect(await on(later, enterprise.token)).toEqual(["NO_CHECK_IN", "LOG_OVERDUE"]);
      expect(await on(later, otherSchool)).toEqual([]);
      // Ten days before the end there is no evaluation yet.
      expect(await on(addDays(end, -10))).toContain("ENDING_WITHOUT_EVALUATION");
      // Insurance renewed for a shorter period ends before the internship does.
      await server.ok(INSURE, { id, i: { insurer: "中国人寿财产保险泉州分公司", policyNumber: "QZ2025-0002", startDate: start, endDate: addDays(end, -30) } }, school.token);
      const alerts = (await server.ok(ALERTS, { on: addDays(today, 1) }, bureau)).internshipAlerts.filter((a: { internshipId: string }) => a.internshipId === id);
      expect(alerts).toEqual([{ internshipId: id, kind: "INSURANCE_ENDS_EARLY", since: addDays(end, -30), count: 30 }]);
    });
  });
});
