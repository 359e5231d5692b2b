import { IsEmail, IsInt, Length, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { Role, SchoolLevel } from "../enums";

@InputType({ description: "新建账号（市人社局）" })
export class UserInput {
  @Field()
  @IsEmail()
  email!: string;

  @Field()
  @Length(10, 200)
  password!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  schoolId?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;
}

@InputType({ description: "申请岗位（志愿）" })
export class ApplyInput {
  @Field(() => ID)
  studentId!: string;

  @Field(() => ID)
  postingId!: string;

  @Field(() => Int, { description: "志愿顺序 1–10" })
  @IsInt()
  @Min(1)
  @Max(10)
  rank!: number;
}

@InputType({ description: "产业集群（新建或修改）" })
export class ClusterInput {
  @Field()
  @Length(2, 40)
  code!: string;

  @Field()
  @Length(2, 40)
  name!: string;

  @Field(() => [String])
  industries!: string[];

  @Field(() => [String])
  majorPrefixes!: string[];
}

@InputType({ description: "企业筛选" })
export class EnterpriseFilter {
  @Field({ nullable: true })
  district?: string;

  @Field({ nullable: true, description: "行业代码前缀" })
  industry?: string;

  @Field(() => Boolean, { nullable: true })
  aboveScale?: boolean;

  @Field({ nullable: true })
  cluster?: string;
}

@InputType({ description: "学生筛选" })
export class StudentFilter {
  @Field(() => ID, { nullable: true })
  schoolId?: string;

  @Field({ nullable: true })
  major?: string;

  @Field(() => Int, { nullable: true })
  graduationYear?: number;
}

@InputType({ description: "学校筛选" })
export class SchoolFilter {
  @Field(() => SchoolLevel, { nullable: true })
  level?: SchoolLevel;

  @Field({ nullable: true })
  district?: string;
}
