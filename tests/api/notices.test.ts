import { Role } from "../../schema/enums";
import { UserModel } from "../../schema/user.model";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { errorCode, errorField, startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
let bureau: string;
let enterpriseA: { id: string; token: string };
let enterpriseB: { id: string; token: string };
let school: { id: string; token: string };

const NOTICE_FIELDS = `id kind status title body source district industries majors validFrom validUntil publisherRole publisherName enterprise school
  attachments { title url } postings openings budgetMin budgetMax deadline seekerName seekerLevel desiredDistricts salaryMin salaryMax maturity licensingModes licensingTerms`;
const PUBLISH = `mutation($i: NoticeInput!) { publishNotice(input: $i) { ${NOTICE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateNoticeInput!) { updateNotice(id: $id, input: $i) { id title status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawNotice(id: $id) { id status } }`;
const LIST = `query($f: NoticeFilter) { notices(filter: $f, first: 100) { totalCount edges { node { id kind title } } } }`;
const SEARCH = `query($q: String!, $f: NoticeFilter) { searchNotices(query: $q, filter: $f) { totalCount terms hits { score notice { id title } title { text match } snippet { text match } } } }`;

/** A valid notice input of a kind (a policy unless told). */
function aNotice(overrides: Record<string, unknown> = {}) {
  return {
    kind: "POLICY",
    title: "泉州市产教融合实施方案",
    body: "支持企业与学校共建实训基地。",
    source: "泉州市人社局",
    industries: ["1951"],
    majors: ["5102"],
    validFrom: "2026-01-01",
    validUntil: "2030-12-31",
    attachments: [],
    ...overrides,
  };
}

async function publish(token: string, overrides: Record<string, unknown> = {}) {
  return (await server.ok(PUBLISH, { i: aNotice(overrides) }, token)).publishNotice as Record<string, any>;
}

async function anEnterpriseAccount(overrides: Record<string, unknown> = {}) {
  const e = await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise(overrides) }, bureau);
  return { id: e.createEnterprise.id as string, token: await server.account(Role.ENTERPRISE, { enterpriseId: e.createEnterprise.id }) };
}

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  enterpriseA = await anEnterpriseAccount({ industry: "2651" });
  enterpriseB = await anEnterpriseAccount();
  const s = await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool({ majors: ["510201", "460101", "530701"] }) }, bureau);
  school = { id: s.createSchool.id, token: await server.account(Role.SCHOOL, { schoolId: s.createSchool.id }) };
});
afterAll(async () => { await server.close(); });

