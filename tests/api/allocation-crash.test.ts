import crypto from "node:crypto";
import mongoose from "mongoose";
import { UserModel } from "../../schema/user.model";
import { PlacementModel } from "../../schema/placement.model";
import { AllocationRunModel } from "../../schema/allocation-run.model";
import { Role } from "../../schema/enums";
import { hashPassword } from "../../server/security/passwords";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { gqlAt, spawnServer, stopAllServers, type ServerProcess } from "../helpers/spawn-server";

/**
 * Kills the server at each step of a commit (and while a solve writes its
 * children) and restarts it on the same database: the state is always the old
 * one or the new one, and retrying the same idempotency key finishes the job.
 */
const dbUri = () => `${process.env.TEST_MONGODB_URI}/crash_${crypto.randomBytes(4).toString("hex")}`;
let uri: string;
let server: ServerProcess | undefined;
let token: string;
/** One school of 10 students per step, so each step's run has its own students to place. */
const schools = new Map<string, string>();
const STEPS = ["commit:locked", "commit:claimed", "commit:flipped", "solve:writing"];

async function login(url: string): Promise<string> {
  const res = await gqlAt(url, `mutation { login(email: "crash-bureau@test.local", password: "crash-password-1") { token } }`);
  return res.data.login.token;
}

async function ok(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await gqlAt(url, query, variables, token);
  if (!res.data || res.errors) throw new Error(JSON.stringify(res));
  return res.data;
}

async function start(env: Record<string, string> = {}) {
  server = await spawnServer({ MONGODB_URI: uri, ...env });
  token = await login(server.url);
  return server;
}

async function waitForRun(url: string, id: string, statuses: string[]) {
  for (let i = 0; i < 300; i++) {
    const run = (await ok(url, `query($id: ID!) { allocationRun(id: $id) { status placedCount } }`, { id })).allocationRun;
    if (statuses.includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not reach ${statuses.join("/")}`);
}

/** Offers of a run that readers can see. */
async function visibleOffers(url: string, runId: string): Promise<number> {
  return (await ok(url, `query($f: PlacementFilter) { placements(first: 1, filter: $f) { totalCount } }`, { f: { runId } })).placements.totalCount;
}

beforeAll(async () => {
  uri = dbUri();
  await mongoose.connect(uri);
  await UserModel.create({ email: "crash-bureau@test.local", role: Role.BUREAU, passwordHash: await hashPassword("crash-password-1") });
  const s = await start();
  const enterprise = (await ok(s.url, `mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ headcount: 2000 }) })).createEnterprise.id;
  for (const step of STEPS) {
    const school = (await ok(s.url, `mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() })).createSchool.id;
    const rows = Array.from({ length: 10 }, () => aStudent({ enrolmentYear: 2024, graduationYear: 2027, major: "510201" }));
    await ok(s.url, `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: school, rows });
    schools.set(step, school);
  }
  await ok(s.url, `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId: enterprise, capacity: 40, majors: ["5102"] }) });
  await s.stop();
}, 120_000);

afterAll(async () => {
  await stopAllServers();
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
});

test.each(STEPS.filter((step) => step.startsWith("commit:")))(
  "a crash at %s leaves the old or the new state, and the same key finishes the commit after a restart",
  async (point) => {
    let s = await start({ ALLOCATION_CRASH_AT: point });
    const run = (await ok(s.url, `mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name: point, scope: { schoolIds: [schools.get(point)] } } })).startAllocationRun;
    const solved = await waitForRun(s.url, run.id, ["SOLVED"]);
    expect(solved.placedCount).toBeGreaterThan(0);
    const key = `crash-${point.replace(":", "-")}-key`;
    const commit = await gqlAt(s.url, `mutation($id: ID!, $k: String!) { commitAllocationRun(id: $id, idempotencyKey: $k) { status } }`, { id: run.id, k: key }, token);
    expect(commit.crashed).toBe(true);
    expect(await s.exited).toBe("SIGKILL");

    const stored = await AllocationRunModel.findById(run.id).lean();
    expect(["SOLVED", "COMMITTING", "COMMITTED"]).toContain(stored!.status);
    expect(await PlacementModel.countDocuments({ run: run.id })).toBe(solved.placedCount);

    s = await start();
    const visible = await visibleOffers(s.url, run.id);
    expect(visible === 0 || visible === solved.placedCount).toBe(true);
    expect(visible === solved.placedCount).toBe(stored!.status === "COMMITTED");
    const other = await gqlAt(s.url, `mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "a-different-key") { status } }`, { id: run.id }, token);
    expect(other.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const retried = await ok(s.url, `mutation($id: ID!, $k: String!) { commitAllocationRun(id: $id, idempotencyKey: $k) { status } }`, { id: run.id, k: key });
    expect(retried.commitAllocationRun.status).toBe("COMMITTED");
    expect(await visibleOffers(s.url, run.id)).toBe(solved.placedCount);
    await s.stop();
  },
  120_000,
);

test("a crash while a solve writes its proposal is resumed after a restart, without duplicates", async () => {
  let s = await start({ ALLOCATION_CRASH_AT: "solve:writing" });
  const run = (await ok(s.url, `mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name: "solve crash", scope: { schoolIds: [schools.get("solve:writing")] } } })).startAllocationRun;
  expect(await s.exited).toBe("SIGKILL");
  expect((await AllocationRunModel.findById(run.id).lean())!.status).toBe("SOLVING");
  s = await start();
  const solved = await waitForRun(s.url, run.id, ["SOLVED"]);
  expect(await PlacementModel.countDocuments({ run: run.id })).toBe(solved.placedCount);
  await s.stop();
}, 120_000);
