import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";
import { Gender } from "./enums";

/**
 * A student or graduate. The national ID and phone are stored encrypted, with a
 * keyed hash for uniqueness and a masked form; the GraphQL fields `nationalId`
 * and `phone` are resolved per viewer (full only for the student's own school).
 */
@ObjectType({ description: "学生（含毕业生）" })
@modelOptions(collectionOptions("students"))
@index({ nationalIdHash: 1 }, { unique: true })
@index({ school: 1, _id: 1 })
@index({ graduationYear: 1 })
@index({ major: 1 })
export class Student {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @Field({ description: "姓名" })
  @prop({ required: true, trim: true })
  name!: string;

  @prop({ required: true })
  nationalIdEncrypted!: string;

  @prop({ required: true })
  nationalIdHash!: string;

  @prop({ required: true })
  nationalIdMasked!: string;

  @prop({ type: () => String, default: null })
  phoneEncrypted?: string | null;

  @prop({ type: () => String, default: null })
  phoneHash?: string | null;

  @prop({ type: () => String, default: null })
  phoneMasked?: string | null;

  @Field(() => Gender, { description: "性别（由身份证号推出）" })
  @prop({ required: true, enum: Gender, type: String })
  gender!: Gender;

  @Field({ description: "出生日期 YYYY-MM-DD（由身份证号推出）" })
  @prop({ required: true })
  birthDate!: string;

  @Field({ description: "专业代码" })
  @prop({ required: true })
  major!: string;

  @Field(() => Int, { description: "入学年份" })
  @prop({ required: true })
  enrolmentYear!: number;

  @Field(() => Int, { description: "毕业年份" })
  @prop({ required: true })
  graduationYear!: number;

  @Field({ description: "生源地区县 (GB/T 2260)" })
  @prop({ required: true })
  homeDistrict!: string;

  /** Absent when empty (GraphQL: StudentResolver.skills). */
  @prop({ type: () => [String], default: undefined })
  skills?: string[];

  /** Absent when empty (GraphQL: StudentResolver.certificates). */
  @prop({ type: () => [String], default: undefined })
  certificates?: string[];

  /** Its allocation profile's chunk (server/services/packed-profiles.ts); null for records written before chunks existed. */
  @prop({ type: () => String, default: null })
  profileChunk?: string | null;

  /** The import (or create) call that wrote the row, for tracing a bulk load back to its request. */
  @prop({ type: () => String, default: null })
  importBatch?: string | null;

  @Field(() => Date)
  readonly createdAt!: Date;
}

export const StudentModel = getModelForClass(Student);
