import { IsOptional, Length, Max, Min } from "class-validator";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { AgreementParty, InternshipKind, InternshipStatus } from "../internship.model";
import { FilingKind } from "../internship-records.model";

@InputType({ description: "导师" })
export class TutorInput {
  @Field()
  @Length(2, 50)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(5, 20)
  phone?: string | null;
}

@InputType({ description: "由已接受的录用建立实习" })
export class InternshipInput {
  @Field(() => ID, { description: "已接受的录用" })
  placementId!: string;

  @Field(() => InternshipKind, { defaultValue: InternshipKind.POSITION })
  kind!: InternshipKind;

  @Field(() => String, { nullable: true, description: "实习岗位（默认录用岗位名称）" })
  @IsOptional()
  @Length(2, 100)
  post?: string | null;

  @Field({ description: "开始日期 YYYY-MM-DD" })
  startDate!: string;

  @Field({ description: "结束日期 YYYY-MM-DD" })
  endDate!: string;

  @Field(() => TutorInput, { description: "学校指导教师" })
  schoolTutor!: TutorInput;

  @Field(() => TutorInput, { description: "企业导师" })
  enterpriseMentor!: TutorInput;

  @Field(() => Float, { nullable: true, description: "同岗位正式员工月工资（默认岗位登记值）" })
  @IsOptional()
  @Min(1)
  @Max(1e6)
  postWage?: number | null;

  @Field(() => Int, { description: "同岗位在岗职工数" })
  @Min(0)
  @Max(1_000_000)
  postStaff!: number;

  @Field(() => String, { nullable: true, description: "实习场所行业代码（默认企业行业）" })
  @IsOptional()
  workplaceIndustry?: string | null;

  @Field({ defaultValue: false, description: "岗位是否为高强度体力劳动" })
  heavyPhysicalLabour!: boolean;
}

@InputType({ description: "实习责任保险" })
export class InsuranceInput {
  @Field()
  @Length(2, 100)
  insurer!: string;

  @Field()
  @Length(4, 64)
  policyNumber!: string;

  @Field({ description: "保险期间起 YYYY-MM-DD" })
  startDate!: string;

  @Field({ description: "保险期间止 YYYY-MM-DD" })
  endDate!: string;
}

@InputType({ description: "确认三方协议" })
export class AgreementConfirmationInput {
  @Field(() => AgreementParty)
  party!: AgreementParty;

  @Field({ description: "确认人（签字人）姓名" })
  @Length(2, 50)
  name!: string;
}

@InputType({ description: "向学校报备夜班、加班或节假日安排" })
export class WorkFilingInput {
  @Field(() => FilingKind)
  kind!: FilingKind;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field()
  @Length(2, 500)
  reason!: string;
}

@InputType({ description: "排班" })
export class WorkShiftInput {
  @Field()
  date!: string;

  @Field({ description: "HH:MM" })
  start!: string;

  @Field({ description: "HH:MM" })
  end!: string;

  @Field({ defaultValue: false })
  publicHoliday!: boolean;
}

@InputType({ description: "实习报酬发放" })
export class PayRecordInput {
  @Field({ description: "YYYY-MM" })
  month!: string;

  @Field(() => Float)
  @Min(0)
  @Max(1e6)
  amount!: number;
}

@InputType({ description: "请假" })
export class LeaveInput {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field()
  @Length(2, 500)
  reason!: string;
}

@InputType({ description: "实习列表筛选" })
export class InternshipFilter {
  @Field(() => InternshipStatus, { nullable: true })
  status?: InternshipStatus | null;

  @Field(() => ID, { nullable: true })
  studentId?: string | null;
}
