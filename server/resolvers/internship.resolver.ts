import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { AgreementParty, Internship, InternshipAlert } from "../../schema/internship.model";
import { InternshipCheckIn, InternshipSignoff, LeaveRequest, PayRecord, WeeklyLog, WorkFiling, WorkShift } from "../../schema/internship-records.model";
import { Connection, PageArgs } from "../../schema/connection";
import {
  AgreementConfirmationInput, InsuranceInput, InternshipFilter, InternshipInput, LeaveInput, PayRecordInput, WorkFilingInput, WorkShiftInput,
} from "../../schema/inputs/internship.input";
import { Role } from "../../schema/enums";
import { EVERY_ROLE } from "../auth";
import { viewerOf, type Context } from "../context";

export const InternshipConnection = Connection(Internship, "Internship");
export const InternshipCheckInConnection = Connection(InternshipCheckIn, "InternshipCheckIn");

const STAFF = [Role.BUREAU, Role.SCHOOL, Role.ENTERPRISE];

@Resolver(() => Internship)
export class InternshipResolver {
  @Authorized(EVERY_ROLE)
  @Query(() => InternshipConnection, { description: "实习（学校见本校学生，企业见在本企业实习的学生，学生见本人，市人社局见全市）" })
  internships(@Arg("filter", () => InternshipFilter, { nullable: true }) filter: InternshipFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.internships.list(viewerOf(context), filter, page);
  }

  @Authorized(EVERY_ROLE)
  @Query(() => Internship)
  internship(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.internships.get(viewerOf(context), id);
  }

  @Authorized(EVERY_ROLE)
  @Query(() => [InternshipAlert], { description: "实习预警：按指定日期由签到、周志、请假、保险记录计算" })
  internshipAlerts(@Arg("on", { description: "日期 YYYY-MM-DD" }) on: string, @Arg("internshipId", () => ID, { nullable: true }) internshipId: string | undefined, @Ctx() context: Context) {
    return context.services.internships.alerts(viewerOf(context), on, internshipId);
  }

  @Authorized(STAFF)
  @Mutation(() => Internship, { description: "由已接受的录用建立实习（期间、岗位、双导师）" })
  createInternship(@Arg("input") input: InternshipInput, @Ctx() context: Context) {
    return context.services.internships.create(viewerOf(context), input);
  }

  @Authorized(EVERY_ROLE)
  @Mutation(() => Internship, { description: "三方协议确认（学校、企业、学生各自确认；未满 18 周岁另需监护人）" })
  confirmInternshipAgreement(@Arg("id", () => ID) id: string, @Arg("input") input: AgreementConfirmationInput, @Ctx() context: Context) {
    return context.services.internships.confirmAgreement(viewerOf(context), id, input);
  }

  @Authorized(STAFF)
  @Mutation(() => Internship, { description: "登记实习责任保险" })
  setInternshipInsurance(@Arg("id", () => ID) id: string, @Arg("input") input: InsuranceInput, @Ctx() context: Context) {
    return context.services.internships.setInsurance(viewerOf(context), id, input);
  }

  @Authorized(STAFF)
  @Mutation(() => Internship, { description: "开始实习（协议齐全、保险覆盖、比例与资格符合规定）" })
  startInternship(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.internships.start(viewerOf(context), id);
  }

  @Authorized(Role.ENTERPRISE)
  @Mutation(() => WorkFiling, { description: "向学校报备夜班、加班或节假日安排" })
  fileInternshipWork(@Arg("id", () => ID) id: string, @Arg("input") input: WorkFilingInput, @Ctx() context: Context) {
    return context.services.internships.fileWork(viewerOf(context), id, input);
  }

  @Authorized(Role.ENTERPRISE)
  @Mutation(() => WorkShift, { description: "登记排班（夜班、加班、节假日须已报备）" })
  recordInternshipShift(@Arg("id", () => ID) id: string, @Arg("input") input: WorkShiftInput, @Ctx() context: Context) {
    return context.services.internships.recordShift(viewerOf(context), id, input);
  }

