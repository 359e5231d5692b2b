import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { Application } from "../../schema/application.model";
import { Posting } from "../../schema/posting.model";
import { Student } from "../../schema/student.model";
import { ApplicationConnection } from "../../schema/connections";
import { PageArgs } from "../../schema/connection";
import { ApplyInput } from "../../schema/inputs/misc.input";
import { ApplicationStatus, Role } from "../../schema/enums";
import { ANY_ROLE } from "../auth";
import { viewerOf, type Context } from "../context";

@InputType({ description: "志愿筛选" })
export class ApplicationFilter {
  @Field(() => ID, { nullable: true })
  postingId?: string;

  @Field(() => ID, { nullable: true })
  studentId?: string;

  @Field(() => ApplicationStatus, { nullable: true })
  status?: ApplicationStatus;
}

@Resolver(() => Application)
export class ApplicationResolver {
  @Authorized(ANY_ROLE)
  @Query(() => ApplicationConnection, { description: "志愿（企业只见投向本企业的，学校只见本校学生的）" })
  applications(@Arg("filter", () => ApplicationFilter, { nullable: true }) filter: ApplicationFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.applications.list(viewerOf(context), filter, page);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Mutation(() => Application, { description: "为学生填报岗位志愿" })
  applyToPosting(@Arg("input") input: ApplyInput, @Ctx() context: Context) {
    return context.services.applications.apply(viewerOf(context), input);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Mutation(() => Application, { description: "撤回志愿" })
  withdrawApplication(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.applications.withdraw(viewerOf(context), id);
  }

  @Authorized(Role.STUDENT, Role.SCHOOL, Role.BUREAU)
  @Mutation(() => [Application], { description: "调整一名学生全部有效志愿的顺序（按新顺序列出其全部志愿 id，第 1 个为第一志愿）；学生本人、本校或市人社局" })
  rankApplications(@Arg("ids", () => [ID]) ids: string[], @Ctx() context: Context) {
    return context.services.applications.rank(viewerOf(context), ids);
  }

  @FieldResolver(() => Student, { nullable: true })
  student(@Root() application: Application, @Ctx() { services }: Context) {
    return services.students.byId(application.student);
  }

  @FieldResolver(() => Posting, { nullable: true })
  posting(@Root() application: Application, @Ctx() { services }: Context) {
    return services.postings.byId(application.posting);
  }
}
