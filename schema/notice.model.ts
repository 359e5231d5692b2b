import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";
import { Role, SchoolLevel } from "./enums";

export enum NoticeKind {
  POLICY = "POLICY",
  STAFFING_NEED = "STAFFING_NEED",
  TECH_NEED = "TECH_NEED",
  JOB_SEEKING = "JOB_SEEKING",
  RESEARCH_RESULT = "RESEARCH_RESULT",
}
registerEnumType(NoticeKind, { name: "NoticeKind", description: "产业政策 POLICY, 企业用工需求 STAFFING_NEED, 企业科技需求 TECH_NEED, 人才就业需求 JOB_SEEKING, 科研成果 RESEARCH_RESULT" });

export enum NoticeStatus {
  PUBLISHED = "PUBLISHED",
  WITHDRAWN = "WITHDRAWN",
  EXPIRED = "EXPIRED",
}
registerEnumType(NoticeStatus, { name: "NoticeStatus", description: "已发布 PUBLISHED, 已撤回 WITHDRAWN, 已过期 EXPIRED" });

export enum ResearchMaturity {
  LABORATORY = "LABORATORY",
  PROTOTYPE = "PROTOTYPE",
  PILOT = "PILOT",
  INDUSTRIAL = "INDUSTRIAL",
}
registerEnumType(ResearchMaturity, { name: "ResearchMaturity", description: "成果成熟度：实验室阶段、样机/样品、中试、可产业化" });

export enum LicensingMode {
  TRANSFER = "TRANSFER",
  LICENSE = "LICENSE",
  JOINT_DEVELOPMENT = "JOINT_DEVELOPMENT",
  EQUITY = "EQUITY",
}
registerEnumType(LicensingMode, { name: "LicensingMode", description: "转化方式：转让、许可、合作开发、作价入股" });

@ObjectType({ description: "附件（链接）" })
export class NoticeAttachment {
  @Field({ description: "附件名称" })
  @prop({ required: true })
  title!: string;

  @Field({ description: "链接（http 或 https）" })
  @prop({ required: true })
  url!: string;
}

/**
 * A notice of the information service platform (001 §5(3)): an industrial policy, an enterprise's
 * staffing or technology need, a graduate's job intentions or a school's research result. Text is
 * stored as written and served as text (never HTML). Search terms, industry and major keys are
 * stored beside it for the store's indexes; they get no GraphQL field.
 */
@ObjectType({ description: "信息发布（政策、用工需求、科技需求、就业需求、科研成果）" })
@modelOptions(collectionOptions("notices"))
@index({ kind: 1, status: 1 })
@index({ district: 1 })
@index({ industryKeys: 1 })
@index({ majors: 1 })
@index({ majorKeys: 1 })
@index({ terms: 1 })
@index({ enterprise: 1 })
@index({ school: 1 })
@index({ student: 1 })
@index({ publisherRole: 1 })
export class Notice {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field(() => NoticeKind, { description: "类别" })
  @prop({ required: true, enum: NoticeKind, type: String })
  kind!: NoticeKind;

  @Field(() => NoticeStatus, { description: "状态" })
  @prop({ required: true, enum: NoticeStatus, type: String })
  status!: NoticeStatus;

  @Field({ description: "标题" })
  @prop({ required: true })
  title!: string;

  @Field({ description: "正文（纯文本，至多 20000 字）" })
  @prop({ required: true })
  body!: string;

  @Field({ description: "来源" })
  @prop({ default: "" })
  source!: string;

  @Field({ description: "地区 (GB/T 2260)" })
  @prop({ required: true })
  district!: string;

  @Field(() => [String], { description: "行业 (GB/T 4754-2017 代码)" })
  @prop({ type: () => [String], default: [] })
  industries!: string[];

  @Field(() => [String], { description: "专业（6 位专业代码或 4 位专业类）" })
  @prop({ type: () => [String], default: [] })
  majors!: string[];

  @Field({ description: "有效期起 YYYY-MM-DD" })
  @prop({ required: true })
  validFrom!: string;

  @Field({ description: "有效期止 YYYY-MM-DD" })
  @prop({ required: true })
  validUntil!: string;

  @Field(() => [NoticeAttachment], { description: "附件链接" })
  @prop({ type: () => [NoticeAttachment], default: [], _id: false })
  attachments!: NoticeAttachment[];

