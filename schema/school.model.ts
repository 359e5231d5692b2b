import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";
import { SchoolLevel } from "./enums";

@ObjectType({ description: "学校" })
@modelOptions(collectionOptions("schools"))
@index({ name: 1 }, { unique: true })
export class School {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field({ description: "学校名称" })
  @prop({ required: true, trim: true })
  name!: string;

  @Field(() => SchoolLevel, { description: "办学层次" })
  @prop({ required: true, enum: SchoolLevel, type: String })
  level!: SchoolLevel;

  @Field({ description: "所在区县 (GB/T 2260)" })
  @prop({ required: true })
  district!: string;

  @Field(() => [String], { description: "开设专业代码" })
  @prop({ type: () => [String], default: [] })
  majors!: string[];

  @Field(() => Date)
  readonly createdAt!: Date;
}

export const SchoolModel = getModelForClass(School);
