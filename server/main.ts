import "reflect-metadata";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { openDatabase, type Database } from "./database";
import { createLogger } from "./logger";
import { createServices } from "./services";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from "../seeds/load-demo";

/** Starts the platform: database (embedded FerretDB unless MONGODB_URI), demo data, GraphQL. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let stopping = false;

  const lost = (reason: string) => {
    if (stopping) return;
    logger.fatal(reason);
    process.exit(1);
  };

  const db: Database = await openDatabase(config, lost);
  logger.info(`database: ${db.description}`);
  const services = createServices(config);
  await services.clusters.ensureDefaults();
  if (config.seedDemo) {
    const loaded = await loadDemoData(services, { createDemoAccounts: config.env !== "production" });
    if (loaded) logger.info(loaded, "demo data loaded into an empty database");
  }
  const resumed = await services.allocation.resumePending();
  if (resumed) logger.info(`resumed ${resumed} allocation run(s) left unfinished`);
  const { httpServer, apollo } = await createApp(config, services, logger);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const lines = [`GraphQL: http://localhost:${port}/graphql`];
  if (config.seedDemo && config.env !== "production") {
    lines.push(`demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) lines.push(`  ${account.email.padEnd(26)} ${account.description}`);
  }
  console.log(lines.join("\n"));

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => {
      logger.error("shutdown took longer than 20 s; exiting");
      process.exit(1);
    }, 20000);
    force.unref();
    try {
      await apollo.stop(); // stops taking requests and drains the HTTP server
      logger.info("http stopped");
      await db.close();
      logger.info("database closed");
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "error while stopping");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(`cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
