/** Result shapes of the bureau's monitoring reports (computed, not stored). */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { SchoolLevel } from "./enums";
import { RetentionGroupBy, SupplyDemandGroupBy } from "./inputs/report.input";
import { EmploymentOutcome } from "./outcome.model";

@ObjectType({ description: "留泉率统计的一行（或合计）" })
export class RetentionRow {
  @Field({ description: "分组键（学校 ID、专业代码、行业大类、区县代码、办学层次…）" })
  key!: string;

  @Field({ description: "分组的通用代码：学校标识码（未登记为空）、专业代码、行业代码 (GB/T 4754)、区县代码 (GB/T 2260)、办学层次；合计为 TOTAL" })
  code!: string;

  @Field({ description: "分组名称" })
  label!: string;

  @Field(() => Int, { description: "毕业生人数（行业、区县分组为该组就业人数）" })
  graduates!: number;

  @Field(() => Int, { description: "已登记去向人数" })
  recorded!: number;

  @Field(() => Int, { description: "就业人数" })
  employed!: number;

  @Field(() => Int, { description: "在泉就业人数（工作地 3505xx）" })
  employedInCity!: number;

  @Field(() => Int, { description: "升学人数" })
  furtherStudy!: number;

  @Field(() => Int, { description: "专业相关就业人数" })
  relatedToMajor!: number;

  @Field(() => Float, { nullable: true, description: "留泉率 = 在泉就业 / 就业；无就业者为空" })
  retentionRate!: number | null;

  @Field(() => Float, { nullable: true, description: "毕业去向落实率 = (就业 + 升学) / 毕业生" })
  placementRate!: number | null;

  @Field(() => Float, { nullable: true, description: "专业对口率 = 专业相关就业 / 就业" })
  majorMatchRate!: number | null;

  @Field(() => Float, { nullable: true, description: "目标留泉率 − 留泉率" })
  gap!: number | null;
}

@ObjectType({ description: "留泉率统计" })
export class RetentionStats {
  @Field(() => Int)
  year!: number;

  @Field(() => RetentionGroupBy)
  groupBy!: RetentionGroupBy;

  @Field(() => [RetentionRow])
  rows!: RetentionRow[];

  @Field(() => RetentionRow, { description: "合计（与分组方式无关：全部毕业生）" })
  total!: RetentionRow;

  @Field(() => Float, { description: "目标留泉率（001 §1(2)：2025 年 50%，2030 年 60%，其间线性）" })
  target!: number;

  @Field(() => Float, { nullable: true, description: "目标 − 合计留泉率" })
  gap!: number | null;
}

@ObjectType({ description: "某毕业年份的合计留泉率" })
export class RetentionYear {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  employed!: number;

  @Field(() => Int)
  employedInCity!: number;

  @Field(() => Float, { nullable: true })
  retentionRate!: number | null;

  @Field(() => Float)
  target!: number;
}

@ObjectType({ description: "学校留泉率排名的一行" })
export class SchoolRanking {
  @Field(() => Int, { nullable: true, description: "名次（并列同名次；不参评为空）" })
  rank!: number | null;

  @Field(() => ID)
  schoolId!: string;

  @Field(() => String, { nullable: true, description: "学校标识码（未登记为空）" })
  schoolCode!: string | null;

  @Field()
  schoolName!: string;

  @Field(() => SchoolLevel)
  level!: SchoolLevel;

  @Field({ description: "办学层次名称" })
  levelLabel!: string;

  @Field({ description: "是否参评奖励（本科含职业本科、高职专科；001 §4(1)）" })
  eligible!: boolean;

  @Field(() => Int)
  employed!: number;

  @Field(() => Int)
  employedInCity!: number;

  @Field(() => Float, { nullable: true })
  retentionRate!: number | null;

  @Field(() => Int, { nullable: true, description: "奖励金额（元）" })
  rewardYuan!: number | null;

  @Field({ description: "说明" })
  note!: string;
}

@ObjectType({ description: "学校留泉率排名与奖励档次" })
export class SchoolRetentionRanking {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: "参评最少就业人数" })
  minEmployed!: number;

  @Field(() => [SchoolRanking])
  rows!: SchoolRanking[];
}

@ObjectType({ description: "专业与某重点产业集群的契合" })
export class ClusterFit {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: "专业对应该集群的毕业生人数" })
  graduates!: number;

  @Field(() => Float, { nullable: true, description: "占毕业生比例" })
  share!: number | null;
}

