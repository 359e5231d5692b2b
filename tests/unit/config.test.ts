import { loadConfig } from "../../server/config";

test("production refuses to start without its secrets", () => {
  expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/JWT_SECRET/);
  expect(() => loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(40) })).toThrow(/ENCRYPTION_KEY/);
});

test("a malformed port or key is reported by name", () => {
  expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
  expect(() => loadConfig({ ENCRYPTION_KEY: "abc" })).toThrow(/ENCRYPTION_KEY/);
});

test("development defaults: port 4000, embedded database in ./.data, demo data on", () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 4000, env: "development", seedDemo: true, mongodbUri: undefined });
  expect(config.dataDir).toMatch(/\.data$/);
});

test("production does not load demo data unless asked", () => {
  const keys = { NODE_ENV: "production", JWT_SECRET: "x".repeat(40), ENCRYPTION_KEY: "a".repeat(64), HASH_KEY: "b".repeat(64) };
  expect(loadConfig(keys).seedDemo).toBe(false);
});