describe("publishing", () => {
  test("the bureau publishes a policy; an enterprise may not, and is told so in Chinese", async () => {
    const policy = await publish(bureau);
    expect(policy).toMatchObject({ kind: "POLICY", status: "PUBLISHED", publisherRole: "BUREAU", district: "350500", publisherName: "泉州市人力资源和社会保障局" });
    const res = await server.gql(PUBLISH, { i: aNotice() }, enterpriseA.token);
    expect(errorCode(res)).toBe("FORBIDDEN");
    expect(res.errors![0]!.message).toBe("只有市人社局可以发布产业政策");
  });

  test("an enterprise's staffing need references its own postings, never another's", async () => {
    const own = await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting() }, enterpriseA.token);
    const other = await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting() }, enterpriseB.token);
    const need = await publish(enterpriseA.token, { kind: "STAFFING_NEED", title: "招聘软件开发实习生", postingIds: [own.createPosting.id], openings: 5 });
    expect(need).toMatchObject({ kind: "STAFFING_NEED", enterprise: enterpriseA.id, postings: [own.createPosting.id], openings: 5, district: "350582" });
    const res = await server.gql(PUBLISH, { i: aNotice({ kind: "STAFFING_NEED", postingIds: [other.createPosting.id] }) }, enterpriseA.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(errorField(res)).toBe("postingIds.0");
  });

  test("bad input: every problem at once, each with its field path", async () => {
    const res = await server.gql(PUBLISH, {
      i: aNotice({
        industries: ["9999"], validFrom: "2026-05-01", validUntil: "2026-04-30", body: "长".repeat(20001),
        attachments: [{ title: "附件", url: "javascript:alert(1)" }, { title: "文件", url: "ftp://example.com/a.pdf" }], budgetMin: 10,
      }),
    }, bureau);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    const fields = res.errors![0]!.extensions!.errors!.map((e) => e.field).sort();
    expect(fields).toEqual(["attachments.0.url", "attachments.1.url", "body", "budgetMin", "industries.0", "validUntil"].sort());
    const byField = Object.fromEntries(res.errors![0]!.extensions!.errors!.map((e) => [e.field, e.message]));
    expect(byField.validUntil).toBe("有效期止：不能早于有效期起始日期");
    expect(byField["industries.0"]).toBe("行业代码 9999 不存在");
  });

  test("HTML in a notice is stored and served as the text it is", async () => {
    const html = `<script>alert("x")</script><b>加粗</b>`;
    const notice = await publish(bureau, { title: `<img src=x onerror=alert(1)>政策`, body: html });
    const read = await server.ok(`query($id: ID!) { notice(id: $id) { title body } }`, { id: notice.id }, enterpriseA.token);
    expect(read.notice).toEqual({ title: `<img src=x onerror=alert(1)>政策`, body: html });
  });

  test("a school's research result carries its maturity and licensing terms; a maturity is required", async () => {
    const result = await publish(school.token, { kind: "RESEARCH_RESULT", title: "高性能碳纤维复合材料制备技术", maturity: "PILOT", licensingModes: ["LICENSE", "TRANSFER"], licensingTerms: "普通许可，五年" });
    expect(result).toMatchObject({ kind: "RESEARCH_RESULT", school: school.id, maturity: "PILOT", licensingModes: ["LICENSE", "TRANSFER"], licensingTerms: "普通许可，五年" });
    const res = await server.gql(PUBLISH, { i: aNotice({ kind: "RESEARCH_RESULT" }) }, school.token);
    expect(errorField(res)).toBe("maturity");
  });
});

describe("editing, withdrawing, expiring", () => {
  test("an enterprise edits only its own notices; every change is audited", async () => {
    const need = await publish(enterpriseA.token, { kind: "TECH_NEED", title: "鞋材回收技术需求", budgetMin: 50, budgetMax: 200, deadline: "2027-06-30" });
    const denied = await server.gql(UPDATE, { id: need.id, i: { title: "改掉别人的需求" } }, enterpriseB.token);
    expect(errorCode(denied)).toBe("FORBIDDEN");
    const edited = await server.ok(UPDATE, { id: need.id, i: { title: "鞋材回收再利用技术需求" } }, enterpriseA.token);
    expect(edited.updateNotice.title).toBe("鞋材回收再利用技术需求");
    const badRange = await server.gql(UPDATE, { id: need.id, i: { budgetMax: 10 } }, enterpriseA.token);
    expect(errorField(badRange)).toBe("budgetMax");
    await server.ok(WITHDRAW, { id: need.id }, enterpriseA.token);
    const again = await server.gql(UPDATE, { id: need.id, i: { title: "再改一次的需求" } }, enterpriseA.token);
    expect(errorCode(again)).toBe("CONFLICT");
    const history = await server.ok(`query($id: ID!) { noticeHistory(id: $id) { edges { node { action noticeId enterpriseId } } } }`, { id: need.id }, enterpriseA.token);
    expect(history.noticeHistory.edges.map((e: any) => e.node.action)).toEqual(["NOTICE_PUBLISHED", "NOTICE_UPDATED", "NOTICE_WITHDRAWN"]);
    expect(history.noticeHistory.edges[0].node).toMatchObject({ noticeId: need.id, enterpriseId: enterpriseA.id });
  });

  test("a withdrawn notice leaves the public lists but stays in its publisher's", async () => {
    const need = await publish(enterpriseA.token, { kind: "TECH_NEED", title: "即将撤回的需求" });
    await server.ok(WITHDRAW, { id: need.id }, enterpriseA.token);
    const ids = (r: any) => r.notices.edges.map((e: any) => e.node.id);
    expect(ids(await server.ok(LIST, { f: { kind: "TECH_NEED" } }, school.token))).not.toContain(need.id);
    expect(ids(await server.ok(LIST, { f: { kind: "TECH_NEED", status: "WITHDRAWN" } }, enterpriseA.token))).toContain(need.id);
    expect(ids(await server.ok(LIST, { f: { kind: "TECH_NEED", status: "WITHDRAWN" } }, enterpriseB.token))).not.toContain(need.id);
    expect(errorCode(await server.gql(`query($id: ID!) { notice(id: $id) { id } }`, { id: need.id }, enterpriseB.token))).toBe("NOT_FOUND");
  });

  test("notices past their validity expire, audited", async () => {
    const old = await publish(bureau, { title: "已到期的旧政策", validFrom: "2020-01-01", validUntil: "2020-12-31" });
    const expired = await server.ok(`mutation { expireNotices }`, {}, bureau);
    expect(expired.expireNotices).toBeGreaterThanOrEqual(1);
    const read = await server.ok(`query($id: ID!) { notice(id: $id) { status } }`, { id: old.id }, bureau);
    expect(read.notice.status).toBe("EXPIRED");
    expect(errorCode(await server.gql(`mutation { expireNotices }`, {}, enterpriseA.token))).toBe("FORBIDDEN");
  });
});

