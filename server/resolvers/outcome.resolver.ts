import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../../schema/enums";
import { EmploymentOutcomeInput } from "../../schema/inputs/outcome.input";
import { EmploymentOutcome } from "../../schema/outcome.model";
import { RecordOutcomesResult } from "../../schema/report.types";
import { viewerOf, type Context } from "../context";

@Resolver(() => EmploymentOutcome)
export class OutcomeResolver {
  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Mutation(() => RecordOutcomesResult, { description: "登记毕业去向（学校登记本校毕业生，市人社局可登记全部；每次至多 5000 行，全部成功或全部不写入；同一学生同一年份的新记录替换旧记录，旧记录保留为历史）" })
  recordEmploymentOutcomes(
    @Arg("rows", () => [EmploymentOutcomeInput], { validate: false }) rows: EmploymentOutcomeInput[],
    @Ctx() context: Context,
  ) {
    return context.services.outcomes.record(viewerOf(context), rows);
  }

  @Authorized(Role.BUREAU, Role.SCHOOL)
  @Query(() => [EmploymentOutcome], { description: "某学生的毕业去向记录（含历史），新的在前" })
  employmentOutcomes(
    @Arg("studentId", () => ID) studentId: string,
    @Arg("graduationYear", () => Int, { nullable: true }) graduationYear: number | undefined,
    @Ctx() context: Context,
  ) {
    return context.services.outcomes.history(viewerOf(context), studentId, graduationYear);
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => Int, { description: "按当前去向记录重算某年的留泉率计数（写入中断后修复用）；返回计数文档数" })
  rebuildRetentionCounters(@Arg("year", () => Int) year: number, @Ctx() { services }: Context) {
    return services.outcomes.rebuildCounters(year);
  }
}
