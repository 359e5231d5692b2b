/** Two projects: pure unit/property tests, and API tests against a real embedded FerretDB. */
const transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] };
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/tests/matching/**/*.test.ts", "<rootDir>/tests/unit/**/*.test.ts"],
    },
    {
      displayName: "api",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/tests/api/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
      globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
      setupFiles: ["reflect-metadata"],
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
      globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
      setupFiles: ["reflect-metadata"],
    },
  ],
  testTimeout: 60000,
};
