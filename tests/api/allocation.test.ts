import { Role } from "../../schema/enums";
import { Types } from "mongoose";
import { AllocationRunModel } from "../../schema/allocation-run.model";
import { PlacementModel } from "../../schema/placement.model";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { errorCode, errorField, startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
let bureau: string;
let bigCo: { id: string; token: string };
let smallCo: { id: string; token: string };
let schoolA: { id: string; token: string };
let schoolB: { id: string; token: string };

const RUN_FIELDS = `id status failureReason objective totalShortfall placedCount unplacedCount basedOn supersedes
  sizes { students postings enterprises edges } timings { loadMillis solveMillis }
  enterprises { enterpriseId enterpriseName minInterns maxInterns placed shortfall ceilingValue }
  postingSlotValues { postingId value exact }`;
const START = `mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id status } }`;
const COMMIT = `mutation($id: ID!, $k: String!, $s: [ID!]) { commitAllocationRun(id: $id, idempotencyKey: $k, supersede: $s) { id status } }`;
const RESPOND = `mutation($id: ID!, $r: PlacementResponse!, $why: String) { respondToPlacement(id: $id, response: $r, reason: $why) { id status } }`;
const PLACEMENTS = `query($f: PlacementFilter) { placements(first: 100, filter: $f) { totalCount edges { node { id status score runId enterprise { id } school { id } student { id name nationalId } } } } }`;


/** Starts a run and waits for its background solve. */
async function solvedRun(input: Record<string, unknown> = {}) {
  const started = await server.ok(START.replace("{ id status }", "{ id status timings { loadMillis } sizes { students } }"), { i: { name: "测试分配", ...input } }, bureau);
  expect(started.startAllocationRun).toMatchObject({ status: "QUEUED", timings: { loadMillis: null }, sizes: null });
  await server.services.allocation.idle();
  return (await server.ok(`query($id: ID!) { allocationRun(id: $id) { ${RUN_FIELDS} } }`, { id: started.startAllocationRun.id }, bureau)).allocationRun;
}

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
  const enterprise = async (overrides: Record<string, unknown>) => {
    const id = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise(overrides) }, bureau)).createEnterprise.id;
    return { id, token: await server.account(Role.ENTERPRISE, { enterpriseId: id }) };
  };
  // Above scale, 200 staff: floor ceil(2%) = 4, ceiling floor(3%) = 6.
  bigCo = await enterprise({ headcount: 200, annualRevenue: 50_000_000 });
  // Not industrial (software), 30 staff: no floor, ceiling floor(10%) = 3.
  smallCo = await enterprise({ headcount: 30, annualRevenue: 5_000_000, industry: "6513" });
  const school = async () => {
    const id = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
    return { id, token: await server.account(Role.SCHOOL, { schoolId: id }) };
  };
  schoolA = await school();
  schoolB = await school();
  const students = (n: number) => Array.from({ length: n }, () => aStudent({ enrolmentYear: 2024, graduationYear: 2027, major: "510201" }));
  await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: schoolA.id, rows: students(5) }, bureau);
  await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: schoolB.id, rows: students(5) }, bureau);
  // A first-year student is never allocated an internship (2021 rules art. 16).
  await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: schoolA.id, i: aStudent({ enrolmentYear: 2026, graduationYear: 2029 }) }, bureau);
  const post = (enterpriseId: string, capacity: number) =>
    server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId, capacity, majors: ["5102"] }) }, bureau);
  await post(bigCo.id, 5);
  await post(smallCo.id, 4);
  // Neither a closed internship posting nor a job posting enters a run.
  const closed = (await post(bigCo.id, 9)).createPosting.id;
  await server.ok(`mutation($id: ID!) { closePosting(id: $id) { id } }`, { id: closed }, bureau);
  await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId: bigCo.id, kind: "JOB", capacity: 9 }) }, bureau);
});
afterAll(async () => { await server.close(); });

