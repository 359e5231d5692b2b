import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { UserModel } from "../../schema/user.model";
import { Role } from "../../schema/enums";
import { hashPassword } from "../../server/security/passwords";
import { freePort } from "../../server/embedded";
import { loadConfig } from "../../server/config";
import { backup, verifyBackup, type Manifest } from "../../server/cli/db-backup";
import { aPosting, aSchool, aStudent, anEnterprise, anOutcome } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { gqlAt, spawnServer, stopAllServers } from "../helpers/spawn-server";
import { spawnTs } from "../helpers/ts-child";

/**
 * `npm run db:backup` / `db:restore` round-trip: data made through the API, backed up over the
 * wire protocol, restored into a fresh embedded database, and served by a server started there.
 */
const { EJSON } = mongoose.mongo.BSON;
const CLI = path.resolve(__dirname, "../../server/cli/db-backup.ts");
const EMAIL = "backup-bureau@test.local";
const PASSWORD = "backup-password-1";

let server: TestServer;
let sourceUri: string;
let work: string;
let backupDir: string;
let original: Map<string, string[]>;

interface CliResult { code: number | null; stdout: string; stderr: string }

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child: ChildProcess = spawnTs(CLI, args, { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

/** Every collection's documents as canonical EJSON (types included), sorted. */
async function contents(db: mongoose.mongo.Db): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith("system.")).sort();
  for (const name of names) {
    const docs = await db.collection(name).find({}, { promoteValues: false }).toArray();
    found.set(name, docs.map((d) => EJSON.stringify(d, { relaxed: false })).sort());
  }
  return found;
}

const nonEmpty = (m: Map<string, string[]>) => [...m].filter(([, docs]) => docs.length > 0).map(([name]) => name).sort();
const dbUri = (name: string) => `${process.env.TEST_MONGODB_URI}/${name}`;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
  fs.chmodSync(work, 0o755); // as root, the restored cluster's PostgreSQL account must reach it
  backupDir = path.join(work, "backup");
  server = await startTestServer();
  sourceUri = dbUri(mongoose.connection.name);
  await UserModel.create({ email: EMAIL, role: Role.BUREAU, passwordHash: await hashPassword(PASSWORD) });
  const bureau = await server.account(Role.BUREAU);
  const school = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
  const enterprise = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ headcount: 2000 }) }, bureau)).createEnterprise.id;
  const interns = Array.from({ length: 8 }, () => aStudent({ enrolmentYear: 2024, graduationYear: 2027 }));
  const graduates = Array.from({ length: 4 }, () => aStudent({ enrolmentYear: 2021, graduationYear: 2024 }));
  await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: school, rows: [...interns, ...graduates] }, bureau);
  await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId: enterprise, capacity: 6 }) }, bureau);
  await server.ok(`mutation($rows: [EmploymentOutcomeInput!]!) { recordEmploymentOutcomes(rows: $rows) { recorded } }`, { rows: graduates.map((g) => anOutcome({ nationalId: g.nationalId })) }, bureau);
  const run = (await server.ok(`mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name: "备份测试", scope: { schoolIds: [school] } } }, bureau)).startAllocationRun;
  await server.services.allocation.idle();
  await server.ok(`mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "backup-test-commit") { status } }`, { id: run.id }, bureau);
  original = await contents(mongoose.connection.db!);
}, 120_000);

afterAll(async () => {
  await stopAllServers();
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test("a backup restored into a fresh data directory gives every collection back with its types, and a server there serves it", async () => {
  const made = await runCli(["backup", backupDir], { MONGODB_URI: sourceUri });
  expect(made).toMatchObject({ code: 0 });
  expect(made.stdout).toMatch(/已备份 .* 个集合、共 \d+ 条记录/);
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as Manifest;
  expect(manifest).toMatchObject({ format: "talent-backup/1", app: "quanzhou-talent-platform", database: mongoose.connection.name });
  expect(Object.fromEntries(manifest.collections.map((c) => [c.name, c.count]))).toEqual(Object.fromEntries([...original].map(([name, docs]) => [name, docs.length])));
  expect(nonEmpty(original)).toEqual(expect.arrayContaining(["students", "schools", "enterprises", "postings", "employment_outcomes", "allocation_runs", "placements", "users"]));

  const dataDir = path.join(work, "restored");
  const restored = await runCli(["restore", backupDir], { MONGODB_URI: "", DATA_DIR: dataDir });
  expect(restored.stderr).not.toMatch(/恢复失败/);
  expect(restored).toMatchObject({ code: 0 });
  expect(restored.stdout).toMatch(/索引已重建/);

  const ferretdbPort = await freePort();
  const there = await spawnServer({ MONGODB_URI: "", DATA_DIR: dataDir, FERRETDB_PORT: String(ferretdbPort) });
  const connection = await mongoose.createConnection(`mongodb://127.0.0.1:${ferretdbPort}/talent`).asPromise();
  try {
    const db = connection.db!;
    const back = await contents(db);
    for (const [name, docs] of original) expect({ name, docs: back.get(name) }).toEqual({ name, docs });
    expect(nonEmpty(back)).toEqual(nonEmpty(original));

    const student = await db.collection("students").findOne({});
    expect(student!._id).toBeInstanceOf(mongoose.mongo.ObjectId);
    expect(student!.school).toBeInstanceOf(mongoose.mongo.ObjectId);
    expect(student!.createdAt).toBeInstanceOf(Date);
    const unique = (await mongoose.connection.db!.collection("students").indexes()).filter((i) => i.unique).map((i) => i.name);
    const restoredIndexes = (await db.collection("students").indexes()).map((i) => i.name);
    expect(restoredIndexes).toEqual(expect.arrayContaining(unique));

    const token = (await gqlAt(there.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: EMAIL, p: PASSWORD })).data.login.token;
    const page = await gqlAt(there.url, `{ students(first: 5) { totalCount } }`, {}, token);
    expect(page.data.students.totalCount).toBe(original.get("students")!.length);
  } finally {
    await connection.close();
    expect(await there.stop()).toBe("0");
  }
}, 180_000);

