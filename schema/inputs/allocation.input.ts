import { Field, Float, ID, InputType, Int, registerEnumType } from "type-graphql";
import { SolverChoice } from "../allocation-run.model";
import { PlacementStatus } from "../placement.model";

@InputType({ description: "分配范围（各项为空表示不限）" })
export class AllocationScopeInput {
  @Field(() => [Int], { defaultValue: [], description: "毕业年份（默认：尚未毕业的学生）" })
  graduationYears!: number[];

  @Field(() => [Int], { defaultValue: [], description: "入学年份" })
  enrolmentYears!: number[];

  @Field(() => [String], { defaultValue: [], description: "岗位所在区县" })
  districts!: string[];

  @Field(() => [ID], { defaultValue: [], description: "学校" })
  schoolIds!: string[];
}

@InputType({ description: "分配政策参数" })
export class AllocationPolicyInput {
  @Field(() => Float, { defaultValue: 0.02 })
  floorRate!: number;

  @Field(() => Float, { defaultValue: 0.03 })
  ceilingRate!: number;

  @Field(() => Float, { defaultValue: 0.1 })
  generalCeilingRate!: number;

  @Field(() => Float, { defaultValue: 1000, description: "每缺 1 名实习生的惩罚分" })
  floorPenalty!: number;

  @Field(() => Int, { defaultValue: 30, description: "每名学生保留的候选岗位数（按匹配分取前 N 个；0 为不限）" })
  maxCandidatesPerStudent!: number;
}

@InputType({ description: "匹配分权重（整数）" })
export class AllocationWeightsInput {
  @Field(() => Int, { nullable: true }) sameMajor?: number;
  @Field(() => Int, { nullable: true }) sameClass?: number;
  @Field(() => Int, { nullable: true }) sameCategory?: number;
  @Field(() => Int, { nullable: true }) preferenceTop?: number;
  @Field(() => Int, { nullable: true }) preferenceStep?: number;
  @Field(() => Int, { nullable: true }) homeDistrict?: number;
  @Field(() => Int, { nullable: true }) inQuanzhou?: number;
}

@InputType({ description: "发起分配" })
export class StartAllocationRunInput {
  @Field({ description: "方案名称" })
  name!: string;

  @Field(() => AllocationScopeInput, { nullable: true })
  scope?: AllocationScopeInput | null;

  @Field(() => AllocationPolicyInput, { nullable: true })
  policy?: AllocationPolicyInput | null;

  @Field(() => AllocationWeightsInput, { nullable: true })
  weights?: AllocationWeightsInput | null;

  @Field(() => SolverChoice, { defaultValue: SolverChoice.auto })
  solver!: SolverChoice;
}

export enum PlacementResponse {
  ACCEPT = "ACCEPT",
  DECLINE = "DECLINE",
}
registerEnumType(PlacementResponse, { name: "PlacementResponse", description: "接受 ACCEPT 或拒绝 DECLINE" });

@InputType({ description: "录用筛选" })
export class PlacementFilter {
  @Field(() => ID, { nullable: true })
  runId?: string;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string;

  @Field(() => ID, { nullable: true })
  schoolId?: string;

  @Field(() => PlacementStatus, { nullable: true })
  status?: PlacementStatus;
}
