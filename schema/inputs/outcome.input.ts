import { Field, ID, InputType, Int } from "type-graphql";
import { OutcomeStatus } from "../outcome.model";

/**
 * One graduate destination row. Checked row by row by the outcome service (student, year,
 * employer, GB/T 2260 district, GB/T 4754 industry, date) so that a call reports every row's errors.
 */
@InputType({ description: "毕业去向（一行）" })
export class EmploymentOutcomeInput {
  @Field(() => ID, { nullable: true, description: "学生 ID（与身份证号二选一）" })
  studentId?: string | null;

  @Field(() => String, { nullable: true, description: "学生身份证号（与学生 ID 二选一）" })
  nationalId?: string | null;

  @Field(() => Int, { description: "毕业年份（须与学生的毕业年份一致）" })
  graduationYear!: number;

  @Field(() => OutcomeStatus, { description: "去向" })
  status!: OutcomeStatus;

  @Field(() => ID, { nullable: true, description: "平台内用人单位 ID（就业时与单位名称+信用代码二选一）" })
  employerId?: string | null;

  @Field(() => String, { nullable: true, description: "用人单位名称（平台外单位）" })
  employerName?: string | null;

  @Field(() => String, { nullable: true, description: "用人单位统一社会信用代码（平台外单位）" })
  employerCreditCode?: string | null;

  @Field(() => String, { nullable: true, description: "工作地区县代码 (GB/T 2260)；平台内单位可省略（取单位所在地）" })
  workDistrict?: string | null;

  @Field(() => String, { nullable: true, description: "行业代码 (GB/T 4754-2017，2–4 位)；平台内单位可省略（取单位行业）" })
  industry?: string | null;

  @Field(() => Boolean, { nullable: true, description: "工作与所学专业相关（就业时必填）" })
  relatedToMajor?: boolean | null;

  @Field({ description: "去向落实日期 YYYY-MM-DD" })
  date!: string;

  @Field({ description: "信息来源（如 学校就业统计、社保缴费比对）" })
  source!: string;
}
