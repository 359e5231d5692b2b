import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import { Role } from "../../schema/enums";
import { RetentionGroupBy, SupplyDemandGroupBy } from "../../schema/inputs/report.input";
import { MajorIndustryFit, QuotaCompliance, RetentionStats, RetentionYear, SchoolRetentionRanking, SupplyDemand } from "../../schema/report.types";
import { viewerOf, type Context } from "../context";

@Resolver()
export class ReportResolver {
  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => RetentionStats, { description: "留泉率、毕业去向落实率、专业对口率（学校账号只见本校）" })
  retentionStats(
    @Arg("year", () => Int) year: number,
    @Arg("groupBy", () => RetentionGroupBy, { defaultValue: RetentionGroupBy.SCHOOL }) groupBy: RetentionGroupBy,
    @Ctx() context: Context,
  ) {
    return context.services.reports.retentionStats(viewerOf(context), year, groupBy);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => [RetentionYear], { description: "历年留泉率（有去向记录的毕业年份）" })
  retentionTrend(@Ctx() context: Context) {
    return context.services.reports.retentionTrend(viewerOf(context));
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => SchoolRetentionRanking, { description: "学校留泉率排名与奖励档次（001 §4(1)；学校账号只见本校一行）" })
  schoolRetentionRanking(
    @Arg("year", () => Int) year: number,
    @Arg("minEmployed", () => Int, { defaultValue: 30, description: "参评最少就业人数" }) minEmployed: number,
    @Ctx() context: Context,
  ) {
    return context.services.reports.schoolRetentionRanking(viewerOf(context), year, minEmployed);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => MajorIndustryFit, { description: "专业产业契合度（001 §1(2)）" })
  majorIndustryFit(@Arg("year", () => Int) year: number, @Ctx() context: Context) {
    return context.services.reports.majorIndustryFit(viewerOf(context), year);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => SupplyDemand, { description: "人才供需对比：毕业生（供给）与开放岗位招收人数（需求）" })
  supplyDemand(
    @Arg("year", () => Int) year: number,
    @Arg("groupBy", () => SupplyDemandGroupBy, { defaultValue: SupplyDemandGroupBy.MAJOR_CATEGORY }) groupBy: SupplyDemandGroupBy,
    @Ctx() context: Context,
  ) {
    return context.services.reports.supplyDemand(viewerOf(context), year, groupBy);
  }

  @Authorized(Role.BUREAU, Role.ENTERPRISE)
  @Query(() => QuotaCompliance, { description: "规模以上企业 2%–3% 实习比例落实情况（企业账号只见本企业）" })
  quotaCompliance(@Arg("year", () => Int) year: number, @Ctx() context: Context) {
    return context.services.reports.quotaCompliance(viewerOf(context), year);
  }
}
