import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Enterprise } from "../../schema/enterprise.model";
import { EnterpriseConnection } from "../../schema/connections";
import { PageArgs } from "../../schema/connection";
import { EnterpriseInput, UpdateEnterpriseInput } from "../../schema/inputs/enterprise.input";
import { EnterpriseFilter } from "../../schema/inputs/misc.input";
import { Role } from "../../schema/enums";
import { districtName, industryName } from "../../schema/labels";
import { ANY_ROLE } from "../auth";
import { ImportResult } from "../../schema/payloads";
import { viewerOf, type Context } from "../context";

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Authorized(ANY_ROLE)
  @Query(() => EnterpriseConnection, { description: "企业名录（企业账号只见本企业）" })
  enterprises(@Arg("filter", () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.enterprises.list(viewerOf(context), filter, page);
  }

  @Authorized(ANY_ROLE)
  @Query(() => Enterprise)
  enterprise(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.enterprises.get(viewerOf(context), id);
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => Enterprise, { description: "登记企业（市人社局）" })
  createEnterprise(@Arg("input") input: EnterpriseInput, @Ctx() { services }: Context) {
    return services.enterprises.create(input);
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => ImportResult, { description: "批量登记企业（每次至多 5000 行，全部成功或全部不写入）" })
  importEnterprises(@Arg("rows", () => [EnterpriseInput], { validate: false }) rows: EnterpriseInput[], @Ctx() { services }: Context) {
    return services.enterprises.importMany(rows);
  }

  @Authorized(Role.BUREAU, Role.ENTERPRISE)
  @Mutation(() => Enterprise, { description: "修改企业信息" })
  updateEnterprise(@Arg("id", () => ID) id: string, @Arg("input") input: UpdateEnterpriseInput, @Ctx() context: Context) {
    return context.services.enterprises.update(viewerOf(context), id, input);
  }

  @FieldResolver(() => String, { nullable: true, description: "区县名称" })
  districtName(@Root() enterprise: Enterprise) {
    return districtName(enterprise.district);
  }

  @FieldResolver(() => String, { nullable: true, description: "行业名称" })
  industryName(@Root() enterprise: Enterprise) {
    return industryName(enterprise.industry);
  }
}
