import { Field, InputType, Int } from "type-graphql";

/**
 * A student row, for createStudent and importStudents. Its rules (ID check
 * digit, major of the school's level, districts, years...) are checked row by
 * row by the student service so that an import reports every row's errors.
 */
@InputType({ description: "学生信息（新建或批量导入的一行）" })
export class StudentInput {
  @Field({ description: "姓名" })
  name!: string;

  @Field({ description: "居民身份证号码 (GB 11643-1999)" })
  nationalId!: string;

  @Field(() => String, { nullable: true, description: "手机号" })
  phone?: string | null;

  @Field({ description: "专业代码（6 位）" })
  major!: string;

  @Field(() => Int, { description: "入学年份" })
  enrolmentYear!: number;

  @Field(() => Int, { description: "毕业年份" })
  graduationYear!: number;

  @Field({ description: "生源地区县代码 (GB/T 2260)" })
  homeDistrict!: string;

  @Field(() => [String], { nullable: true })
  skills?: string[] | null;

  @Field(() => [String], { nullable: true })
  certificates?: string[] | null;
}

@InputType({ description: "修改学生（只改给出的字段；身份证号不可改）" })
export class UpdateStudentInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field({ nullable: true })
  major?: string;

  @Field(() => Int, { nullable: true })
  enrolmentYear?: number;

  @Field(() => Int, { nullable: true })
  graduationYear?: number;

  @Field({ nullable: true })
  homeDistrict?: string;

  @Field(() => [String], { nullable: true })
  skills?: string[];

  @Field(() => [String], { nullable: true })
  certificates?: string[];
}
