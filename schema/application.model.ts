import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";
import { ApplicationStatus } from "./enums";

/** A student's ranked preference for a posting (rank 1 = first choice, at most 10). */
@ObjectType({ description: "岗位志愿" })
@modelOptions(collectionOptions("applications"))
@index({ student: 1, posting: 1 }, { unique: true })
@index({ posting: 1 })
@index({ enterprise: 1, _id: 1 })
@index({ school: 1, _id: 1 })
@index({ status: 1 })
export class Application {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  student!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  posting!: Types.ObjectId;

  /** Denormalised owners, so access filters need no join. */
  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  enterprise!: Types.ObjectId;

  @Field(() => Int, { description: "志愿顺序 1–10" })
  @prop({ required: true })
  rank!: number;

  @Field(() => ApplicationStatus)
  @prop({ required: true, enum: ApplicationStatus, type: String, default: ApplicationStatus.ACTIVE })
  status!: ApplicationStatus;

  /** Its profile's chunk (server/services/packed-profiles.ts): its school's applications. */
  @prop({ type: () => String, default: null })
  profileChunk?: string | null;

  @Field(() => Date)
  readonly createdAt!: Date;
}

export const ApplicationModel = getModelForClass(Application);
