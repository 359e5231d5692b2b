import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";
import { SchoolLevel } from "./enums";
import { OutcomeStatus } from "./outcome-status";

export { OutcomeStatus };

/**
 * A graduate destination (毕业去向). The records of a (student, graduation year) form a chain:
 * each names the record it replaces in `follows` (the first one `student:year`), under a unique
 * index, so a record is replaced at most once and two writers who read the same current record
 * cannot both write its successor (the second insert fails with E11000). The head of the chain is
 * the current record: `current` true and `currentKey` `student:year` (unique: at most one current
 * per student and year, whatever a crash left); a replaced record keeps `currentKey`
 * `student:year:<its id>`. What the reports group by (school, level, major, category, industry
 * division, district, inCity) is copied onto the record when it is written, so reports need no join.
 */
@ObjectType({ description: "毕业去向记录" })
@modelOptions(collectionOptions("employment_outcomes"))
@index({ currentKey: 1 }, { unique: true })
@index({ follows: 1 }, { unique: true })
@index({ student: 1, graduationYear: 1 })
@index({ graduationYear: 1, current: 1 })
export class EmploymentOutcome {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field(() => ID, { name: "studentId" })
  @prop({ required: true, type: () => Types.ObjectId })
  student!: Types.ObjectId;

  @Field(() => ID, { name: "schoolId" })
  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @Field(() => SchoolLevel, { description: "办学层次（记录时）" })
  @prop({ required: true, enum: SchoolLevel, type: String })
  schoolLevel!: SchoolLevel;

  @Field({ description: "专业代码（记录时）" })
  @prop({ required: true })
  major!: string;

  @Field({ description: "专业大类 / 学科门类代码（2 位）" })
  @prop({ required: true })
  majorCategory!: string;

  @Field(() => Int, { description: "毕业年份" })
  @prop({ required: true })
  graduationYear!: number;

  @Field(() => OutcomeStatus, { description: "去向" })
  @prop({ required: true, enum: OutcomeStatus, type: String })
  status!: OutcomeStatus;

  @Field(() => ID, { nullable: true, name: "employerId", description: "平台内的用人单位" })
  @prop({ type: () => Types.ObjectId, default: null })
  employer?: Types.ObjectId | null;

  @Field(() => String, { nullable: true, description: "用人单位名称" })
  @prop({ type: () => String, default: null })
  employerName?: string | null;

  @Field(() => String, { nullable: true, description: "用人单位统一社会信用代码" })
  @prop({ type: () => String, default: null })
  employerCreditCode?: string | null;

  @Field(() => String, { nullable: true, description: "工作地区县 (GB/T 2260)" })
  @prop({ type: () => String, default: null })
  workDistrict?: string | null;

  @Field({ description: "在泉州市内就业（工作地 3505xx）" })
  @prop({ required: true })
  inCity!: boolean;

  @Field(() => String, { nullable: true, description: "行业代码 (GB/T 4754-2017)" })
  @prop({ type: () => String, default: null })
  industry?: string | null;

  @Field(() => String, { nullable: true, description: "行业大类（2 位）" })
  @prop({ type: () => String, default: null })
  industryDivision?: string | null;

  @Field(() => Boolean, { nullable: true, description: "工作与所学专业相关" })
  @prop({ type: () => Boolean, default: null })
  relatedToMajor?: boolean | null;

  @Field({ description: "去向落实日期 YYYY-MM-DD" })
  @prop({ required: true })
  date!: string;

  @Field({ description: "信息来源" })
  @prop({ required: true })
  source!: string;

  @Field({ description: "是否为当前有效记录（被新记录替换后为 false）" })
  @prop({ required: true })
  current!: boolean;

  @prop({ required: true })
  currentKey!: string;

  /** The id of the record this one replaced, or `student:year` for the first (unique). */
  @prop({ required: true })
  follows!: string;

  /** The recordEmploymentOutcomes call that wrote it, so a failed write can be undone. */
  @prop({ required: true })
  batch!: string;

  @prop({ required: true })
  recordedBy!: string;

  @Field(() => Date, { name: "recordedAt" })
  readonly createdAt!: Date;
}

export const EmploymentOutcomeModel = getModelForClass(EmploymentOutcome);

