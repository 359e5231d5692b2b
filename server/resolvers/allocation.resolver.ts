import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { AllocationRun, AllocationTimings, RunEnterprise, SlotValue } from "../../schema/allocation-run.model";
import { AuditAction } from "../../schema/audit-entry.model";
import { Enterprise } from "../../schema/enterprise.model";
import { OFFER_RESPONSE_DAYS, Placement } from "../../schema/placement.model";
import { Posting } from "../../schema/posting.model";
import { School } from "../../schema/school.model";
import { Student } from "../../schema/student.model";
import { UnplacedStudent } from "../../schema/unplaced-student.model";
import { AllocationRunConnection, AuditEntryConnection, PlacementConnection, UnplacedStudentConnection } from "../../schema/connections";
import { PageArgs } from "../../schema/connection";
import { PlacementFilter, PlacementResponse, StartAllocationRunInput } from "../../schema/inputs/allocation.input";
import { Role } from "../../schema/enums";
import { ANY_ROLE } from "../auth";
import { viewerOf, type Context } from "../context";
import { toObjectId } from "../services/ids";

@Resolver(() => AllocationRun)
export class AllocationRunResolver {
  @Authorized(Role.BUREAU)
  @Mutation(() => AllocationRun, { description: "发起全市实习分配（后台求解，立即返回 QUEUED）" })
  startAllocationRun(@Arg("input") input: StartAllocationRunInput, @Ctx() context: Context) {
    return context.services.allocation.start(viewerOf(context), input);
  }

  @Authorized(Role.BUREAU)
  @Query(() => AllocationRun, { description: "分配方案详情" })
  allocationRun(@Arg("id", () => ID) id: string, @Ctx() { services }: Context) {
    return services.allocation.get(id);
  }

  @Authorized(Role.BUREAU)
  @Query(() => AllocationRunConnection, { description: "分配方案列表" })
  allocationRuns(@Args() page: PageArgs, @Ctx() { services }: Context) {
    return services.allocation.list(page);
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => AllocationRun, { description: "提交方案：其录用变为有效（同一幂等键重复提交返回同一结果）" })
  commitAllocationRun(
    @Arg("id", () => ID) id: string,
    @Arg("idempotencyKey") idempotencyKey: string,
    @Arg("supersede", () => [ID], { defaultValue: [], description: "明确取代的已生效方案" }) supersede: string[],
    @Ctx() context: Context,
  ) {
    return context.services.allocation.commit(viewerOf(context), id, idempotencyKey, supersede);
  }

  @FieldResolver(() => AllocationTimings)
  timings(@Root() run: AllocationRun): AllocationTimings {
    // mongoose drops the empty object of a run that has not started yet
    return run.timings ?? {};
  }

  @FieldResolver(() => [RunEnterprise], { description: "各企业下限、上限、安排人数、缺额" })
  enterprises(@Root() run: AllocationRun, @Ctx() { services }: Context) {
    return services.allocation.runEnterprises(run._id);
  }

  @FieldResolver(() => [SlotValue], { description: "各岗位增加 1 个名额的目标值增量（对偶价格）" })
  postingSlotValues(@Root() run: AllocationRun, @Ctx() { services }: Context) {
    return services.allocation.runSlotValues(run._id);
  }

  @FieldResolver(() => PlacementConnection, { description: "方案中的录用（可按企业、学校筛选）" })
  placements(
    @Root() run: AllocationRun,
    @Args() page: PageArgs,
    @Arg("enterpriseId", () => ID, { nullable: true }) enterpriseId: string | undefined,
    @Arg("schoolId", () => ID, { nullable: true }) schoolId: string | undefined,
    @Ctx() { services }: Context,
  ) {
    return services.allocation.runPlacements(run._id, { enterpriseId, schoolId }, page);
  }

  @FieldResolver(() => UnplacedStudentConnection, { description: "未安排的学生及原因" })
  unplaced(@Root() run: AllocationRun, @Args() page: PageArgs, @Arg("schoolId", () => ID, { nullable: true }) schoolId: string | undefined, @Ctx() { services }: Context) {
    return services.allocation.runUnplaced(run._id, { schoolId }, page);
  }
}

@Resolver(() => RunEnterprise)
export class RunEnterpriseResolver {
  @FieldResolver(() => String, { nullable: true, description: "企业名称" })
  async enterpriseName(@Root() row: RunEnterprise, @Ctx() { services }: Context) {
    return (await services.enterprises.byId(toObjectId("enterpriseId", row.enterprise)))?.name ?? null;
  }
}

@Resolver(() => Placement)
export class PlacementResolver {
  @Authorized(ANY_ROLE)
  @Query(() => PlacementConnection, { description: "有效录用（企业只见本企业，学校只见本校学生）" })
  placements(@Arg("filter", () => PlacementFilter, { nullable: true }) filter: PlacementFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.allocation.placements(viewerOf(context), filter, page);
  }

  @Authorized(Role.ENTERPRISE, Role.SCHOOL, Role.STUDENT)
  @Mutation(() => Placement, { description: "接受或拒绝录用：学生本人或企业；学校可代学生拒绝" })
  respondToPlacement(
    @Arg("id", () => ID) id: string,
    @Arg("response", () => PlacementResponse) response: PlacementResponse,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() context: Context,
  ) {
    return context.services.allocation.respond(viewerOf(context), id, response, reason);
  }

  @FieldResolver(() => String, { nullable: true, description: "所属分配方案的名称" })
  async runName(@Root() placement: Placement, @Ctx() { services }: Context): Promise<string> {
    return (await services.allocation.get(String(placement.run))).name;
  }

  @FieldResolver(() => Date, { nullable: true, description: `答复截止时间（方案提交后 ${OFFER_RESPONSE_DAYS} 天）` })
  async respondBy(@Root() placement: Placement, @Ctx() { services }: Context): Promise<Date | null> {
    const committedAt = (await services.allocation.get(String(placement.run))).committedAt;
    return committedAt ? new Date(committedAt.getTime() + OFFER_RESPONSE_DAYS * 86_400_000) : null;
  }

  @FieldResolver(() => Student, { nullable: true })
  student(@Root() placement: Placement, @Ctx() { services }: Context) {
    return services.students.byId(placement.student);
  }

  @FieldResolver(() => Posting, { nullable: true })
  posting(@Root() placement: Placement, @Ctx() { services }: Context) {
    return services.postings.byId(placement.posting);
  }

  @FieldResolver(() => Enterprise, { nullable: true })
  enterprise(@Root() placement: Placement, @Ctx() { services }: Context) {
    return services.enterprises.byId(placement.enterprise);
  }

  @FieldResolver(() => School, { nullable: true })
  school(@Root() placement: Placement, @Ctx() { services }: Context) {
    return services.schools.byId(placement.school);
  }
}

@Resolver(() => UnplacedStudent)
export class UnplacedStudentResolver {
  @FieldResolver(() => Student, { nullable: true })
  student(@Root() row: UnplacedStudent, @Ctx() { services }: Context) {
    return services.students.byId(row.student);
  }
}

@Resolver()
export class AuditResolver {
  @Authorized(Role.BUREAU)
  @Query(() => AuditEntryConnection, { description: "操作日志（不含个人信息）" })
  auditLog(
    @Args() page: PageArgs,
    @Arg("runId", () => ID, { nullable: true }) runId: string | undefined,
    @Arg("action", () => AuditAction, { nullable: true }) action: AuditAction | undefined,
    @Ctx() { services }: Context,
  ) {
    return services.audit.list({ runId: runId ? toObjectId("runId", runId) : undefined, action }, page);
  }
}
