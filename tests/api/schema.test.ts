import fs from "node:fs";
import path from "node:path";
import { isObjectType } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { graphqlSchema } from "../../server/schema";
import { printedSchema } from "../../server/emit-schema";

test("every root field of the schema declares an access rule", async () => {
  const schema = await graphqlSchema();
  const ruled = new Set(getMetadataStorage().authorizedFields.map((f) => `${f.target.name}.${f.fieldName}`));
  const handlers = [...getMetadataStorage().queries, ...getMetadataStorage().mutations];
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type || !isObjectType(type)) continue;
    for (const name of Object.keys(type.getFields())) {
      const handler = handlers.find((h) => h.schemaName === name);
      if (!handler || !ruled.has(`${handler.target.name}.${handler.methodName}`)) missing.push(`${type.name}.${name}`);
    }
  }
  expect(missing).toEqual([]);
  expect(Object.keys(schema.getQueryType()!.getFields()).length).toBeGreaterThan(5);
});

test("the committed schema.graphql matches the code", async () => {
  const committed = fs.readFileSync(path.resolve(__dirname, "../../schema.graphql"), "utf8");
  expect(committed).toBe(await printedSchema());
});