describe("starting a run", () => {
  test("bad input is refused naming the field, and nothing is written", async () => {
    const before = await AllocationRunModel.countDocuments();
    const cases: [Record<string, unknown>, string][] = [
      [{ scope: { schoolIds: ["0123456789abcdef01234567"] } }, "scope.schoolIds.0"],
      [{ policy: { floorRate: 1.5 } }, "policy.floorRate"],
      [{ policy: { ceilingRate: -0.1 } }, "policy.ceilingRate"],
      [{ policy: { floorRate: 0.05, ceilingRate: 0.03 } }, "policy.floorRate"],
      [{ scope: { districts: ["350599"] } }, "scope.districts.0"],
    ];
    for (const [input, field] of cases) {
      const res = await server.gql(START, { i: { name: "坏参数", ...input } }, bureau);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(errorField(res)).toBe(field);
    }
    expect(await AllocationRunModel.countDocuments()).toBe(before);
  });

  test("only the bureau starts runs and reads them", async () => {
    expect(errorCode(await server.gql(START, { i: { name: "x" } }, schoolA.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(`{ allocationRuns { totalCount } }`, {}, bigCo.token))).toBe("FORBIDDEN");
  });
});

describe("the whole flow", () => {
  let first: any;
  const key = "first-run-commit-0001";

  test("a run solves in the background to an optimal proposal with bounds and reasons", async () => {
    first = await solvedRun();
    expect(first.status).toBe("SOLVED");
    // 10 eligible students (the first-year one has no edge) x 2 postings; 5 + 4 places, ceilings 6 and 3: 8 placed.
    expect(first.sizes).toMatchObject({ students: 11, postings: 2, enterprises: 2 });
    expect(first.sizes.edges).toBe(20);
    expect(first.placedCount).toBe(8);
    expect(first.unplacedCount).toBe(3);
    const big = first.enterprises.find((e: any) => e.enterpriseId === bigCo.id);
    expect(big).toMatchObject({ minInterns: 4, maxInterns: 6, placed: 5, shortfall: 0 });
    const small = first.enterprises.find((e: any) => e.enterpriseId === smallCo.id);
    expect(small).toMatchObject({ minInterns: 0, maxInterns: 3, placed: 3 });
    // One more place is worth a further student's score (45) where the limit binds: the big
    // enterprise's full posting, and the small enterprise's 10 % ceiling (its posting has room).
    expect(big.ceilingValue).toBe(0);
    expect(small.ceilingValue).toBe(45);
    expect(first.postingSlotValues.map((v: any) => [v.value, v.exact]).sort()).toEqual([[0, true], [45, true]]);
    const unplaced = `query($id: ID!, $after: String, $s: ID) { allocationRun(id: $id) { unplaced(first: 2, after: $after, schoolId: $s) {
      totalCount edges { node { reason student { id } } } pageInfo { hasNextPage endCursor } } } }`;
    const page1 = (await server.ok(unplaced, { id: first.id }, bureau)).allocationRun.unplaced;
    expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const page2 = (await server.ok(unplaced, { id: first.id, after: page1.pageInfo.endCursor }, bureau)).allocationRun.unplaced;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const reasons = [...page1.edges, ...page2.edges].map((e: any) => e.node.reason).sort();
    expect(reasons).toEqual(["NO_ELIGIBLE_POSTING", "OUTCOMPETED", "OUTCOMPETED"]);
    // The first-year student (no eligible posting) is school A's; the filter splits the list by school.
    const ofA = (await server.ok(unplaced, { id: first.id, s: schoolA.id }, bureau)).allocationRun.unplaced;
    const ofB = (await server.ok(unplaced, { id: first.id, s: schoolB.id }, bureau)).allocationRun.unplaced;
    expect(ofA.totalCount + ofB.totalCount).toBe(3);
    expect(ofB.edges.map((e: any) => e.node.reason)).not.toContain("NO_ELIGIBLE_POSTING");
  });

  test("before the commit, nobody outside the bureau sees the proposal", async () => {
    expect((await server.ok(PLACEMENTS, {}, bigCo.token)).placements.totalCount).toBe(0);
    expect((await server.ok(PLACEMENTS, {}, schoolA.token)).placements.totalCount).toBe(0);
    const review = await server.ok(`query($id: ID!, $e: ID) { allocationRun(id: $id) { placements(first: 100, enterpriseId: $e) { totalCount } } }`, { id: first.id, e: bigCo.id }, bureau);
    expect(review.allocationRun.placements.totalCount).toBe(5);
  });

  test("a commit makes the offers visible; the same key again returns the same run and writes nothing", async () => {
    const committed = await server.ok(COMMIT, { id: first.id, k: key }, bureau);
    expect(committed.commitAllocationRun.status).toBe("COMMITTED");
    const auditBefore = (await server.ok(`{ auditLog(first: 100) { totalCount } }`, {}, bureau)).auditLog.totalCount;
    const again = await server.ok(COMMIT, { id: first.id, k: key }, bureau);
    expect(again.commitAllocationRun).toEqual(committed.commitAllocationRun);
    expect((await server.ok(`{ auditLog(first: 100) { totalCount } }`, {}, bureau)).auditLog.totalCount).toBe(auditBefore);
    expect(errorCode(await server.gql(COMMIT, { id: first.id, k: "another-key-0002" }, bureau))).toBe("CONFLICT");
  });

  test("an enterprise sees only its placements, a school only its students'", async () => {
    const big = (await server.ok(PLACEMENTS, {}, bigCo.token)).placements;
    expect(big.totalCount).toBe(5);
    expect(big.edges.every((e: any) => e.node.enterprise.id === bigCo.id)).toBe(true);
    expect(big.edges[0].node.student.nationalId).toMatch(/\*{8}/);
    const a = (await server.ok(PLACEMENTS, {}, schoolA.token)).placements;
    const b = (await server.ok(PLACEMENTS, {}, schoolB.token)).placements;
    expect(a.edges.every((e: any) => e.node.school.id === schoolA.id)).toBe(true);
    expect(b.edges.every((e: any) => e.node.school.id === schoolB.id)).toBe(true);
    expect(a.totalCount + b.totalCount).toBe(8);
    expect(a.edges[0].node.student.nationalId).not.toMatch(/\*/);
  });

  test("offer lists page by cursor and filter by enterprise, school and status", async () => {
    const PAGE = `query($f: PlacementFilter, $after: String) { placements(first: 2, after: $after, filter: $f) {
      totalCount edges { node { id status enterprise { id } school { id } } } pageInfo { hasNextPage endCursor } } }`;
    const walk = async (token: string, f: Record<string, unknown> = {}) => {
      const seen: any[] = [];
      for (let after: string | null = null; ;) {
        const page: any = (await server.ok(PAGE, { f, after }, token)).placements;
        seen.push(...page.edges.map((e: any) => e.node));
        if (!page.pageInfo.hasNextPage) return { totalCount: page.totalCount, nodes: seen };
        after = page.pageInfo.endCursor;
      }
    };
    const all = await walk(bureau);
    expect(all.totalCount).toBe(8);
    expect(all.nodes.map((n) => n.id)).toEqual(all.nodes.map((n) => n.id).sort());
    expect(new Set(all.nodes.map((n) => n.id)).size).toBe(8);
    const big = await walk(bigCo.token);
    expect(big.nodes.map((n) => n.id)).toEqual(all.nodes.filter((n) => n.enterprise.id === bigCo.id).map((n) => n.id));
    const bigOfA = await walk(bureau, { enterpriseId: bigCo.id, schoolId: schoolA.id });
    expect(bigOfA.nodes.map((n) => n.id)).toEqual(all.nodes.filter((n) => n.enterprise.id === bigCo.id && n.school.id === schoolA.id).map((n) => n.id));
    expect((await walk(bigCo.token, { enterpriseId: smallCo.id })).totalCount).toBe(0);
    expect((await walk(schoolA.token, { status: "OFFERED" })).totalCount).toBe(all.nodes.filter((n) => n.school.id === schoolA.id).length);
    expect((await walk(schoolA.token, { status: "ACCEPTED" })).totalCount).toBe(0);
  });

  test("offers are answered: enterprises accept or decline, schools may only decline", async () => {
    const big = (await server.ok(PLACEMENTS, {}, bigCo.token)).placements.edges.map((e: any) => e.node);
    expect((await server.ok(RESPOND, { id: big[0].id, r: "ACCEPT" }, bigCo.token)).respondToPlacement.status).toBe("ACCEPTED");
    expect((await server.ok(RESPOND, { id: big[1].id, r: "DECLINE", why: "岗位调整" }, bigCo.token)).respondToPlacement.status).toBe("DECLINED");
    expect(errorCode(await server.gql(RESPOND, { id: big[0].id, r: "DECLINE" }, bigCo.token))).toBe("CONFLICT");
    expect(errorCode(await server.gql(RESPOND, { id: big[2].id, r: "ACCEPT" }, smallCo.token))).toBe("NOT_FOUND");
    // Two answers to one offer at once: exactly one is written, the other is refused.
    const race = await Promise.all([1, 2].map(() => server.gql(RESPOND, { id: big[2].id, r: "ACCEPT" }, bigCo.token)));
    expect(race.map((r) => errorCode(r) ?? "OK").sort()).toEqual(["CONFLICT", "OK"]);
    expect((await PlacementModel.findById(big[2].id).lean())?.status).toBe("ACCEPTED");
    const mine = (await server.ok(PLACEMENTS, { f: { status: "OFFERED" } }, schoolA.token)).placements.edges.map((e: any) => e.node);
    expect(errorCode(await server.gql(RESPOND, { id: mine[0].id, r: "ACCEPT" }, schoolA.token))).toBe("FORBIDDEN");
    expect((await server.ok(RESPOND, { id: mine[0].id, r: "DECLINE", why: "学生升学" }, schoolA.token)).respondToPlacement.status).toBe("DECLINED");
    const other = (await server.ok(PLACEMENTS, { f: { status: "OFFERED" } }, schoolB.token)).placements.edges.map((e: any) => e.node);
    expect(errorCode(await server.gql(RESPOND, { id: other[0].id, r: "DECLINE" }, schoolA.token))).toBe("NOT_FOUND");
  });

  test("a follow-up run places declined and unplaced students in the remaining capacity, and commits on top", async () => {
    // The places the follow-up reads as held: the run's offered and accepted placements, as stored.
    const held = (await server.services.stores.runs.heldPlaces([new Types.ObjectId(first.id)])).map((p) => [p.id, p.status]).sort();
    const records = (await PlacementModel.find({ run: first.id }).lean()).map((p) => [String(p._id), p.status]).sort();
    expect(held).toEqual(records.filter(([, status]) => status !== "DECLINED"));
    expect(records.filter(([, status]) => status === "DECLINED")).toHaveLength(2);
    const followUp = await solvedRun({ name: "补录" });
    expect(followUp.basedOn).toEqual([first.id]);
    // Held: 8 offers minus 2 declined = 6 places; students left: 11 - 6 = 5. Whichever offers were
    // declined, the places left under postings and ceilings (big: 6, small: 3) come to 2.
    expect(followUp.sizes.students).toBe(5);
    expect(followUp.placedCount).toBe(2);
    const committed = await server.ok(COMMIT, { id: followUp.id, k: "follow-up-commit-01" }, bureau);
    expect(committed.commitAllocationRun.status).toBe("COMMITTED");
    const all = await server.ok(PLACEMENTS, {}, bureau);
    expect(all.placements.totalCount).toBe(8 + followUp.placedCount);
  });

  test("a run solved before another was committed cannot be committed over it unless it supersedes it", async () => {
    const r1 = await solvedRun({ name: "方案甲" });
    const r2 = await solvedRun({ name: "方案乙" });
    await server.ok(COMMIT, { id: r1.id, k: "commit-r1-000001" }, bureau);
    const refused = await server.gql(COMMIT, { id: r2.id, k: "commit-r2-000001" }, bureau);
    expect(errorCode(refused)).toBe("CONFLICT");
    const superseding = await server.ok(COMMIT, { id: r2.id, k: "commit-r2-000002", s: [r1.id] }, bureau);
    expect(superseding.commitAllocationRun.status).toBe("COMMITTED");
    const r1After = await server.ok(`query($id: ID!) { allocationRun(id: $id) { status } }`, { id: r1.id }, bureau);
    expect(r1After.allocationRun.status).toBe("SUPERSEDED");
    const visibleRuns = new Set((await server.ok(PLACEMENTS, {}, bureau)).placements.edges.map((e: any) => e.node.runId));
    expect(visibleRuns.has(r1.id)).toBe(false);
  });

  test("two commits at once give one committed run", async () => {
    const r = await solvedRun({ name: "并发", scope: { districts: ["350503"] } });
    const [a, b] = await Promise.all([
      server.gql(COMMIT, { id: r.id, k: "concurrent-key-a1" }, bureau),
      server.gql(COMMIT, { id: r.id, k: "concurrent-key-b1" }, bureau),
    ]);
    const outcomes = [a, b].map((res) => (res.errors ? errorCode(res) : res.data!.commitAllocationRun.status)).sort();
    expect(outcomes).toEqual(["COMMITTED", "CONFLICT"]);
    const same = await Promise.all([1, 2, 3].map(() => server.gql(COMMIT, { id: r.id, k: a.errors ? "concurrent-key-b1" : "concurrent-key-a1" }, bureau)));
    expect(same.map((res) => res.data?.commitAllocationRun.status)).toEqual(["COMMITTED", "COMMITTED", "COMMITTED"]);
  });

  test("the audit log records who did what, with ids only, for the bureau alone", async () => {
    const log = (await server.ok(`{ auditLog(first: 100) { edges { node { action actorId actorRole runId placementId } } } }`, {}, bureau)).auditLog.edges.map((e: any) => e.node);
    const actions = new Set(log.map((e: any) => e.action));
    for (const action of ["RUN_STARTED", "RUN_SOLVED", "RUN_COMMITTED", "RUN_SUPERSEDED", "PLACEMENT_ACCEPTED", "PLACEMENT_DECLINED"]) expect(actions.has(action)).toBe(true);
    const declinedBySchool = log.find((e: any) => e.action === "PLACEMENT_DECLINED" && e.actorRole === "SCHOOL");
    expect(declinedBySchool).toBeDefined();
    expect(JSON.stringify(log)).not.toMatch(/学生|升学|岗位调整/);
    expect(errorCode(await server.gql(`{ auditLog { totalCount } }`, {}, schoolA.token))).toBe("FORBIDDEN");
  });
});
