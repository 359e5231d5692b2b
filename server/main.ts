import "reflect-metadata";
import type { ApolloServer } from "@apollo/server";
import { createApp } from "./app";
import { loadConfig } from "./config";
import type { Context } from "./context";
import { openDatabase, type Database } from "./database";
import { createLogger } from "./logger";
import { createServices, prepareServices } from "./services";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from "../seeds/load-demo";

/** Starts the platform: database (embedded FerretDB unless MONGODB_URI), demo data, GraphQL. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let stopping = false;
  // Assigned once below, but read by the signal handler, which may run before that.
  // eslint-disable-next-line prefer-const
  let db: Database | undefined;
  // eslint-disable-next-line prefer-const
  let apollo: ApolloServer<Context> | undefined;

  // Registered first, so a signal during start-up also stops cleanly (and the embedded FerretDB with it).
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
      await apollo?.stop(); // stops taking requests and drains the HTTP server
      await db?.close(); // disconnects, then stops the embedded FerretDB
      logger.info("stopped");
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "error while stopping");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  const lost = (reason: string) => {
    if (stopping) return;
    logger.fatal(reason);
    process.exit(1);
  };

  db = await openDatabase(config, lost, (message) => logger.warn(message));
  logger.info(`database: ${db.description}`);
  const services = createServices(config, db.stores);
  await prepareServices(services);
  if (config.seedDemo) {
    const loaded = await loadDemoData(services, { createDemoAccounts: config.env !== "production" });
    if (loaded) logger.info(loaded, "demo data loaded into an empty database");
  }
  const resumed = await services.allocation.resumePending();
  if (resumed) logger.info(`resumed ${resumed} allocation run(s) left unfinished`);
  const app = await createApp(config, services, logger);
  apollo = app.apollo;
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once("error", reject);
    app.httpServer.listen(config.port, resolve);
  });
  const address = app.httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const lines = [`web app: http://localhost:${port}/app/`, `GraphQL: http://localhost:${port}/graphql`, `dashboard: http://localhost:${port}/dashboard/`];
  if (config.seedDemo && config.env !== "production") {
    lines.push(`demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) lines.push(`  ${account.email.padEnd(26)} ${account.description}`);
  }
  console.log(lines.join("\n"));
}

main().catch((err: unknown) => {
  console.error(`cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
