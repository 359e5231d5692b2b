import { ArrayMaxSize, IsInt, IsOptional, Length, Max, Min } from "class-validator";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { PostingKind, PostingStatus, SchoolLevel } from "../enums";

@InputType({ description: "新建岗位" })
export class PostingInput {
  @Field(() => ID, { nullable: true, description: "企业（企业账号可省略，默认本企业）" })
  enterpriseId?: string | null;

  @Field(() => PostingKind)
  kind!: PostingKind;

  @Field()
  @Length(2, 100)
  title!: string;

  @Field({ defaultValue: "" })
  @Length(0, 5000)
  description!: string;

  @Field(() => [String], { description: "接受的专业：6 位专业代码或 4 位专业类前缀" })
  @ArrayMaxSize(50)
  majors!: string[];

  @Field(() => [SchoolLevel], { defaultValue: [], description: "接受的办学层次（空为不限）" })
  levels!: SchoolLevel[];

  @Field(() => String, { nullable: true, description: "工作地区县代码（默认企业所在地）" })
  district?: string | null;

  @Field(() => Int, { description: "招收人数 ≥ 1" })
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity!: number;

  @Field(() => Float, { description: "月薪（元）" })
  @Min(0)
  @Max(1e6)
  monthlyPay!: number;

  @Field(() => Float, { nullable: true, description: "同岗位正式员工月工资（元）" })
  @IsOptional()
  @Min(0)
  @Max(1e6)
  regularWage?: number | null;

  @Field({ description: "开始日期 YYYY-MM-DD" })
  startDate!: string;

  @Field({ description: "结束日期 YYYY-MM-DD" })
  endDate!: string;
}

@InputType({ description: "修改岗位（只改给出的字段）" })
export class UpdatePostingInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(2, 100)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(0, 5000)
  description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  majors?: string[];

  @Field(() => [SchoolLevel], { nullable: true })
  levels?: SchoolLevel[];

  @Field({ nullable: true })
  district?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1e6)
  monthlyPay?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1e6)
  regularWage?: number | null;

  @Field({ nullable: true })
  startDate?: string;

  @Field({ nullable: true })
  endDate?: string;

  @Field(() => PostingStatus, { nullable: true })
  status?: PostingStatus;
}

@InputType({ description: "岗位筛选" })
export class PostingFilter {
  @Field(() => PostingKind, { nullable: true })
  kind?: PostingKind;

  @Field({ nullable: true })
  district?: string;

  @Field({ nullable: true, description: "专业代码：返回接受该专业（或其专业类）的岗位" })
  major?: string;

  @Field(() => PostingStatus, { nullable: true })
  status?: PostingStatus;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string;
}
