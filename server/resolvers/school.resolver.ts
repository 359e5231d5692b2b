import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { School } from "../../schema/school.model";
import { SchoolConnection } from "../../schema/connections";
import { PageArgs } from "../../schema/connection";
import { SchoolInput, UpdateSchoolInput } from "../../schema/inputs/school.input";
import { SchoolFilter } from "../../schema/inputs/misc.input";
import { Role } from "../../schema/enums";
import { districtName } from "../../schema/labels";
import { ANY_ROLE } from "../auth";
import { viewerOf, type Context } from "../context";

@Resolver(() => School)
export class SchoolResolver {
  @Authorized(ANY_ROLE)
  @Query(() => SchoolConnection, { description: "学校名录（学校账号只见本校）" })
  schools(@Arg("filter", () => SchoolFilter, { nullable: true }) filter: SchoolFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.schools.list(viewerOf(context), filter, page);
  }

  @Authorized(ANY_ROLE)
  @Query(() => School)
  school(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.schools.get(viewerOf(context), id);
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => School, { description: "登记学校（市人社局）" })
  createSchool(@Arg("input") input: SchoolInput, @Ctx() { services }: Context) {
    return services.schools.create(input);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Mutation(() => School, { description: "修改学校信息" })
  updateSchool(@Arg("id", () => ID) id: string, @Arg("input") input: UpdateSchoolInput, @Ctx() context: Context) {
    return context.services.schools.update(viewerOf(context), id, input);
  }

  @FieldResolver(() => String, { nullable: true, description: "区县名称" })
  districtName(@Root() school: School) {
    return districtName(school.district);
  }
}