@ObjectType({ description: "专业产业契合度" })
export class MajorIndustryFit {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: "毕业生人数" })
  graduates!: number;

  @Field(() => Int, { description: "专业对应重点产业集群的毕业生人数" })
  fitted!: number;

  @Field(() => Float, { nullable: true, description: "契合度 = fitted / graduates" })
  fitRate!: number | null;

  @Field(() => Float, { description: "目标（001 §1(2)：2025 年 80%，2030 年 90%，其间线性）" })
  target!: number;

  @Field(() => Float, { nullable: true })
  gap!: number | null;

  @Field(() => [ClusterFit], { description: "各集群（一个专业可对应多个集群，比例之和可超过契合度）" })
  clusters!: ClusterFit[];
}

@ObjectType({ description: "供需对比的一行" })
export class SupplyDemandRow {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Int, { description: "供给：该年毕业生人数" })
  supply!: number;

  @Field(() => Int, { description: "需求：开放岗位的招收人数之和" })
  demand!: number;

  @Field(() => Int, { description: "缺口 = 需求 − 供给（正数为人才短缺）" })
  gap!: number;
}

@ObjectType({ description: "人才供需对比" })
export class SupplyDemand {
  @Field(() => Int)
  year!: number;

  @Field(() => SupplyDemandGroupBy)
  groupBy!: SupplyDemandGroupBy;

  @Field(() => [SupplyDemandRow])
  rows!: SupplyDemandRow[];

  @Field(() => SupplyDemandRow, { description: "合计（每名毕业生、每个岗位只计一次）" })
  total!: SupplyDemandRow;
}

export enum ComplianceStatus {
  BELOW = "BELOW",
  WITHIN = "WITHIN",
  ABOVE = "ABOVE",
}
registerEnumType(ComplianceStatus, { name: "ComplianceStatus", description: "BELOW 低于 2%, WITHIN 2%–3%, ABOVE 高于 3%" });

@ObjectType({ description: "规模以上企业实习生比例" })
export class EnterpriseCompliance {
  @Field(() => ID)
  enterpriseId!: string;

  @Field({ description: "统一社会信用代码" })
  creditCode!: string;

  @Field()
  name!: string;

  @Field()
  district!: string;

  @Field()
  districtName!: string;

  @Field({ description: "行业大类（2 位）" })
  industry!: string;

  @Field()
  industryName!: string;

  @Field(() => Int)
  headcount!: number;

  @Field(() => Int, { description: "下限 = ⌈职工总数 × 2%⌉" })
  floor!: number;

  @Field(() => Int, { description: "上限 = ⌊职工总数 × 3%⌋" })
  ceiling!: number;

  @Field(() => Int, { description: "平台分配并已接受的实习生" })
  placedInterns!: number;

  @Field(() => Int, { description: "平台外登记的实习生" })
  recordedInterns!: number;

  @Field(() => Int, { description: "实习生合计" })
  interns!: number;

  @Field(() => ComplianceStatus)
  status!: ComplianceStatus;

  @Field()
  statusLabel!: string;
}

@ObjectType({ description: "实习比例合计（按区县或行业）" })
export class ComplianceTotal {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Int)
  enterprises!: number;

  @Field(() => Int)
  headcount!: number;

  @Field(() => Int)
  floor!: number;

  @Field(() => Int)
  ceiling!: number;

  @Field(() => Int)
  interns!: number;

  @Field(() => Int)
  below!: number;

  @Field(() => Int)
  within!: number;

  @Field(() => Int)
  above!: number;
}

@ObjectType({ description: "规模以上企业 2%–3% 实习岗位落实情况（001 §3(3)）" })
export class QuotaCompliance {
  @Field(() => Int)
  year!: number;

  @Field(() => [EnterpriseCompliance])
  rows!: EnterpriseCompliance[];

  @Field(() => [ComplianceTotal])
  byDistrict!: ComplianceTotal[];

  @Field(() => [ComplianceTotal])
  byIndustry!: ComplianceTotal[];

  @Field(() => ComplianceTotal)
  total!: ComplianceTotal;
}

@ObjectType({ description: "毕业去向登记结果" })
export class RecordOutcomesResult {
  @Field(() => Int, { description: "写入记录数" })
  recorded!: number;

  @Field(() => Int, { description: "其中替换了原有记录的条数（原记录保留为历史）" })
  replaced!: number;

  @Field()
  batchId!: string;

  @Field(() => [EmploymentOutcome], { description: "写入的记录（至多前 100 条）" })
  outcomes!: EmploymentOutcome[];
}
