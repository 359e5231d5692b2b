import { getModelForClass, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";

/** An idempotency key of a commit (as _id: one key, one run). */
@modelOptions({ schemaOptions: { collection: "commit_keys", versionKey: false, strictQuery: "throw" } })
export class CommitKey {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  run!: Types.ObjectId;

  @prop({ required: true })
  at!: Date;
}

/** A named lock held by one operation at a time (its _id is the lock name). */
@modelOptions({ schemaOptions: { collection: "locks", versionKey: false, strictQuery: "throw" } })
export class Lock {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  run!: Types.ObjectId;

  @prop({ required: true })
  key!: string;

  @prop({ required: true })
  at!: Date;
}

export const CommitKeyModel = getModelForClass(CommitKey);
export const LockModel = getModelForClass(Lock);
