import mongoose from "mongoose";
import type { Config } from "./config";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";
import { syncIndexes } from "./store/indexes";
import { createStores, type Stores } from "./store";
import { takeBackInterruptedWrites } from "./store/writes";

// Settings shared by every environment (see shared/DATABASE.md).
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");
// Indexes are created by the store (server/store/indexes.ts), which knows which server it talks to.
mongoose.set("autoIndex", false);

export interface Database {
  connection: mongoose.Connection;
  /** Where the data lives, for the start-up banner. */
  description: string;
  /** The embedded PostgreSQL under FerretDB, when embedded (the store adds its indexes there). */
  postgresUrl?: string;
  /** The stores on this database. */
  stores: Stores;
  close(): Promise<void>;
}

/** Connects mongoose to `uri` (which must name the database). */
export async function connectMongoose(uri: string): Promise<mongoose.Connection> {
  // monitorCommands: the store's read cache follows every write command (server/store/read-cache.ts).
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10000, autoIndex: false, monitorCommands: true });
  return mongoose.connection;
}

/**
 * Opens the database: MONGODB_URI when configured, otherwise the embedded
 * PostgreSQL and FerretDB started here (and stopped by close()).
 */
export async function openDatabase(config: Config, onLost: (reason: string) => void, log?: (message: string) => void): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let uri: string;
  if (config.mongodbUri) {
    uri = config.mongodbUri;
  } else {
    embedded = await startEmbeddedDatabase({
      dataDir: config.dataDir,
      ferretdbPort: config.ferretdbPort,
      onUnexpectedExit: onLost,
      log,
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
  await syncIndexes(embedded?.postgresUrl);
  // The embedded database belongs to this server alone: any import left in the journal was cut off.
  const takenBack = await takeBackInterruptedWrites({ alone: embedded !== undefined });
  if (takenBack.imports > 0) log?.(`took back ${takenBack.imports} interrupted import(s), ${takenBack.rows} row(s), left by a server that stopped part-way`);
  const stores = createStores({ postgresUrl: embedded?.postgresUrl, database: connection.name });
  return {
    connection,
    description: embedded ? `embedded FerretDB v1.24.2 on PostgreSQL at ${config.dataDir}, ${embedded.uri}` : redact(uri),
    postgresUrl: embedded?.postgresUrl,
    stores,
    async close() {
      await stores.close();
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//***@");
}
