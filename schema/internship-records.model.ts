import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";
import { AgreementParty } from "./internship.model";

/*
 * The records of a running internship. Whatever must happen once (a party's confirmation, a
 * tutor's review, a leave decision, a day's check-in, a week's log, a month's pay) carries a
 * `key` under a unique index: the insert decides, since FerretDB's guarded updates are not atomic.
 */

export enum SignoffKind {
  AGREEMENT = "AGREEMENT",
  LOG_REVIEW = "LOG_REVIEW",
  LEAVE_DECISION = "LEAVE_DECISION",
}
registerEnumType(SignoffKind, { name: "SignoffKind", description: "协议确认 AGREEMENT, 周志批阅 LOG_REVIEW, 请假审批 LEAVE_DECISION" });

export enum FilingKind {
  NIGHT_SHIFT = "NIGHT_SHIFT",
  OVERTIME = "OVERTIME",
  HOLIDAY = "HOLIDAY",
}
registerEnumType(FilingKind, { name: "FilingKind", description: "向学校报备的特殊安排：夜班 NIGHT_SHIFT, 加班 OVERTIME, 休息日或法定节假日 HOLIDAY" });

export enum LeaveStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(LeaveStatus, { name: "LeaveStatus", description: "待审批 PENDING, 已批准 APPROVED, 未批准 REJECTED" });

/**
 * One party's sign-off, made once: a party's confirmation of the agreement (key
 * `agreement:<internship>:<party>`), a tutor's review of a weekly log (`review:<log>:<party>`), the
 * school tutor's decision on a leave (`leave:<leave>`).
 */
@ObjectType({ description: "确认记录（协议确认、周志批阅、请假审批）" })
@modelOptions(collectionOptions("internship_signoffs"))
@index({ key: 1 }, { unique: true })
@index({ internship: 1 })
export class InternshipSignoff {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true })
  key!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  internship!: Types.ObjectId;

  @Field(() => SignoffKind)
  @prop({ required: true, enum: SignoffKind, type: String })
  kind!: SignoffKind;

  /** The log or leave signed off (null for the agreement). */
  @prop({ type: () => Types.ObjectId, default: null })
  subject?: Types.ObjectId | null;

  @Field(() => AgreementParty, { description: "确认方" })
  @prop({ required: true, enum: AgreementParty, type: String })
  party!: AgreementParty;

  @Field({ description: "确认人姓名" })
  @prop({ required: true, trim: true })
  name!: string;

  @Field({ description: "意见" })
  @prop({ default: "" })
  comment!: string;

  @Field(() => Boolean, { nullable: true, description: "审批结果（请假）" })
  @prop({ type: () => Boolean, default: null })
  approved?: boolean | null;

  /** The account that signed. */
  @prop({ required: true })
  by!: string;

  @Field(() => Date, { name: "at" })
  readonly createdAt!: Date;
}

/** A day's check-in: one per (student, day), the unique `key` `<student>:<YYYY-MM-DD>`. */
@ObjectType({ description: "每日签到" })
@modelOptions(collectionOptions("internship_checkins"))
@index({ key: 1 }, { unique: true })
@index({ internship: 1 })
@index({ school: 1 })
@index({ enterprise: 1 })
@index({ date: 1 })
export class InternshipCheckIn {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true })
  key!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  internship!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  student!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  enterprise!: Types.ObjectId;

  @Field({ description: "日期 YYYY-MM-DD（北京时间）" })
  @prop({ required: true })
  date!: string;

  @Field(() => Date, { description: "签到时间" })
  @prop({ required: true })
  at!: Date;

  @Field({ description: "签到地区县 (GB/T 2260)" })
  @prop({ required: true })
  district!: string;
}

/** A weekly log (周志): one per (internship, week), the unique `key` `<internship>:<Monday>`. */
@ObjectType({ description: "实习周志" })
@modelOptions(collectionOptions("internship_logs"))
@index({ key: 1 }, { unique: true })
@index({ internship: 1 })
@index({ school: 1 })
@index({ enterprise: 1 })
export class WeeklyLog {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true })
  key!: string;

  @Field(() => ID, { name: "internshipId" })
  @prop({ required: true, type: () => Types.ObjectId })
  internship!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  student!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  enterprise!: Types.ObjectId;

  @Field({ description: "周一日期 YYYY-MM-DD" })
  @prop({ required: true })
  week!: string;

  @Field({ description: "内容" })
  @prop({ required: true })
  content!: string;

  @Field(() => Date, { name: "submittedAt" })
  readonly createdAt!: Date;
}