  @Field(() => Role, { description: "发布方角色" })
  @prop({ required: true, enum: Role, type: String })
  publisherRole!: Role;

  @Field({ description: "发布方名称" })
  @prop({ required: true })
  publisherName!: string;

  /** The account that published it (audit has every change). */
  @prop({ required: true })
  publishedBy!: string;

  @Field(() => ID, { nullable: true, description: "发布企业" })
  @prop({ type: () => Types.ObjectId, default: null })
  enterprise?: Types.ObjectId | null;

  @Field(() => ID, { nullable: true, description: "发布学校（就业需求为学生所在学校）" })
  @prop({ type: () => Types.ObjectId, default: null })
  school?: Types.ObjectId | null;

  /** JOB_SEEKING: the student it speaks for (no GraphQL field: personal data). */
  @prop({ type: () => Types.ObjectId, default: null })
  student?: Types.ObjectId | null;

  // STAFFING_NEED
  @Field(() => [ID], { description: "用工需求：关联的本企业岗位" })
  @prop({ type: () => [Types.ObjectId], default: [] })
  postings!: Types.ObjectId[];

  @Field(() => Int, { nullable: true, description: "用工需求：需求人数" })
  @prop({ type: () => Number, default: null })
  openings?: number | null;

  // TECH_NEED
  @Field(() => Float, { nullable: true, description: "科技需求：预算下限（万元）" })
  @prop({ type: () => Number, default: null })
  budgetMin?: number | null;

  @Field(() => Float, { nullable: true, description: "科技需求：预算上限（万元）" })
  @prop({ type: () => Number, default: null })
  budgetMax?: number | null;

  @Field(() => String, { nullable: true, description: "科技需求：截止日期 YYYY-MM-DD" })
  @prop({ type: () => String, default: null })
  deadline?: string | null;

  // JOB_SEEKING
  @Field(() => String, { nullable: true, description: "就业需求：求职者（姓名已脱敏）" })
  @prop({ type: () => String, default: null })
  seekerName?: string | null;

  @Field(() => SchoolLevel, { nullable: true, description: "就业需求：求职者办学层次" })
  @prop({ type: () => String, enum: SchoolLevel, default: null })
  seekerLevel?: SchoolLevel | null;

  @Field(() => Int, { nullable: true, description: "就业需求：毕业年份" })
  @prop({ type: () => Number, default: null })
  graduationYear?: number | null;

  @Field(() => [String], { description: "就业需求：意向工作区县" })
  @prop({ type: () => [String], default: [] })
  desiredDistricts!: string[];

  @Field(() => Float, { nullable: true, description: "就业需求：期望月薪下限（元）" })
  @prop({ type: () => Number, default: null })
  salaryMin?: number | null;

  @Field(() => Float, { nullable: true, description: "就业需求：期望月薪上限（元）" })
  @prop({ type: () => Number, default: null })
  salaryMax?: number | null;

  // RESEARCH_RESULT
  @Field(() => ResearchMaturity, { nullable: true, description: "科研成果：成熟度" })
  @prop({ type: () => String, enum: ResearchMaturity, default: null })
  maturity?: ResearchMaturity | null;

  @Field(() => [LicensingMode], { description: "科研成果：转化方式" })
  @prop({ type: () => [String], enum: LicensingMode, default: [] })
  licensingModes!: LicensingMode[];

  @Field(() => String, { nullable: true, description: "科研成果：许可条件" })
  @prop({ type: () => String, default: null })
  licensingTerms?: string | null;

  /** Search terms of title, body and source (server/services/notice-text.ts): one GIN index. */
  @prop({ type: () => [String], default: [] })
  terms!: string[];

  /** Terms of the title alone (ranked above the body's). */
  @prop({ type: () => [String], default: [] })
  titleTerms!: string[];

  /** Every industry code with its section letter and shorter prefixes ("1311" -> C, 13, 131, 1311). */
  @prop({ type: () => [String], default: [] })
  industryKeys!: string[];

  /** The majors and their 4-digit classes. */
  @prop({ type: () => [String], default: [] })
  majorKeys!: string[];

  @Field(() => Date)
  readonly createdAt!: Date;

  @Field(() => Date)
  readonly updatedAt!: Date;
}

export const NoticeModel = getModelForClass(Notice);
