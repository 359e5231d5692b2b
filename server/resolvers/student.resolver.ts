import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Student } from "../../schema/student.model";
import { School } from "../../schema/school.model";
import { Application } from "../../schema/application.model";
import { Placement } from "../../schema/placement.model";
import { StudentConnection } from "../../schema/connections";
import { PageArgs } from "../../schema/connection";
import { StudentInput, UpdateStudentInput } from "../../schema/inputs/student.input";
import { StudentFilter } from "../../schema/inputs/misc.input";
import { ImportStudentsResult } from "../../schema/payloads";
import { Role } from "../../schema/enums";
import { majorName } from "../../schema/labels";
import { viewerOf, type Context } from "../context";

@Resolver(() => Student)
export class StudentResolver {
  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => StudentConnection, { description: "学生（学校账号只见本校学生）" })
  students(@Arg("filter", () => StudentFilter, { nullable: true }) filter: StudentFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.students.list(viewerOf(context), filter, page);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => Student)
  student(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.students.get(viewerOf(context), id);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => Student, { nullable: true, description: "按身份证号查找学生" })
  studentByNationalId(@Arg("nationalId") nationalId: string, @Ctx() context: Context) {
    return context.services.students.findByNationalId(viewerOf(context), nationalId);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Mutation(() => Student, { description: "登记学生" })
  createStudent(@Arg("schoolId", () => ID) schoolId: string, @Arg("input") input: StudentInput, @Ctx() context: Context) {
    return context.services.students.create(viewerOf(context), schoolId, input);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Mutation(() => Student, { description: "修改学生信息" })
  updateStudent(@Arg("id", () => ID) id: string, @Arg("input") input: UpdateStudentInput, @Ctx() context: Context) {
    return context.services.students.update(viewerOf(context), id, input);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Mutation(() => ImportStudentsResult, { description: "批量导入学生（每次至多 5000 行，全部成功或全部不写入）" })
  importStudents(
    @Arg("schoolId", () => ID) schoolId: string,
    @Arg("rows", () => [StudentInput], { validate: false }) rows: StudentInput[],
    @Ctx() context: Context,
  ) {
    return context.services.students.importStudents(viewerOf(context), schoolId, rows);
  }

  @FieldResolver(() => [String], { description: "技能" })
  skills(@Root() student: Student): string[] {
    return student.skills ?? [];
  }

  @FieldResolver(() => [String], { description: "证书" })
  certificates(@Root() student: Student): string[] {
    return student.certificates ?? [];
  }

  @FieldResolver(() => String, { description: "身份证号（本校可见全号，其他为脱敏号）" })
  nationalId(@Root() student: Student, @Ctx() context: Context) {
    return context.services.students.nationalIdFor(viewerOf(context), student);
  }

  @FieldResolver(() => String, { nullable: true, description: "手机号（本校可见全号，其他为脱敏号）" })
  phone(@Root() student: Student, @Ctx() context: Context) {
    return context.services.students.phoneFor(viewerOf(context), student);
  }

  @FieldResolver(() => String, { nullable: true, description: "专业名称" })
  majorName(@Root() student: Student) {
    return majorName(student.major);
  }

  @FieldResolver(() => School, { nullable: true })
  school(@Root() student: Student, @Ctx() { services }: Context) {
    return services.schools.byId(student.school);
  }

  @FieldResolver(() => [Application], { description: "有效志愿，按志愿顺序" })
  preferences(@Root() student: Student, @Ctx() { services }: Context) {
    return services.applications.preferencesOf(student);
  }

  @FieldResolver(() => [Placement], { description: "本人的录用（有效方案中，新的在前）：学生本人、本校与市人社局可见" })
  offers(@Root() student: Student, @Ctx() context: Context) {
    return context.services.applications.offersOf(viewerOf(context), student);
  }
}