test("restoring over a database that holds data is refused unless --force, which replaces it", async () => {
  const refused = await runCli(["restore", backupDir], { MONGODB_URI: sourceUri });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/恢复失败：目标数据库 .* 不为空（.*条.*）.*--force/);

  const target = `${mongoose.connection.name}_force`;
  const other = await mongoose.createConnection(dbUri(target)).asPromise();
  try {
    await other.db!.collection("students").insertOne({ name: "将被覆盖" });
    const forced = await runCli(["restore", backupDir, "--force"], { MONGODB_URI: dbUri(target) });
    expect(forced).toMatchObject({ code: 0 });
    const back = await contents(other.db!);
    for (const [name, docs] of original) expect({ name, docs: back.get(name) }).toEqual({ name, docs });
  } finally {
    await other.db!.dropDatabase();
    await other.close();
  }
}, 120_000);

test("a corrupt or incomplete backup is refused with the file it concerns, before anything is written", async () => {
  const copy = path.join(work, "damaged");
  fs.cpSync(backupDir, copy, { recursive: true });
  const students = path.join(copy, "students.ejson");
  const text = fs.readFileSync(students);
  text[Math.floor(text.length / 2)] ^= 1;
  fs.writeFileSync(students, text);
  const target = `${mongoose.connection.name}_damaged`;
  const refused = await runCli(["restore", copy], { MONGODB_URI: dbUri(target) });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`恢复失败：备份文件 ${students} 已损坏：SHA-256 校验和与清单不符`);
  const untouched = await mongoose.createConnection(dbUri(target)).asPromise();
  expect(await untouched.db!.listCollections().toArray()).toEqual([]);
  await untouched.close();

  fs.writeFileSync(students, text.subarray(0, text.length - 10));
  await expect(verifyBackup(copy)).rejects.toThrow(`备份文件 ${students} 已损坏或不完整`);
  fs.rmSync(path.join(copy, "enterprises.ejson"));
  await expect(verifyBackup(copy)).rejects.toThrow(`备份不完整：缺少集合 enterprises 的文件 ${path.join(copy, "enterprises.ejson")}`);
  fs.rmSync(path.join(copy, "manifest.json"));
  await expect(verifyBackup(copy)).rejects.toThrow(`备份不完整：缺少 ${path.join(copy, "manifest.json")}`);
  await expect(backup(loadConfig({ MONGODB_URI: sourceUri }), backupDir)).rejects.toThrow(/备份目录 .* 不为空/);
}, 120_000);
