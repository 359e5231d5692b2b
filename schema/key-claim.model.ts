import { getModelForClass, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";

/**
 * A claimed unique key (e.g. a national ID's keyed hash), stored as the
 * document's _id. FerretDB's SQLite backend uses an index only for equality
 * on _id, so uniqueness checks and look-ups by key go through this collection
 * instead of scanning students. `owner` is the record that holds the key.
 */
@modelOptions({ schemaOptions: { collection: "key_claims", versionKey: false, strictQuery: "throw" } })
export class KeyClaim {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  owner!: Types.ObjectId;

  /** The import or request that claimed it, so a failed one releases exactly its own claims. */
  @prop({ required: true })
  batch!: string;

  @prop({ required: true })
  claimedAt!: Date;
}

export const KeyClaimModel = getModelForClass(KeyClaim);
