import "reflect-metadata";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import mongoose from "mongoose";
import { createApp } from "../../server/app";
import { loadConfig, type Config } from "../../server/config";
import { connectMongoose } from "../../server/database";
import { syncIndexes } from "../../server/store/indexes";
import { createStores } from "../../server/store";
import { createLogger } from "../../server/logger";
import { createServices, prepareServices, type Services } from "../../server/services";
import { UserModel } from "../../schema/user.model";
import { Role } from "../../schema/enums";
import { hashPassword } from "../../server/security/passwords";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; errors?: { field: string; message: string; row?: number }[] } }[];
}

export interface TestServer {
  url: string;
  config: Config;
  services: Services;
  /** Sends a GraphQL request over HTTP, with a bearer token when given. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Sends a GraphQL request that must succeed: returns its data, throws with the errors otherwise. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** Creates an account directly in the database and logs it in over the API. */
  account(role: Role, owner?: { schoolId?: string; enterpriseId?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real server for one test file: the app listening on a free port, on its
 * own database of the run's FerretDB (or MongoDB). Nothing is mocked.
 */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const base = process.env.TEST_MONGODB_URI;
  if (!base) throw new Error("TEST_MONGODB_URI is not set: run the API tests through jest (its global setup starts FerretDB)");
  const dbName = `test_${crypto.randomBytes(6).toString("hex")}`;
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", ...overrides });
  await connectMongoose(`${base}/${dbName}`);
  await syncIndexes(process.env.TEST_POSTGRES_URL);
  const stores = createStores({ postgresUrl: process.env.TEST_POSTGRES_URL, database: dbName });
  const services = createServices(config, stores);
  await prepareServices(services);
  const logger = createLogger(config.logLevel);
  const { httpServer, apollo } = await createApp(config, services, logger);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  const passwordHash = await hashPassword("test-password-1");

  const gql: TestServer["gql"] = async (query, variables, token) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GraphQLResponse, "status">;
    return { status: res.status, ...body } as GraphQLResponse<any>;
  };

  return {
    url,
    config,
    services,
    gql,
    async ok(query, variables, token) {
      const res = await gql(query, variables, token);
      if (!res.data || res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data as any;
    },
    async account(role, owner = {}) {
      const email = `${role.toLowerCase()}-${crypto.randomBytes(4).toString("hex")}@test.local`;
      await UserModel.create({ email, role, passwordHash, school: owner.schoolId ?? null, enterprise: owner.enterpriseId ?? null });
      const res = await gql<{ login: { token: string } }>(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
        { e: email, p: "test-password-1" },
      );
      if (!res.data?.login) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
    async close() {
      await services.allocation.idle();
      await apollo.stop();
      await stores.close();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
}

/** The first error's code of a response. */
export function errorCode(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/** The first error's field of a response. */
export function errorField(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.field;
}
