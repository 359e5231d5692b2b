import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";
import { SchoolLevel } from "./enums";

export enum OutcomeStatus {
  EMPLOYED = "EMPLOYED",
  FURTHER_STUDY = "FURTHER_STUDY",
  UNEMPLOYED = "UNEMPLOYED",
  OTHER = "OTHER",
}
registerEnumType(OutcomeStatus, { name: "OutcomeStatus", description: "毕业去向：EMPLOYED 就业, FURTHER_STUDY 升学, UNEMPLOYED 待就业, OTHER 其他" });

/**
 * A graduate destination (毕业去向). One record per student and graduation year is current; a
 * newer record replaces it and the older one stays as history (current false). Without partial
 * indexes (FerretDB), `currentKey` is `student:year` on the current record and
 * `student:year:_id` on history, under one unique index: at most one current per (student, year).
 * The records of a (student, year) are found by _id through the slots the outcome service claims
 * for them in `key_claims` (outcomeKey), never by a filter on these fields (a scan on FerretDB).
 * What the reports group by (school, level, major, category, industry division, district, inCity)
 * is copied onto the record when it is written, so reports need no join.
 */
@ObjectType({ description: "毕业去向记录" })
@modelOptions(collectionOptions("employment_outcomes"))
@index({ currentKey: 1 }, { unique: true })
@index({ student: 1, graduationYear: 1 })
@index({ graduationYear: 1, current: 1 })
@index({ batch: 1 })
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

  /** The recordEmploymentOutcomes call that wrote it, so a failed write can be undone. */
  @prop({ required: true })
  batch!: string;

  @prop({ required: true })
  recordedBy!: string;

  @Field(() => Date, { name: "recordedAt" })
  readonly createdAt!: Date;
}

export const EmploymentOutcomeModel = getModelForClass(EmploymentOutcome);

/** The dimensions counted per school in `retention_counters`. */
export type CounterDimension = "SCHOOL" | "MAJOR" | "INDUSTRY" | "DISTRICT";

/** Figures of one counter cell: r recorded, e employed, c employed in the city, f further study, m related to major. */
export interface CounterCell {
  r: number;
  e: number;
  c: number;
  f: number;
  m: number;
}

/**
 * Pre-aggregated figures of current outcomes: one document per (graduation year, dimension) with
 * `_id` "2025:MAJOR", holding per school id a map from "k" + group key (major code, industry
 * division, district code; "kALL" for SCHOOL) to a CounterCell; and one document "2025:GRADUATES"
 * with per school "k" + major → { g: students of that year }. Written with $inc by the outcome
 * service (so concurrent writers add up), read by _id (the one filter FerretDB pushes down to
 * SQLite). Accessed through the driver collection: the shape is a map, not a schema.
 */
export interface RetentionCounterDoc {
  _id: string;
  year: number;
  dim: CounterDimension | "GRADUATES";
  s: Record<string, Record<string, Partial<CounterCell> & { g?: number }>>;
  takenAt?: Date;
}
