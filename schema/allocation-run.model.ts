import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";

export enum AllocationRunStatus {
  QUEUED = "QUEUED",
  SOLVING = "SOLVING",
  SOLVED = "SOLVED",
  FAILED = "FAILED",
  /** Being committed (an interrupted commit is finished by retrying its idempotency key). */
  COMMITTING = "COMMITTING",
  /** Committed: its placements are live offers. */
  COMMITTED = "COMMITTED",
  /** Was committed, then replaced by a later run that superseded it. */
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(AllocationRunStatus, { name: "AllocationRunStatus", description: "排队 / 求解中 / 已求解 / 失败 / 提交中 / 已提交 / 已被取代" });

export enum SolverChoice {
  auto = "auto",
  flow = "flow",
  lp = "lp",
}
registerEnumType(SolverChoice, { name: "SolverChoice", description: "auto (= flow), flow (min-cost flow), lp (javascript-lp-solver reference)" });

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

  @Field(() => Int, { description: "每名学生保留的候选岗位数（按匹配分取前 N 个；0 为不限）" })
  @prop({ required: true, default: 30 })
  maxCandidatesPerStudent!: number;
}

@ObjectType({ description: "匹配分权重" })
export class AllocationWeights {
  @Field(() => Int, { description: "专业完全一致" }) @prop({ required: true }) sameMajor!: number;
  @Field(() => Int, { description: "同专业类" }) @prop({ required: true }) sameClass!: number;
  @Field(() => Int, { description: "同专业大类" }) @prop({ required: true }) sameCategory!: number;
  @Field(() => Int, { description: "第一志愿加分" }) @prop({ required: true }) preferenceTop!: number;
  @Field(() => Int, { description: "每降一个志愿减分" }) @prop({ required: true }) preferenceStep!: number;
  @Field(() => Int, { description: "岗位在生源地区县" }) @prop({ required: true }) homeDistrict!: number;
  @Field(() => Int, { description: "岗位在泉州市内" }) @prop({ required: true }) inQuanzhou!: number;
}

@ObjectType({ description: "实例规模" })
export class AllocationSizes {
  @Field(() => Int) @prop({ required: true }) students!: number;
  @Field(() => Int) @prop({ required: true }) postings!: number;
  @Field(() => Int) @prop({ required: true }) enterprises!: number;
  @Field(() => Int) @prop({ required: true }) edges!: number;
}

@ObjectType({ description: "耗时（毫秒）" })
export class AllocationTimings {
  @Field(() => Int, { nullable: true, description: "读库（学生、岗位、企业、志愿、已有录用）" }) @prop({ type: () => Number }) loadMillis?: number;
  @Field(() => Int, { nullable: true, description: "在求解线程中计算匹配分并求解" }) @prop({ type: () => Number }) solveMillis?: number;
  @Field(() => Int, { nullable: true, description: "写入结果" }) @prop({ type: () => Number }) writeMillis?: number;
  @Field(() => Date, { nullable: true }) @prop({ type: () => Date }) startedAt?: Date;
  @Field(() => Date, { nullable: true }) @prop({ type: () => Date }) finishedAt?: Date;
}

/** A row of a run's `enterprises` (stored packed in RunDetails). */
@ObjectType({ description: "方案中的企业" })
export class RunEnterprise {
  @Field(() => ID, { name: "enterpriseId" }) enterprise!: string;
  @Field(() => Int, { description: "本次下限（已扣除在岗实习生）" }) minInterns!: number;
  @Field(() => Int, { description: "本次上限（已扣除在岗实习生）" }) maxInterns!: number;
  @Field(() => Int, { description: "本次安排" }) placed!: number;
  @Field(() => Int, { description: "缺额" }) shortfall!: number;
  @Field(() => Float, { nullable: true, description: "上限增加 1 人的目标值增量" }) ceilingValue!: number | null;
}

@ObjectType({ description: "岗位增加 1 个名额的价值" })
export class SlotValue {
  @Field(() => ID, { name: "postingId" }) posting!: string;
  @Field(() => Float) value!: number;
  @Field({ description: "是否为精确值（否则为对偶价格上界）" }) exact!: boolean;
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

  @Field(() => AllocationWeights)
  @prop({ required: true, type: () => AllocationWeights, _id: false })
  weights!: AllocationWeights;

  @Field(() => SolverChoice)
  @prop({ required: true, enum: SolverChoice, type: String })
  solver!: SolverChoice;

  /** The user who started it (an id, not personal data). */
  @prop({ required: true })
  createdBy!: string;

  @Field(() => [ID], { description: "构建本方案时已生效的方案（本方案在其基础上追加）" })
  @prop({ type: () => [Types.ObjectId], default: [] })
  basedOn!: Types.ObjectId[];

  @Field(() => [ID], { description: "本方案提交时取代的方案" })
  @prop({ type: () => [Types.ObjectId], default: [] })
  supersedes!: Types.ObjectId[];

  @Field(() => String, { nullable: true, description: "实例哈希 (SHA-256)" })
  @prop({ type: () => String, default: null })
  instanceHash?: string | null;

  @Field(() => AllocationSizes, { nullable: true })
  @prop({ type: () => AllocationSizes, _id: false, default: null })
  sizes?: AllocationSizes | null;

  @Field(() => AllocationTimings)
  @prop({ type: () => AllocationTimings, _id: false, default: () => ({}) })
  timings!: AllocationTimings;

  @Field(() => Float, { nullable: true, description: "目标值 = 总匹配分 − 惩罚 × 总缺额" })
  @prop({ type: () => Number, default: null })
  objective?: number | null;

  @Field(() => Float, { nullable: true })
  @prop({ type: () => Number, default: null })
  totalScore?: number | null;

  @Field(() => Int, { nullable: true, description: "各企业低于下限的缺额合计" })
  @prop({ type: () => Number, default: null })
  totalShortfall?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number, default: null })
  placedCount?: number | null;

  @Field(() => Int, { nullable: true })
  @prop({ type: () => Number, default: null })
  unplacedCount?: number | null;

  @Field(() => String, { nullable: true, description: "失败原因" })
  @prop({ type: () => String, default: null })
  failureReason?: string | null;

  /** Idempotency key of the commit that claimed this run. */
  @prop({ type: () => String, default: null })
  commitKey?: string | null;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date, default: null })
  committedAt?: Date | null;

  @prop({ type: () => String, default: null })
  committedBy?: string | null;

  @Field(() => Date)
  readonly createdAt!: Date;
}

/**
 * The per-enterprise and per-posting figures of a solved run (GraphQL
 * `AllocationRun.enterprises` and `postingSlotValues`), packed as text lines,
 * apart from the run document: at city scale they are ~1.5 MB, which FerretDB
 * would decode on every read of the run (each status poll, each commit step).
 * - enterprises: `enterpriseId,minInterns,maxInterns,placed,shortfall,ceilingValue` (empty = null)
 * - slots: `postingId,value,exact` (exact 1 or 0)
 */
@modelOptions({ schemaOptions: { collection: "run_details", versionKey: false, strictQuery: "throw" } })
export class RunDetails {
  /** The run's id. */
  @prop({ required: true, type: () => Types.ObjectId })
  _id!: Types.ObjectId;

  @prop({ type: String, default: "" })
  enterprises!: string;

  @prop({ type: String, default: "" })
  slots!: string;
}

export const AllocationRunModel = getModelForClass(AllocationRun);
export const RunDetailsModel = getModelForClass(RunDetails);
