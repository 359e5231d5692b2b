import crypto from "node:crypto";
import { startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    NODE_ENV: "production",
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"),
    HASH_KEY: crypto.randomBytes(32).toString("hex"),
  });
});
afterAll(async () => { await server.close(); });

test("in production, introspection is refused", async () => {
  const res = await server.gql(`{ __schema { queryType { name } } }`);
  expect(res.errors?.[0]?.message).toMatch(/不开放接口结构查询（introspection）/);
});

test("in production, there is no landing page", async () => {
  const res = await fetch(server.url, { headers: { accept: "text/html" } });
  expect(await res.text()).not.toMatch(/<html/i);
});
