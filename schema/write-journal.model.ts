import { getModelForClass, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";

/**
 * A many-row insert in progress (FerretDB has no transactions): written before the rows, deleted
 * after them. An entry that outlives its writer names the rows to take back (server/store/writes.ts).
 */
@modelOptions({ schemaOptions: { collection: "write_journal", versionKey: false, strictQuery: "throw" } })
export class WriteJournalEntry {
  @prop({ required: true, type: () => Types.ObjectId })
  _id!: Types.ObjectId;

  @prop({ required: true })
  collectionName!: string;

  @prop({ required: true, type: () => [Types.ObjectId] })
  ids!: Types.ObjectId[];

  /** The process that writes (see writes.ts: a live writer's entries are left alone). */
  @prop({ required: true })
  writer!: string;

  @prop({ required: true })
  startedAt!: Date;
}

export const WriteJournalModel = getModelForClass(WriteJournalEntry);