/** A leave request, decided by the school tutor (the decision is a sign-off, made once). */
@ObjectType({ description: "请假申请" })
@modelOptions(collectionOptions("internship_leaves"))
@index({ internship: 1 })
@index({ school: 1 })
export class LeaveRequest {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field(() => ID, { name: "internshipId" })
  @prop({ required: true, type: () => Types.ObjectId })
  internship!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @Field({ description: "起 YYYY-MM-DD" })
  @prop({ required: true })
  from!: string;

  @Field({ description: "止 YYYY-MM-DD" })
  @prop({ required: true })
  to!: string;

  @Field({ description: "事由" })
  @prop({ required: true })
  reason!: string;

  @Field(() => LeaveStatus)
  @prop({ required: true, enum: LeaveStatus, type: String, default: LeaveStatus.PENDING })
  status!: LeaveStatus;

  @Field(() => Date)
  readonly createdAt!: Date;
}

/** A night-shift, overtime or holiday arrangement filed with the school (报备): what lets such shifts pass. */
@ObjectType({ description: "特殊工作安排报备（夜班、加班、节假日）" })
@modelOptions(collectionOptions("internship_filings"))
@index({ internship: 1 })
export class WorkFiling {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  internship!: Types.ObjectId;

  @Field(() => FilingKind)
  @prop({ required: true, enum: FilingKind, type: String })
  kind!: FilingKind;

  @Field({ description: "起 YYYY-MM-DD" })
  @prop({ required: true })
  from!: string;

  @Field({ description: "止 YYYY-MM-DD" })
  @prop({ required: true })
  to!: string;

  @Field({ description: "事由（专业或岗位的特殊要求）" })
  @prop({ required: true })
  reason!: string;

  @prop({ required: true })
  filedBy!: string;

  @Field(() => Date, { name: "filedAt" })
  readonly createdAt!: Date;
}

/** A shift the enterprise schedules (排班), checked against the filings. */
@ObjectType({ description: "排班记录" })
@modelOptions(collectionOptions("internship_shifts"))
@index({ internship: 1 })
export class WorkShift {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  internship!: Types.ObjectId;

  @Field({ description: "日期 YYYY-MM-DD" })
  @prop({ required: true })
  date!: string;

  @Field({ description: "开始 HH:MM" })
  @prop({ required: true })
  start!: string;

  @Field({ description: "结束 HH:MM（不晚于开始即为次日）" })
  @prop({ required: true })
  end!: string;

  @Field({ description: "法定节假日" })
  @prop({ required: true, default: false })
  publicHoliday!: boolean;

  @Field(() => [FilingKind], { description: "依报备安排的特殊情形" })
  @prop({ type: () => [String], enum: FilingKind, default: [] })
  filed!: FilingKind[];
}

/** A month's pay (one per internship and month: unique `key` `<internship>:<YYYY-MM>`). */
@ObjectType({ description: "实习报酬发放记录" })
@modelOptions(collectionOptions("internship_pay"))
@index({ key: 1 }, { unique: true })
@index({ internship: 1 })
export class PayRecord {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @prop({ required: true })
  key!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  internship!: Types.ObjectId;

  @Field({ description: "月份 YYYY-MM" })
  @prop({ required: true })
  month!: string;

  @Field(() => Float, { description: "金额（元，货币发放）" })
  @prop({ required: true })
  amount!: number;

  @Field(() => Float, { description: "最低应发（同岗位工资的 80%）" })
  @prop({ required: true })
  minimum!: number;

  @Field(() => Date, { name: "recordedAt" })
  readonly createdAt!: Date;
}

export const InternshipSignoffModel = getModelForClass(InternshipSignoff);
export const InternshipCheckInModel = getModelForClass(InternshipCheckIn);
export const WeeklyLogModel = getModelForClass(WeeklyLog);
export const LeaveRequestModel = getModelForClass(LeaveRequest);
export const WorkFilingModel = getModelForClass(WorkFiling);
export const WorkShiftModel = getModelForClass(WorkShift);
export const PayRecordModel = getModelForClass(PayRecord);
