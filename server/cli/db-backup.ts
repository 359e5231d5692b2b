/**
 * `npm run db:backup -- DIR` and `npm run db:restore -- DIR [--force]`: every collection of the
 * platform's database as EJSON lines, through the MongoDB wire protocol. The embedded PostgreSQL
 * from npm ships no pg_dump, and a dump of FerretDB's tables would tie a backup to FerretDB's
 * storage layout; EJSON lines restore into the embedded database or a real MongoDB alike.
 *
 * A backup is DIR/manifest.json (written last, so a backup without it is incomplete) and one
 * `<collection>.ejson` per collection: canonical EJSON, one document a line, so ObjectId, Date,
 * Int32/Int64/Double and binary values come back with their types. The manifest names each file
 * with its document count, byte size and SHA-256, the app version and the time; its own
 * `checksum` covers that list. A restore checks every file before it writes anything.
 *
 * FerretDB has no snapshots or transactions: back up a stopped server's data (the embedded
 * database is started here from DATA_DIR), or accept that a backup of a live database is not a
 * point in time.
 */
import "reflect-metadata";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import mongoose from "mongoose";
import { loadConfig, type Config } from "../config";
import { connectMongoose } from "../database";
import { startEmbeddedDatabase, repoRoot, type EmbeddedDatabase } from "../embedded";
import { isFerretdb, syncIndexes } from "../store/indexes";
// The services register every model the server uses, so syncIndexes() creates the server's indexes.
import "../services";

const { EJSON } = mongoose.mongo.BSON;
type Document = mongoose.mongo.Document;

export const BACKUP_FORMAT = "talent-backup/1";
const MANIFEST = "manifest.json";
const INSERT_BATCH = 1000;

interface IndexRecord {
  name: string;
  key: Record<string, unknown>;
  unique?: boolean;
}

export interface CollectionEntry {
  name: string;
  file: string;
  count: number;
  bytes: number;
  sha256: string;
  indexes: IndexRecord[];
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  app: string;
  version: string;
  createdAt: string;
  database: string;
  source: string;
  collections: CollectionEntry[];
  /** SHA-256 of the collections list (JSON), so an edited or truncated manifest is caught too. */
  checksum: string;
}

/** A refusal or a failure the user reads: Chinese, with the file or collection it concerns. */
export class BackupError extends Error {}

function appVersion(): { app: string; version: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as { name: string; version: string };
  return { app: pkg.name, version: pkg.version };
}

const listChecksum = (collections: CollectionEntry[]) => crypto.createHash("sha256").update(JSON.stringify(collections)).digest("hex");

/** A collection's file name: the name itself when it is a safe file name, hex otherwise. */
function fileFor(name: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}$/.test(name) ? `${name}.ejson` : `x-${Buffer.from(name).toString("hex")}.ejson`;
}

// ---- connecting -------------------------------------------------------------------------------

interface Connected {
  db: mongoose.mongo.Db;
  description: string;
  postgresUrl?: string;
  close(): Promise<void>;
}

/**
 * The PostgreSQL of DATA_DIR is running under a live server when its postmaster's parent is a node
 * process (an orphan left by a killed server has been re-parented). Starting the embedded database
 * here would shut that PostgreSQL down under the server (its stale-lock recovery), so refuse.
 */
function serverHolding(dataDir: string): number | null {
  const lock = path.join(dataDir, "postgres", "postmaster.pid");
  if (!fs.existsSync(lock)) return null;
  const pid = Number(fs.readFileSync(lock, "utf8").split("\n")[0]);
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid <= 1) return null;
    const parent = fs.readFileSync(`/proc/${ppid}/cmdline`, "utf8").split("\0").join(" ");
    return /\bnode\b|main\.js/.test(parent) ? ppid : null;
  } catch {
    return null;
  }
}

