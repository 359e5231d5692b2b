/**
 * The peer benchmark's instances (issue 12): seeded synthetic instances written to a file in
 * chunks (the 1M one is ~1.2 GB, past V8's string limit).
 *
 *   node dist/server/bench/peers/instances.js STUDENTS FILE
 */
import * as fs from "node:fs";
import { writeSyntheticInstance, type SyntheticOptions } from "../../../seeds/synthetic-instance";

/**
 * The three sizes of issue 12: 20k / 400k edges, 100k / 2M edges (20k postings, ~6.7k
 * enterprises) and the province, 1M students / 20M edges / 200k postings / 25k enterprises.
 */
export function peerInstanceOptions(students: number): SyntheticOptions {
  return { students, seed: 2025, ...(students >= 1_000_000 ? { postingsPerEnterprise: 8 } : {}) };
}

/** Writes the instance of `students` to `file`; returns its counts. */
export function writeInstanceFile(students: number, file: string): ReturnType<typeof writeSyntheticInstance> {
  const fd = fs.openSync(file, "w");
  try {
    return writeSyntheticInstance(peerInstanceOptions(students), (chunk) => {
      fs.writeSync(fd, chunk);
    });
  } finally {
    fs.closeSync(fd);
  }
}

if (require.main === module) {
  const [students, file] = process.argv.slice(2);
  if (!(Number(students) > 0) || !file) {
    process.stderr.write("usage: instances STUDENTS FILE\n");
    process.exit(1);
  }
  const counts = writeInstanceFile(Number(students), file);
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