  @Authorized(Role.BUREAU, Role.ENTERPRISE)
  @Mutation(() => PayRecord, { description: "登记当月实习报酬（不低于同岗位工资的 80%）" })
  recordInternshipPay(@Arg("id", () => ID) id: string, @Arg("input") input: PayRecordInput, @Ctx() context: Context) {
    return context.services.internships.recordPay(viewerOf(context), id, input);
  }

  @Authorized(Role.STUDENT)
  @Mutation(() => InternshipCheckIn, { description: "今日签到（每人每天一次）" })
  checkIn(@Arg("district", { description: "所在区县代码" }) district: string, @Ctx() context: Context) {
    return context.services.internships.checkIn(viewerOf(context), district);
  }

  @Authorized(Role.STUDENT)
  @Mutation(() => WeeklyLog, { description: "提交周志（每周一篇）" })
  submitWeeklyLog(@Arg("id", () => ID) id: string, @Arg("week", { description: "该周任一天 YYYY-MM-DD" }) week: string, @Arg("content") content: string, @Ctx() context: Context) {
    return context.services.internships.submitLog(viewerOf(context), id, week, content);
  }

  @Authorized(Role.SCHOOL, Role.ENTERPRISE)
  @Mutation(() => WeeklyLog, { description: "导师批阅周志（学校导师、企业导师各一次）" })
  reviewWeeklyLog(@Arg("logId", () => ID) logId: string, @Arg("comment") comment: string, @Ctx() context: Context) {
    return context.services.internships.reviewLog(viewerOf(context), logId, comment);
  }

  @Authorized(Role.STUDENT)
  @Mutation(() => LeaveRequest, { description: "请假申请" })
  requestInternshipLeave(@Arg("id", () => ID) id: string, @Arg("input") input: LeaveInput, @Ctx() context: Context) {
    return context.services.internships.requestLeave(viewerOf(context), id, input);
  }

  @Authorized(Role.SCHOOL)
  @Mutation(() => LeaveRequest, { description: "学校导师审批请假" })
  decideInternshipLeave(@Arg("leaveId", () => ID) leaveId: string, @Arg("approve") approve: boolean, @Arg("comment", () => String, { nullable: true }) comment: string | undefined, @Ctx() context: Context) {
    return context.services.internships.decideLeave(viewerOf(context), leaveId, approve, comment);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => String, { nullable: true, description: "学生姓名" })
  studentName(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.studentName(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [AgreementParty], { description: "三方协议须确认的各方" })
  agreementParties(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.agreementParties(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [InternshipSignoff], { description: "三方协议确认记录" })
  agreementConfirmations(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.confirmations(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [WeeklyLog], { description: "周志" })
  weeklyLogs(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.logs(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [LeaveRequest], { description: "请假" })
  leaves(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.leaves(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [WorkFiling], { description: "特殊工作安排报备" })
  workFilings(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.filings(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [WorkShift], { description: "排班" })
  shifts(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.shifts(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [PayRecord], { description: "实习报酬发放记录" })
  payRecords(@Root() internship: Internship, @Ctx() { services }: Context) {
    return services.internships.payRecords(internship);
  }

  @Authorized(EVERY_ROLE)
  @FieldResolver(() => InternshipCheckInConnection, { description: "签到记录" })
  checkIns(@Root() internship: Internship, @Args() page: PageArgs, @Ctx() { services }: Context) {
    return services.internships.checkIns(internship, page);
  }
}

@Resolver(() => WeeklyLog)
export class WeeklyLogResolver {
  @Authorized(EVERY_ROLE)
  @FieldResolver(() => [InternshipSignoff], { description: "导师批阅（学校导师、企业导师）" })
  reviews(@Root() log: WeeklyLog, @Ctx() { services }: Context) {
    return services.internships.reviews(log);
  }
}
