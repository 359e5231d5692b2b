import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";

export enum AllocationRunStatus {
  QUEUED = "QUEUED",
  SOLVING = "SOLVING",
  SOLVED = "SOLVED",
  FAILED = "FAILED",
  /** Committed: its placements are live offers. */
  COMMITTED = "COMMITTED",
  /** Was committed, then replaced by a later run that superseded it. */
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(AllocationRunStatus, { name: "AllocationRunStatus", description: "排队 / 求解中 / 已求解 / 失败 / 已提交 / 已被取代" });

@ObjectType({ description: "分配范围（空为全部）" })
export class AllocationScope {
  @Field(() => [Int])
  @prop({ type: () => [Number], default: [] })
  graduationYears!: number[];

  @Field(() => [Int])
  @prop({ type: () => [Number], default: [] })
  enrolmentYears!: number[];

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  districts!: string[];

  @Field(() => [ID])
  @prop({ type: () => [Types.ObjectId], default: [] })
  schoolIds!: Types.ObjectId[];
}

@ObjectType({ description: "分配政策参数" })
export class AllocationPolicy {
  @Field(() => Float, { description: "规模以上企业实习生下限比例（默认 2%）" })
  @prop({ required: true })
  floorRate!: number;

  @Field(() => Float, { description: "规模以上企业实习生上限比例（默认 3%）" })
  @prop({ required: true })
  ceilingRate!: number;

  @Field(() => Float, { description: "其他企业实习生上限比例（默认 10%）" })
  @prop({ required: true })
  generalCeilingRate!: number;

  @Field(() => Float, { description: "每缺 1 名实习生的惩罚分" })
  @prop({ required: true })
  floorPenalty!: number;
}

/**
 * A city-wide internship allocation: built from the database, solved off the
 * request path, reviewed, then committed (its placements become offers).
 */
@ObjectType({ description: "实习分配方案" })
@modelOptions(collectionOptions("allocation_runs"))
@index({ status: 1 })
export class AllocationRun {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field({ description: "方案名称" })
  @prop({ required: true })
  name!: string;

  @Field(() => AllocationRunStatus)
  @prop({ required: true, enum: AllocationRunStatus, type: String })
  status!: AllocationRunStatus;

  @Field(() => AllocationScope)
  @prop({ required: true, type: () => AllocationScope, _id: false })
  scope!: AllocationScope;

  @Field(() => AllocationPolicy)
  @prop({ required: true, type: () => AllocationPolicy, _id: false })
  policy!: AllocationPolicy;

  @prop({ required: true })
  createdBy!: string;

  @Field(() => Date)
  readonly createdAt!: Date;
}

export const AllocationRunModel = getModelForClass(AllocationRun);
