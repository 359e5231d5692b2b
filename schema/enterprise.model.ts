import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";
import { SizeClass } from "./enums";

@ObjectType({ description: "企业" })
@modelOptions(collectionOptions("enterprises"))
@index({ creditCode: 1 }, { unique: true })
@index({ district: 1 })
@index({ industry: 1 })
@index({ industryPrefixes: 1 })
@index({ aboveScale: 1 })
@index({ clusters: 1 })
export class Enterprise {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field({ description: "企业名称" })
  @prop({ required: true, trim: true })
  name!: string;

  @Field({ description: "统一社会信用代码 (GB 32100-2015)" })
  @prop({ required: true })
  creditCode!: string;

  @Field({ description: "早期福建试点代码：以 9135 开头且未通过 MOD 31 校验，已接受但需核实" })
  @prop({ required: true, default: false })
  creditCodePilot!: boolean;

  @Field({ description: "所在区县 (GB/T 2260)" })
  @prop({ required: true })
  district!: string;

  @Field({ description: "是否在泉州市内 (3505xx)" })
  @prop({ required: true })
  inCity!: boolean;

  @Field({ description: "国民经济行业分类代码 (GB/T 4754-2017)" })
  @prop({ required: true })
  industry!: string;

  /** Every prefix of the industry code ("1", "13", "139", "1391"), so a prefix filter is an equality. */
  @prop({ type: () => [String], default: [] })
  industryPrefixes!: string[];

  @Field(() => [String], { description: "产业集群代码" })
  @prop({ type: () => [String], default: [] })
  clusters!: string[];

  @Field(() => Int, { description: "职工总数" })
  @prop({ required: true })
  headcount!: number;

  @Field(() => Float, { description: "年营业收入（元）" })
  @prop({ required: true })
  annualRevenue!: number;

  @Field(() => Int, { description: "平台外已安排的在岗实习生人数（企业或市人社局登记）" })
  @prop({ required: true, default: 0 })
  recordedInterns!: number;

  @Field(() => Boolean, { nullable: true, description: "人工认定的规模以上标志（为空则按规则计算）" })
  @prop({ type: () => Boolean, default: null })
  aboveScaleOverride?: boolean | null;

  @Field({ description: "规模以上企业（工业企业年主营业务收入 ≥ 2000 万元，或人工认定）" })
  @prop({ required: true })
  aboveScale!: boolean;

  @Field(() => SizeClass, { description: "企业规模（工信部联企业〔2011〕300号）" })
  @prop({ required: true, enum: SizeClass, type: String })
  sizeClass!: SizeClass;

  @Field(() => Date)
  readonly createdAt!: Date;

  @Field(() => Date)
  readonly updatedAt!: Date;
}

export const EnterpriseModel = getModelForClass(Enterprise);
