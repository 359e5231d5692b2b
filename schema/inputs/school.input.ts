import { ArrayMaxSize, IsOptional, Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import { SchoolLevel } from "../enums";

@InputType({ description: "新建学校" })
export class SchoolInput {
  @Field()
  @Length(2, 100)
  name!: string;

  @Field(() => SchoolLevel)
  level!: SchoolLevel;

  @Field({ description: "区县代码 (GB/T 2260)" })
  district!: string;

  @Field(() => [String], { description: "开设专业代码（与办学层次一致）" })
  @ArrayMaxSize(300)
  majors!: string[];
}

@InputType({ description: "修改学校（只改给出的字段）" })
export class UpdateSchoolInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(2, 100)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  district?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(300)
  majors?: string[];
}
