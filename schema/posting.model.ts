import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";
import { PostingKind, PostingStatus, SchoolLevel } from "./enums";

@ObjectType({ description: "岗位（实习或就业）" })
@modelOptions(collectionOptions("postings"))
@index({ enterprise: 1, _id: 1 })
@index({ kind: 1, status: 1 })
@index({ district: 1 })
@index({ majors: 1 })
export class Posting {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  enterprise!: Types.ObjectId;

  @Field(() => PostingKind, { description: "岗位类型" })
  @prop({ required: true, enum: PostingKind, type: String })
  kind!: PostingKind;

  @Field({ description: "岗位名称" })
  @prop({ required: true, trim: true })
  title!: string;

  @Field({ description: "岗位描述" })
  @prop({ default: "" })
  description!: string;

  @Field(() => [String], { description: "接受的专业（6 位专业代码或 4 位专业类前缀）" })
  @prop({ type: () => [String], default: [] })
  majors!: string[];

  @Field(() => [SchoolLevel], { description: "接受的办学层次（空为不限）" })
  @prop({ type: () => [String], enum: SchoolLevel, default: [] })
  levels!: SchoolLevel[];

  @Field({ description: "工作地区县 (GB/T 2260)" })
  @prop({ required: true })
  district!: string;

  @Field(() => Int, { description: "招收人数" })
  @prop({ required: true })
  capacity!: number;

  @Field(() => Float, { description: "月薪（元）" })
  @prop({ required: true })
  monthlyPay!: number;

  @Field(() => Float, { nullable: true, description: "同岗位正式员工月工资（元），实习报酬不得低于其 80%" })
  @prop({ type: () => Number, default: null })
  regularWage?: number | null;

  @Field({ description: "开始日期 YYYY-MM-DD" })
  @prop({ required: true })
  startDate!: string;

  @Field({ description: "结束日期 YYYY-MM-DD" })
  @prop({ required: true })
  endDate!: string;

  @Field(() => PostingStatus)
  @prop({ required: true, enum: PostingStatus, type: String, default: PostingStatus.OPEN })
  status!: PostingStatus;

  /** Its allocation profile's chunk (server/services/packed-profiles.ts); null for records written before chunks existed. */
  @prop({ type: () => String, default: null })
  profileChunk?: string | null;

  @Field(() => Date)
  readonly createdAt!: Date;
}

export const PostingModel = getModelForClass(Posting);
