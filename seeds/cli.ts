import "reflect-metadata";
import mongoose from "mongoose";
import { loadConfig } from "../server/config";
import { openDatabase } from "../server/database";
import { syncIndexes } from "../server/store/indexes";
import { createServices, prepareServices } from "../server/services";
import { loadDemoData } from "./load-demo";

/**
 * `npm run seed [-- --reset]`: loads the demo city into the configured
 * database (embedded FerretDB unless MONGODB_URI). --reset drops it first.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const reset = process.argv.includes("--reset");
  const db = await openDatabase(config, (reason) => {
    console.error(reason);
    process.exit(1);
  });
  try {
    if (reset) {
      await mongoose.connection.dropDatabase();
      await syncIndexes(db.postgresUrl);
    }
    const services = createServices(config, db.stores);
    await prepareServices(services);
    const summary = await loadDemoData(services, { createDemoAccounts: config.env !== "production" });
    console.log(summary ? `loaded: ${JSON.stringify(summary)}` : "the database already has data; use --reset to replace it");
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