async function connect(config: Config, mustExist: boolean): Promise<Connected> {
  let embedded: EmbeddedDatabase | undefined;
  let uri: string;
  let description: string;
  if (config.mongodbUri) {
    uri = config.mongodbUri;
    description = uri.replace(/\/\/[^@/]*@/, "//***@");
  } else {
    if (mustExist && !fs.existsSync(path.join(config.dataDir, "postgres", "PG_VERSION"))) {
      throw new BackupError(`数据目录 ${config.dataDir} 中没有数据库（缺少 postgres/PG_VERSION）：请用 DATA_DIR 指定服务器的数据目录，或用 MONGODB_URI 指定数据库`);
    }
    const holder = serverHolding(config.dataDir);
    if (holder !== null) {
      throw new BackupError(`数据目录 ${config.dataDir} 正被运行中的服务器（进程 ${holder}）使用：请先停止服务器（Ctrl-C 或 SIGTERM），再备份或恢复`);
    }
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, ferretdbPort: config.ferretdbPort, log: (m) => process.stderr.write(m + "\n") });
    uri = `${embedded.uri}/${config.dbName}`;
    description = `${config.dataDir} 中的内置数据库 ${config.dbName}`;
  }
  try {
    await connectMongoose(uri);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return {
    db: mongoose.connection.db!,
    description,
    postgresUrl: embedded?.postgresUrl,
    async close() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

async function collectionNames(db: mongoose.mongo.Db): Promise<string[]> {
  const infos = await db.listCollections({}, { nameOnly: false }).toArray();
  return infos.filter((c) => (c.type ?? "collection") === "collection" && !c.name.startsWith("system.")).map((c) => c.name).sort();
}

// ---- backup -----------------------------------------------------------------------------------

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes one collection's documents as canonical EJSON lines; returns its manifest entry. */
async function dumpCollection(db: mongoose.mongo.Db, name: string, dir: string): Promise<CollectionEntry> {
  const file = fileFor(name);
  const out = fs.createWriteStream(path.join(dir, file), { flags: "wx" });
  const hash = crypto.createHash("sha256");
  let count = 0;
  let bytes = 0;
  // promoteValues: false keeps Int32 / Double / Int64 apart (a double 1.0 must not come back as an int).
  const cursor = db.collection(name).find({}, { promoteValues: false, bsonRegExp: true, batchSize: INSERT_BATCH });
  try {
    for await (const doc of cursor) {
      const line = EJSON.stringify(doc, { relaxed: false }) + "\n";
      const buffer = Buffer.from(line, "utf8");
      hash.update(buffer);
      bytes += buffer.length;
      count += 1;
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  } finally {
    await cursor.close();
  }
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(() => resolve());
  });
  fsyncFile(path.join(dir, file));
  const indexes = (await db.collection(name).indexes()).map((i) => ({ name: String(i.name), key: i.key as Record<string, unknown>, ...(i.unique ? { unique: true } : {}) }));
  return { name, file, count, bytes, sha256: hash.digest("hex"), indexes };
}

/** Backs up every collection of the configured database into `dir` (which must be empty or new). */
export async function backup(config: Config, dir: string, say: (line: string) => void = console.log): Promise<Manifest> {
  const target = path.resolve(dir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new BackupError(`备份目录 ${target} 不为空：请指定一个新的或空的目录，以免覆盖已有的备份`);
  }
  fs.mkdirSync(target, { recursive: true });
  const started = Date.now();
  const connected = await connect(config, true);
  try {
    const collections: CollectionEntry[] = [];
    for (const name of await collectionNames(connected.db)) {
      const entry = await dumpCollection(connected.db, name, target);
      collections.push(entry);
      say(`  ${name}: ${entry.count} 条`);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      ...appVersion(),
      createdAt: new Date().toISOString(),
      database: connected.db.databaseName,
      source: connected.description,
      collections,
      checksum: listChecksum(collections),
    };
    // The manifest is written last and renamed into place: its presence means every file is complete.
    const partial = path.join(target, `${MANIFEST}.partial`);
    fs.writeFileSync(partial, JSON.stringify(manifest, null, 2) + "\n");
    fsyncFile(partial);
    fs.renameSync(partial, path.join(target, MANIFEST));
    const total = collections.reduce((n, c) => n + c.count, 0);
    say(`已备份 ${connected.description} 的 ${collections.length} 个集合、共 ${total} 条记录到 ${target}（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
    return manifest;
  } finally {
    await connected.close();
  }
}

// ---- checking a backup ------------------------------------------------------------------------

/** Reads and checks DIR/manifest.json and every file it names (size, line count, SHA-256). */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const source = path.resolve(dir);
  const manifestPath = path.join(source, MANIFEST);
  if (!fs.existsSync(source)) throw new BackupError(`备份目录 ${source} 不存在`);
  if (!fs.existsSync(manifestPath)) {
    throw new BackupError(`备份不完整：缺少 ${manifestPath}（备份可能在写完之前被中断），不能用它恢复`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest;
  } catch (err) {
    throw new BackupError(`备份清单 ${manifestPath} 已损坏，无法读取：${(err as Error).message}`);
  }
  if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.collections)) {
    throw new BackupError(`${manifestPath} 不是本平台的备份清单（格式应为 ${BACKUP_FORMAT}）`);
  }
  if (listChecksum(manifest.collections) !== manifest.checksum) {
    throw new BackupError(`备份清单 ${manifestPath} 已损坏：集合列表与其校验和不符`);
  }
  for (const entry of manifest.collections) {
    const file = path.join(source, path.basename(entry.file));
    if (!fs.existsSync(file)) throw new BackupError(`备份不完整：缺少集合 ${entry.name} 的文件 ${file}`);
    const size = fs.statSync(file).size;
    if (size !== entry.bytes) {
      throw new BackupError(`备份文件 ${file} 已损坏或不完整：大小 ${size} 字节，清单记录为 ${entry.bytes} 字节`);
    }
    const hash = crypto.createHash("sha256");
    let lines = 0;
    for await (const chunk of fs.createReadStream(file)) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines += 1;
    }
    if (hash.digest("hex") !== entry.sha256) throw new BackupError(`备份文件 ${file} 已损坏：SHA-256 校验和与清单不符`);
    if (lines !== entry.count) throw new BackupError(`备份文件 ${file} 已损坏或不完整：${lines} 行，清单记录为 ${entry.count} 条`);
  }
  return manifest;
}

// ---- restore ----------------------------------------------------------------------------------

async function nonEmptyCollections(db: mongoose.mongo.Db): Promise<{ name: string; count: number }[]> {
  const found: { name: string; count: number }[] = [];
  for (const name of await collectionNames(db)) {
    const count = await db.collection(name).estimatedDocumentCount();
    if (count > 0) found.push({ name, count });
  }
  return found;
}

async function loadCollection(db: mongoose.mongo.Db, entry: CollectionEntry, file: string): Promise<void> {
  await db.createCollection(entry.name).catch((err: { codeName?: string }) => {
    if (err.codeName !== "NamespaceExists") throw err;
  });
  const collection = db.collection(entry.name);
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
  let batch: Document[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    try {
      batch.push(EJSON.parse(line, { relaxed: false }) as Document);
    } catch (err) {
      throw new BackupError(`备份文件 ${file} 第 ${lineNumber} 行不是有效的 EJSON：${(err as Error).message}`);
    }
    if (batch.length === INSERT_BATCH) {
      await collection.insertMany(batch, { ordered: true });
      batch = [];
    }
  }
  if (batch.length > 0) await collection.insertMany(batch, { ordered: true });
}

/**
 * Indexes: the server's own (every model's, and on FerretDB the store's GIN indexes), then any
 * index the backup recorded that is still missing (collections no model declares). On FerretDB
 * only unique ones: the store keeps FerretDB's other indexes off on purpose (they cannot serve
 * its queries and slow inserts).
 */
async function restoreIndexes(db: mongoose.mongo.Db, manifest: Manifest, postgresUrl?: string): Promise<void> {
  await syncIndexes(postgresUrl);
  const ferretdb = await isFerretdb();
  for (const entry of manifest.collections) {
    const present = new Set((await db.collection(entry.name).indexes()).map((i) => String(i.name)));
    for (const index of entry.indexes) {
      if (index.name === "_id_" || present.has(index.name) || (ferretdb && !index.unique)) continue;
      await db.collection(entry.name).createIndex(index.key as Record<string, 1 | -1>, { name: index.name, ...(index.unique ? { unique: true } : {}) });
    }
  }
}

/** Restores a checked backup into the configured database, which must be empty unless `force`. */
export async function restore(config: Config, dir: string, force: boolean, say: (line: string) => void = console.log): Promise<Manifest> {
  const source = path.resolve(dir);
  const started = Date.now();
  const manifest = await verifyBackup(source);
  const connected = await connect(config, false);
  try {
    const { db } = connected;
    const existing = await nonEmptyCollections(db);
    if (existing.length > 0 && !force) {
      const list = existing.slice(0, 5).map((c) => `${c.name} ${c.count} 条`).join("、");
      throw new BackupError(`目标数据库 ${connected.description} 不为空（${list}${existing.length > 5 ? " 等" : ""}）：恢复会删除其中全部数据。确认要覆盖时加 --force`);
    }
    if (existing.length > 0) {
      say(`--force：删除目标数据库 ${db.databaseName} 的全部数据`);
      await db.dropDatabase();
    }
    for (const entry of manifest.collections) {
      await loadCollection(db, entry, path.join(source, path.basename(entry.file)));
      const count = await db.collection(entry.name).countDocuments({});
      if (count !== entry.count) throw new BackupError(`集合 ${entry.name} 恢复后有 ${count} 条记录，备份中为 ${entry.count} 条：恢复未完成，请检查后用 --force 重试`);
      say(`  ${entry.name}: ${count} 条`);
    }
    await restoreIndexes(db, manifest, connected.postgresUrl);
    const total = manifest.collections.reduce((n, c) => n + c.count, 0);
    say(`已将 ${manifest.createdAt} 的备份（${manifest.app} ${manifest.version}，${manifest.collections.length} 个集合、共 ${total} 条记录）恢复到 ${connected.description}，索引已重建（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
    return manifest;
  } finally {
    await connected.close();
  }
}

// ---- command line -----------------------------------------------------------------------------

const USAGE = "用法：npm run db:backup -- 目录    |    npm run db:restore -- 目录 [--force]\n（DATA_DIR 指定内置数据库的数据目录，MONGODB_URI 指定其他数据库）";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const force = rest.includes("--force");
  const unknown = rest.filter((a) => a.startsWith("--") && a !== "--force");
  const dirs = rest.filter((a) => !a.startsWith("--"));
  if ((command !== "backup" && command !== "restore") || dirs.length !== 1 || unknown.length > 0 || (force && command !== "restore")) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (command === "backup") await backup(config, dirs[0]!);
  else await restore(config, dirs[0]!, force);
  return 0;
}

if (require.main === module || process.env.TS_ENTRY === __filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const message = err instanceof BackupError ? err.message : `${err instanceof Error ? err.message : String(err)}`;
      console.error(`${process.argv[2] === "restore" ? "恢复失败" : "备份失败"}：${message}`);
      process.exit(1);
    },
  );
}
