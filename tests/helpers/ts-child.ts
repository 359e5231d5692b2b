import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/**
 * Node code that runs a TypeScript entry point in a child process: .ts files are compiled on
 * load with TypeScript's transpileModule (as the solver worker does under ts-jest), then
 * `process.env.TS_ENTRY` is required.
 */
const BOOTSTRAP = `
const fs = require("node:fs");
const ts = require("typescript");
require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true,
      experimentalDecorators: true, emitDecoratorMetadata: true, useDefineForClassFields: false },
  });
  module._compile(outputText, filename);
};
process.argv.splice(1, 0, process.env.TS_ENTRY); // as if run as "node ENTRY args..."
require(process.env.TS_ENTRY);
`;

/** Spawns `node` running the TypeScript file `entry` (absolute path) with arguments. */
export function spawnTs(entry: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ["-e", BOOTSTRAP, "--", ...args], {
    ...options,
    env: { ...(options.env ?? process.env), TS_ENTRY: entry },
  });
}