describe("job seeking", () => {
  let studentId: string;
  let seeking: Record<string, any>;
  beforeAll(async () => {
    const s = await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: school.id, i: aStudent({ name: "陈晓明", major: "510201" }) }, school.token);
    studentId = s.createStudent.id;
    seeking = await publish(school.token, {
      kind: "JOB_SEEKING", title: "软件技术专业毕业生求职", body: "联系电话 13812345678，希望在晋江从事软件开发。", studentId, majors: [],
      desiredDistricts: ["350582"], salaryMin: 4000, salaryMax: 7000, industries: [],
    });
  });

  test("a school publishes for its student: name and phone masked, majors from the student", () => {
    expect(seeking).toMatchObject({ kind: "JOB_SEEKING", seekerName: "陈**", seekerLevel: "HIGHER_VOCATIONAL", majors: ["510201"], school: school.id });
    expect(seeking.body).toContain("138****5678");
    expect(JSON.stringify(seeking)).not.toContain("13812345678");
  });

  test("visible to enterprises, schools and the bureau, not to students", async () => {
    const other = await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: school.id, i: aStudent() }, school.token);
    await UserModel.create({ email: `student-${other.createStudent.id}@test.local`, role: Role.STUDENT, student: other.createStudent.id, passwordHash: (await UserModel.findOne({ role: Role.BUREAU }).lean())!.passwordHash });
    const login = await server.ok(`mutation($e: String!) { login(email: $e, password: "test-password-1") { token } }`, { e: `student-${other.createStudent.id}@test.local` });
    const student = login.login.token as string;
    const ids = (r: any) => r.notices.edges.map((e: any) => e.node.id);
    expect(ids(await server.ok(LIST, { f: { kind: "JOB_SEEKING" } }, enterpriseA.token))).toContain(seeking.id);
    expect(errorCode(await server.gql(LIST, { f: { kind: "JOB_SEEKING" } }, student))).toBe("FORBIDDEN");
    expect(ids(await server.ok(LIST, {}, student))).not.toContain(seeking.id);
    expect(errorCode(await server.gql(`query($id: ID!) { notice(id: $id) { id } }`, { id: seeking.id }, student))).toBe("NOT_FOUND");
  });

  test("another school cannot publish for this student", async () => {
    const s = await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau);
    const token = await server.account(Role.SCHOOL, { schoolId: s.createSchool.id });
    const res = await server.gql(PUBLISH, { i: aNotice({ kind: "JOB_SEEKING", studentId }) }, token);
    expect(errorField(res)).toBe("studentId");
  });

  test("the postings that fit a job seeker come with the reason, best first", async () => {
    const near = await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ kind: "JOB", majors: ["510201"], monthlyPay: 6000, regularWage: null, district: "350582" }) }, enterpriseA.token);
    const far = await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ kind: "JOB", majors: ["5102"], monthlyPay: 3000, regularWage: null, district: "350503" }) }, enterpriseB.token);
    await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ kind: "JOB", majors: ["4601"], monthlyPay: 9000, regularWage: null, levels: [] }) }, enterpriseB.token);
    const m = await server.ok(`query($id: ID!) { noticeMatches(id: $id) { postings { score reason posting { id } } } }`, { id: seeking.id }, school.token);
    const ids = m.noticeMatches.postings.map((p: any) => p.posting.id);
    expect(ids.indexOf(near.createPosting.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(near.createPosting.id)).toBeLessThan(ids.indexOf(far.createPosting.id));
    expect(m.noticeMatches.postings[ids.indexOf(near.createPosting.id)].reason).toMatch(/专业相同.*意向区县晋江市/);
  });
});

