import mongoose from "mongoose";
import type { Config } from "./config";
import { startEmbeddedFerretdb, type EmbeddedFerretdb } from "./embedded-ferretdb";

// Settings shared by every environment (see shared/DATABASE.md).
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");
// Indexes are created by syncIndexes() below, which knows which server it talks to.
mongoose.set("autoIndex", false);

export interface Database {
  connection: mongoose.Connection;
  /** Where the data lives, for the start-up banner. */
  description: string;
  close(): Promise<void>;
}

/** Connects mongoose to `uri` (which must name the database). */
export async function connectMongoose(uri: string): Promise<mongoose.Connection> {
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10000, autoIndex: false });
  return mongoose.connection;
}

/**
 * Opens the database: MONGODB_URI when configured, otherwise an embedded
 * FerretDB started here (and stopped by close()).
 */
export async function openDatabase(config: Config, onLost: (reason: string) => void): Promise<Database> {
  let embedded: EmbeddedFerretdb | undefined;
  let uri: string;
  if (config.mongodbUri) {
    uri = config.mongodbUri;
  } else {
    embedded = await startEmbeddedFerretdb({
      dataDir: config.dataDir,
      port: config.ferretdbPort,
      onUnexpectedExit: onLost,
    });
    uri = `${embedded.uri}/${config.dbName}`;
  }
  let connection: mongoose.Connection;
  try {
    connection = await connectMongoose(uri);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  await syncIndexes();
  return {
    connection,
    description: embedded ? `embedded FerretDB v1.24.2 (SQLite) at ${config.dataDir}, ${embedded.uri}` : redact(uri),
    async close() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/** True when the server is FerretDB (its buildInfo carries ferretdbVersion). */
export async function isFerretdb(): Promise<boolean> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return "ferretdbVersion" in info;
}

/**
 * Unique indexes FerretDB does without because the key is already claimed by
 * _id in `key_claims` (server/services/key-claims.ts) before the document is
 * written: the index would only cost (~15 % of a student insert).
 */
const CLAIMED_ON_FERRETDB = new Set(["students:nationalIdHash"]);

/**
 * Creates the indexes of every registered model. On FerretDB's SQLite backend
 * only unique ones: its queries use an index for _id equality alone, so a
 * secondary index only slows inserts (by about 40% on students), while a
 * unique index still guards duplicates. MongoDB gets every declared index.
 */
export async function syncIndexes(): Promise<void> {
  const ferretdb = await isFerretdb();
  for (const model of Object.values(mongoose.models)) {
    for (const [fields, options] of model.schema.indexes()) {
      if (ferretdb && !options.unique) continue;
      if (ferretdb && CLAIMED_ON_FERRETDB.has(`${model.collection.collectionName}:${Object.keys(fields).join(",")}`)) continue;
      await model.collection.createIndex(fields as Record<string, 1 | -1>, options as Record<string, unknown>);
    }
  }
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//***@");
}
