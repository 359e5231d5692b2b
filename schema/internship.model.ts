import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";

export enum InternshipKind {
  POSITION = "POSITION",
  OBSERVATION = "OBSERVATION",
}
registerEnumType(InternshipKind, { name: "InternshipKind", description: "岗位实习 POSITION, 认识实习/跟岗实习 OBSERVATION" });

export enum InternshipStatus {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
}
registerEnumType(InternshipStatus, { name: "InternshipStatus", description: "待开始（协议、保险办理中）PENDING, 实习中 ACTIVE" });

export enum AgreementParty {
  SCHOOL = "SCHOOL",
  ENTERPRISE = "ENTERPRISE",
  STUDENT = "STUDENT",
  GUARDIAN = "GUARDIAN",
}
registerEnumType(AgreementParty, { name: "AgreementParty", description: "三方协议的一方：学校、企业、学生；未满 18 周岁另需监护人" });

@ObjectType({ description: "导师（学校指导教师或企业导师）" })
export class Tutor {
  @Field({ description: "姓名" })
  @prop({ required: true, trim: true })
  name!: string;

  @Field(() => String, { nullable: true, description: "联系电话" })
  @prop({ type: () => String, default: null })
  phone?: string | null;
}

@ObjectType({ description: "实习责任保险" })
export class InternshipInsurance {
  @Field({ description: "保险公司" })
  @prop({ required: true, trim: true })
  insurer!: string;

  @Field({ description: "保单号" })
  @prop({ required: true, trim: true })
  policyNumber!: string;

  @Field({ description: "保险期间起 YYYY-MM-DD" })
  @prop({ required: true })
  startDate!: string;

  @Field({ description: "保险期间止 YYYY-MM-DD" })
  @prop({ required: true })
  endDate!: string;
}

/**
 * An internship: an accepted offer carried into the workplace with its period, post and two
 * tutors (双导师). One per placement (unique index: a second creation is a CONFLICT, not a second
 * internship). It starts (ACTIVE) only with the tripartite agreement confirmed by every party and
 * liability insurance covering its period (schema/rules/internship.ts).
 */
@ObjectType({ description: "实习（由已接受的录用生成）" })
@modelOptions(collectionOptions("internships"))
@index({ placement: 1 }, { unique: true })
@index({ student: 1 })
@index({ school: 1 })
@index({ enterprise: 1 })
@index({ posting: 1 })
@index({ status: 1 })
export class Internship {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field(() => ID, { name: "placementId" })
  @prop({ required: true, type: () => Types.ObjectId })
  placement!: Types.ObjectId;

  @Field(() => ID, { name: "studentId" })
  @prop({ required: true, type: () => Types.ObjectId })
  student!: Types.ObjectId;

  @Field(() => ID, { name: "schoolId" })
  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @Field(() => ID, { name: "enterpriseId" })
  @prop({ required: true, type: () => Types.ObjectId })
  enterprise!: Types.ObjectId;

  @Field(() => ID, { name: "postingId" })
  @prop({ required: true, type: () => Types.ObjectId })
  posting!: Types.ObjectId;

  @Field(() => InternshipKind, { description: "实习类型" })
  @prop({ required: true, enum: InternshipKind, type: String })
  kind!: InternshipKind;

  @Field({ description: "实习岗位" })
  @prop({ required: true, trim: true })
  post!: string;

  @Field({ description: "实习地区县 (GB/T 2260)" })
  @prop({ required: true })
  district!: string;

  @Field({ description: "开始日期 YYYY-MM-DD" })
  @prop({ required: true })
  startDate!: string;

  @Field({ description: "结束日期 YYYY-MM-DD" })
  @prop({ required: true })
  endDate!: string;

  @Field(() => Tutor, { description: "学校指导教师" })
  @prop({ required: true, type: () => Tutor, _id: false })
  schoolTutor!: Tutor;

  @Field(() => Tutor, { description: "企业导师" })
  @prop({ required: true, type: () => Tutor, _id: false })
  enterpriseMentor!: Tutor;

  @Field(() => Float, { description: "同岗位正式员工月工资（元）：每月实习报酬不得低于其 80%" })
  @prop({ required: true })
  postWage!: number;

  @Field(() => Int, { description: "同岗位在岗职工数：实习生一般不超过其 20%" })
  @prop({ required: true })
  postStaff!: number;

  @Field({ description: "实习场所行业代码（默认企业行业）" })
  @prop({ required: true })
  workplaceIndustry!: string;

  @Field(() => InternshipInsurance, { nullable: true, description: "实习责任保险" })
  @prop({ type: () => InternshipInsurance, _id: false, default: null })
  insurance?: InternshipInsurance | null;

  @Field(() => InternshipStatus)
  @prop({ required: true, enum: InternshipStatus, type: String, default: InternshipStatus.PENDING })
  status!: InternshipStatus;

  @Field(() => Date, { nullable: true, description: "开始实习的时间" })
  @prop({ type: () => Date, default: null })
  startedAt?: Date | null;

  @Field(() => Date)
  readonly createdAt!: Date;
}

export const InternshipModel = getModelForClass(Internship);

export enum InternshipAlertKind {
  NO_CHECK_IN = "NO_CHECK_IN",
  LOG_OVERDUE = "LOG_OVERDUE",
  ENDING_WITHOUT_EVALUATION = "ENDING_WITHOUT_EVALUATION",
  INSURANCE_ENDS_EARLY = "INSURANCE_ENDS_EARLY",
}
registerEnumType(InternshipAlertKind, {
  name: "InternshipAlertKind",
  description: "连续 3 个工作日未签到 NO_CHECK_IN, 周志逾期 LOG_OVERDUE, 14 天内结束仍无评价 ENDING_WITHOUT_EVALUATION, 保险早于实习结束 INSURANCE_ENDS_EARLY",
});

/** An alert computed on read from an internship's records for a given day (never stored). */
@ObjectType({ description: "实习预警（按指定日期由记录计算）" })
export class InternshipAlert {
  @Field(() => ID)
  internshipId!: string;

  @Field(() => InternshipAlertKind)
  kind!: InternshipAlertKind;

  @Field({ description: "起始日（首个未签到工作日、逾期周、结束日或保险止期）" })
  since!: string;

  @Field(() => Int, { description: "未签到工作日数、逾期周志数或剩余天数" })
  count!: number;
}