describe("finding", () => {
  let carbon: Record<string, any>;
  let carbonInBody: Record<string, any>;
  beforeAll(async () => {
    carbon = await publish(enterpriseA.token, { kind: "TECH_NEED", title: "碳纤维复合材料轻量化鞋底技术需求", body: "需要 Carbon 纤维鞋底的量产工艺，预算 100 万元。", industries: ["1953"], majors: ["4601"], budgetMin: 50, budgetMax: 100 });
    carbonInBody = await publish(enterpriseB.token, { kind: "TECH_NEED", title: "运动鞋减重", body: "寻求碳纤维复合材料方案，用于运动鞋中底。", industries: ["1951"], majors: ["5102"] });
    await publish(bureau, { title: "泉州市鞋服产业扶持政策", body: "支持晋江鞋服企业数字化转型。", industries: ["1951"] });
  });

  test("search ranks a title match above a body match, with highlights", async () => {
    const res = await server.ok(SEARCH, { q: "碳纤维复合材料" }, school.token);
    const ids = res.searchNotices.hits.map((h: any) => h.notice.id);
    expect(ids[0]).toBe(carbon.id);
    expect(ids).toContain(carbonInBody.id);
    const score = (id: string) => res.searchNotices.hits[ids.indexOf(id)].score;
    expect(score(carbon.id)).toBeGreaterThan(score(carbonInBody.id));
    const top = res.searchNotices.hits[0];
    expect(top.title.filter((f: any) => f.match).map((f: any) => f.text).join("")).toContain("碳纤维");
    expect(res.searchNotices.hits[ids.indexOf(carbonInBody.id)].snippet.some((f: any) => f.match && f.text === "碳纤维")).toBe(true);
  });

  test("Chinese mixed with English, part of a word, and filters", async () => {
    const english = await server.ok(SEARCH, { q: "carbon 鞋底" }, school.token);
    expect(english.searchNotices.hits.map((h: any) => h.notice.id)).toEqual([carbon.id]);
    const part = await server.ok(SEARCH, { q: "鞋服 晋江" }, school.token);
    expect(part.searchNotices.hits[0].notice.title).toBe("泉州市鞋服产业扶持政策");
    const byIndustry = await server.ok(SEARCH, { q: "碳纤维", f: { industry: "1953" } }, school.token);
    expect(byIndustry.searchNotices.hits.map((h: any) => h.notice.id)).toEqual([carbon.id]);
    const byMajor = await server.ok(SEARCH, { q: "碳纤维", f: { major: "510201" } }, school.token);
    expect(byMajor.searchNotices.hits.map((h: any) => h.notice.id)).toContain(carbonInBody.id);
    expect(byMajor.searchNotices.hits.map((h: any) => h.notice.id)).not.toContain(carbon.id);
    const byKind = await server.ok(LIST, { f: { kind: "POLICY", industry: "C", district: "350500", activeOn: "2027-01-01" } }, school.token);
    expect(byKind.notices.edges.every((e: any) => e.node.kind === "POLICY")).toBe(true);
    expect(byKind.notices.totalCount).toBeGreaterThan(0);
    const outOfDate = await server.ok(LIST, { f: { kind: "POLICY", activeOn: "2025-06-01" } }, school.token);
    expect(outOfDate.notices.totalCount).toBe(0);
  });

  test("a query without a word of two characters, or a bad filter, is refused with its field", async () => {
    expect(errorField(await server.gql(SEARCH, { q: "的" }, school.token))).toBe("query");
    expect(errorField(await server.gql(SEARCH, { q: "碳纤维", f: { industry: "99999" } }, school.token))).toBe("filter.industry");
    expect(errorField(await server.gql(LIST, { f: { activeOn: "2027-02-30" } }, school.token))).toBe("filter.activeOn");
  });
});

