import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";

export enum PlacementStatus {
  OFFERED = "OFFERED",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
}
registerEnumType(PlacementStatus, { name: "PlacementStatus", description: "实习录用：OFFERED 待确认, ACCEPTED 已接受, DECLINED 已拒绝" });

/** Days a student has to answer an offer, from its run's commit (Placement.respondBy). */
export const OFFER_RESPONSE_DAYS = 7;

/**
 * An internship offer written when an allocation run is committed. It counts
 * only while its run is COMMITTED: readers join on committed runs, so the
 * children of an interrupted commit are never seen.
 */
@ObjectType({ description: "实习录用（由已提交的分配方案生成）" })
@modelOptions(collectionOptions("placements"))
@index({ run: 1, student: 1, posting: 1 }, { unique: true })
@index({ run: 1, enterprise: 1 })
@index({ run: 1, school: 1 })
@index({ student: 1 })
@index({ enterprise: 1, status: 1 })
export class Placement {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field(() => ID, { name: "runId" })
  @prop({ required: true, type: () => Types.ObjectId })
  run!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  student!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  posting!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  enterprise!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @Field(() => Int, { description: "匹配分" })
  @prop({ required: true })
  score!: number;

  @Field(() => PlacementStatus)
  @prop({ required: true, enum: PlacementStatus, type: String, default: PlacementStatus.OFFERED })
  status!: PlacementStatus;

  @Field(() => String, { nullable: true, description: "拒绝原因" })
  @prop({ type: () => String, default: null })
  reason?: string | null;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date, default: null })
  respondedAt?: Date | null;

  /** Its allocation profile's chunk (server/services/packed-profiles.ts): `<run>-<n>`, 5,000 to a chunk. */
  @prop({ type: () => String, default: null })
  profileChunk?: string | null;

  @Field(() => Date)
  readonly createdAt!: Date;
}

export const PlacementModel = getModelForClass(Placement);

/**
 * The answer to an offer, keyed by the placement's id: inserting it is what decides which of two
 * concurrent answers wins (a primary-key insert is atomic; FerretDB's guarded findOneAndUpdate is
 * not: two `{ _id, status: OFFERED }` updates at once both succeed). The placement is then updated
 * to match; a reader finishing an interrupted answer applies this record again.
 */
@modelOptions({ schemaOptions: { collection: "placement_answers", versionKey: false, strictQuery: "throw" } })
export class PlacementAnswer {
  @prop({ required: true, type: () => Types.ObjectId })
  _id!: Types.ObjectId;

  @prop({ required: true, enum: PlacementStatus, type: String })
  status!: PlacementStatus;

  @prop({ type: () => String, default: null })
  reason!: string | null;

  @prop({ required: true })
  at!: Date;
}

export const PlacementAnswerModel = getModelForClass(PlacementAnswer);
