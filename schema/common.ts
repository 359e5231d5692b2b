import type { IModelOptions } from "@typegoose/typegoose/lib/types";

/** Schema options every collection shares (see shared/DATABASE.md). */
export function collectionOptions(collection: string): IModelOptions {
  return {
    schemaOptions: {
      collection,
      timestamps: true,
      versionKey: false,
      // Unknown filter fields throw instead of silently matching everything.
      strictQuery: "throw",
    },
    options: { allowMixed: 0 },
  };
}
