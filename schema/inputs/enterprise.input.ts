import { IsInt, IsOptional, Length, Max, Min, ArrayMaxSize } from "class-validator";
import { Field, Float, InputType, Int } from "type-graphql";

@InputType({ description: "新建企业" })
export class EnterpriseInput {
  @Field()
  @Length(2, 100)
  name!: string;

  @Field({ description: "统一社会信用代码，18 位" })
  creditCode!: string;

  @Field({ description: "区县代码 (GB/T 2260)" })
  district!: string;

  @Field({ description: "行业代码 (GB/T 4754-2017)" })
  industry!: string;

  @Field(() => [String], { nullable: true, description: "产业集群代码" })
  @IsOptional()
  @ArrayMaxSize(20)
  clusters?: string[];

  @Field(() => Int, { description: "职工总数" })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  headcount!: number;

  @Field(() => Float, { description: "年营业收入（元）" })
  @Min(0)
  @Max(1e13)
  annualRevenue!: number;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "平台外已安排的在岗实习生人数" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  recordedInterns?: number;

  @Field(() => Boolean, { nullable: true, description: "人工认定规模以上（为空按规则计算）" })
  @IsOptional()
  aboveScaleOverride?: boolean | null;
}

@InputType({ description: "修改企业（只改给出的字段）" })
export class UpdateEnterpriseInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(2, 100)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  district?: string;

  @Field({ nullable: true })
  @IsOptional()
  industry?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  clusters?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  headcount?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1e13)
  annualRevenue?: number;

  @Field(() => Int, { nullable: true, description: "平台外已安排的在岗实习生人数" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  recordedInterns?: number;

  @Field(() => Boolean, { nullable: true, description: "仅市人社局可改" })
  @IsOptional()
  aboveScaleOverride?: boolean | null;
}