describe("recommendations", () => {
  let need: Record<string, any>;
  let result: Record<string, any>;
  beforeAll(async () => {
    need = await publish(enterpriseA.token, { kind: "TECH_NEED", title: "玻璃纤维增强塑料模具技术需求", body: "寻求玻璃纤维增强塑料的成型工艺。", industries: ["2927"], majors: ["460101"] });
    result = await publish(school.token, { kind: "RESEARCH_RESULT", title: "玻璃纤维增强塑料快速成型工艺", body: "中试完成的玻璃纤维增强塑料成型工艺。", industries: ["2927"], majors: ["4601"], maturity: "PILOT" });
  });

  test("a technology need finds the research result and the school, each with its reason", async () => {
    const m = await server.ok(`query($id: ID!) { noticeMatches(id: $id) { notices { score reason notice { id } } schools { reason school { id } } } }`, { id: need.id }, enterpriseA.token);
    expect(m.noticeMatches.notices[0].notice.id).toBe(result.id);
    expect(m.noticeMatches.notices[0].reason).toMatch(/同属行业小类.*专业同类.*共同关键词/);
    expect(m.noticeMatches.schools[0].school.id).toBe(school.id);
    expect(m.noticeMatches.schools[0].reason).toContain("玻璃纤维增强塑料快速成型工艺");
  });

  test("a research result finds the enterprise whose need fits", async () => {
    const m = await server.ok(`query($id: ID!) { noticeMatches(id: $id) { notices { notice { id } } enterprises { reason enterprise { id } } } }`, { id: result.id }, school.token);
    expect(m.noticeMatches.notices.map((n: any) => n.notice.id)).toContain(need.id);
    expect(m.noticeMatches.enterprises[0].enterprise.id).toBe(enterpriseA.id);
  });

  test("recommended for you: the enterprise gets the result, the school the need, the bureau the pair", async () => {
    const q = `{ recommendedNotices { reason notice { id } } }`;
    const forEnterprise = (await server.ok(q, {}, enterpriseA.token)).recommendedNotices;
    expect(forEnterprise.find((r: any) => r.notice.id === result.id)?.reason).toMatch(/^与贵企业发布的需求《玻璃纤维增强塑料模具技术需求》相符/);
    const forSchool = (await server.ok(q, {}, school.token)).recommendedNotices;
    expect(forSchool.find((r: any) => r.notice.id === need.id)?.reason).toMatch(/^与本校/);
    const forBureau = (await server.ok(q, {}, bureau)).recommendedNotices;
    expect(forBureau.find((r: any) => r.notice.id === need.id)?.reason).toMatch(/^可撮合：.*《玻璃纤维增强塑料快速成型工艺》/);
  });
});

test("the demo notices load through the notice service, every kind", async () => {
  const { loadDemoNotices } = await import("../../seeds/notices");
  const published = await loadDemoNotices(server.services, 3);
  expect(published).toBeGreaterThanOrEqual(13);
  const kinds = await server.ok(`{ notices(first: 100) { edges { node { kind publisherName } } } }`, {}, bureau);
  expect(new Set(kinds.notices.edges.map((e: any) => e.node.kind))).toEqual(new Set(["POLICY", "STAFFING_NEED", "TECH_NEED", "JOB_SEEKING", "RESEARCH_RESULT"]));
});
