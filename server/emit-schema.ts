import fs from "node:fs";
import path from "node:path";
import { printSchema } from "graphql";
import { repoRoot } from "./embedded";
import { graphqlSchema } from "./schema";

/** The schema as committed in schema.graphql (so API changes show in review). */
export async function printedSchema(): Promise<string> {
  return `${printSchema(await graphqlSchema())}\n`;
}

if (require.main === module) {
  void printedSchema().then((text) => {
    const file = path.join(repoRoot(), "schema.graphql");
    fs.writeFileSync(file, text);
    console.log(`wrote ${file}`);
  });
}
