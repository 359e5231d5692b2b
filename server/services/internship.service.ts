import type { Id, Placement } from "../store/documents";
import { PlacementStatus } from "../store/documents";
import {
  AgreementParty, InternshipKind, InternshipStatus, LeaveStatus, SignoffKind,
  type Internship, type InternshipAlertKind, type InternshipCheckIn, type InternshipSignoff, type LeaveRequest, type PayRecord, type WeeklyLog, type WorkFiling, type WorkShift,
} from "../store/internship-documents";
import { DuplicateKey, type PageArgs, type Stores } from "../store";
import type { InternshipsStore, InternshipListFilter } from "../store";
import type {
  AgreementConfirmationInput, InsuranceInput, InternshipFilter, InternshipInput, LeaveInput, PayRecordInput, WorkFilingInput, WorkShiftInput,
} from "../../schema/inputs/internship.input";
import { Role } from "../../schema/enums";
import { checkDistrict } from "../../schema/rules";
import {
  addDays, checkDuration, checkInternCounts, checkPayRecord, checkPositionEligibility, checkReadyToStart, checkWorkplace,
  internshipAlerts, isTime, mondayOf, requiredParties, shiftNeeds, unfiledNeed, type AgreementPartyCode,
} from "../../schema/rules/internship";
import { scopeApplications } from "../auth/scopes";
import type { Viewer } from "../auth/token";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { toObjectId } from "./ids";
import { Problems, checkDate, checkText } from "./problems";

type InternshipFields = Omit<Internship, "_id" | "createdAt">;

/** Which side of an internship the viewer is on. */
type Side = "SCHOOL" | "ENTERPRISE" | "STUDENT" | "BUREAU";

/** The field a shift's unfiled need is reported on. */
const NEED_FIELD = { NIGHT_SHIFT: "start", OVERTIME: "end", HOLIDAY: "date" } as const;

export interface InternshipAlertShape {
  internshipId: string;
  kind: InternshipAlertKind;
  since: string;
  count: number;
}

/**
 * The internship after the match (issue 15 items 1–3): an accepted offer becomes an internship
 * with two tutors; it starts with the tripartite agreement confirmed by every party and insurance
 * covering it; then daily check-ins, weekly logs reviewed by both tutors, leave approved by the
 * school tutor, shifts and pay checked against the 2021 rules (schema/rules/internship.ts), and
 * alerts computed on read. The school sees its interns, the enterprise those at its sites, the
 * student her own, the bureau the city (scopeApplications: the same owners as an offer's).
 */
export class InternshipService {
  private readonly store: InternshipsStore;

  constructor(private readonly stores: Stores & { internships: InternshipsStore }, private readonly now: () => Date = () => new Date()) {
    this.store = stores.internships;
  }

  /** Today in China (UTC+8), YYYY-MM-DD. */
  today(): string {
    return new Date(this.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  }

  // ---- reads ----------------------------------------------------------------------------------

  async list(viewer: Viewer, filter: InternshipFilter | undefined, page: PageArgs) {
    const scope = scopeApplications(viewer);
    const student = filter?.studentId ? String(toObjectId("filter.studentId", filter.studentId)) : undefined;
    if (scope.student && student && scope.student !== student) return this.store.list({ status: [] }, page);
    return this.store.list({ ...scope, student: scope.student ?? student, status: filter?.status ?? undefined } as InternshipListFilter, page);
  }

  /** An internship the viewer may read, or NOT_FOUND. */
  async get(viewer: Viewer, id: string, field = "id"): Promise<Internship> {
    const internship = await this.store.inScope(toObjectId(field, id), scopeApplications(viewer));
    if (!internship) throw new NotFoundError("internship", id);
    return internship;
  }

  async studentName(internship: Internship): Promise<string | null> {
    return (await this.stores.students.byId(internship.student))?.name ?? null;
  }

  async agreementParties(internship: Internship): Promise<AgreementParty[]> {
    const student = await this.stores.students.byId(internship.student);
    return (student ? requiredParties(student.birthDate, internship.startDate) : ["SCHOOL", "ENTERPRISE", "STUDENT"]) as AgreementParty[];
  }

  async confirmations(internship: Internship): Promise<InternshipSignoff[]> {
    return (await this.store.signoffsOf(internship._id)).filter((s) => s.kind === SignoffKind.AGREEMENT);
  }

  async reviews(log: WeeklyLog): Promise<InternshipSignoff[]> {
    return (await this.store.signoffsOf(log.internship)).filter((s) => s.kind === SignoffKind.LOG_REVIEW && String(s.subject) === String(log._id));
  }

  logs(internship: Internship): Promise<WeeklyLog[]> {
    return this.store.logsOf(internship._id);
  }

  leaves(internship: Internship): Promise<LeaveRequest[]> {
    return this.store.leavesOf(internship._id);
  }

  filings(internship: Internship): Promise<WorkFiling[]> {
    return this.store.filingsOf(internship._id);
  }

  shifts(internship: Internship): Promise<WorkShift[]> {
    return this.store.shiftsOf(internship._id);
  }

  payRecords(internship: Internship): Promise<PayRecord[]> {
    return this.store.payOf(internship._id);
  }

  checkIns(internship: Internship, page: PageArgs) {
    return this.store.checkInsOf(internship._id, page);
  }

  // ---- from offer to internship ----------------------------------------------------------------

  /** Creates the internship of an accepted offer (its school, its enterprise or the bureau). */
  async create(viewer: Viewer, input: InternshipInput): Promise<Internship> {
    const placement = await this.acceptedPlacement(viewer, input.placementId);
    const [student, posting, enterprise] = await Promise.all([
      this.stores.students.byId(placement.student), this.stores.postings.byId(placement.posting), this.stores.enterprises.byId(placement.enterprise),
    ]);
    if (!student || !posting || !enterprise) throw new NotFoundError("placement", input.placementId);
    const problems = new Problems();
    const kind = input.kind ?? InternshipKind.POSITION;
    const post = input.post === undefined || input.post === null ? posting.title : checkText(problems, "post", input.post, 2, 100);
    const startDate = checkDate(problems, "startDate", input.startDate);
    const endDate = checkDate(problems, "endDate", input.endDate);
    if (startDate && endDate) {
      problems.check("endDate", checkDuration(kind, startDate, endDate));
      problems.check("startDate", checkPositionEligibility(kind, student, startDate));
    }
    const schoolTutor = { name: checkText(problems, "schoolTutor.name", input.schoolTutor?.name, 2, 50), phone: input.schoolTutor?.phone ?? null };
    const enterpriseMentor = { name: checkText(problems, "enterpriseMentor.name", input.enterpriseMentor?.name, 2, 50), phone: input.enterpriseMentor?.phone ?? null };
    const postWage = input.postWage ?? posting.regularWage ?? null;
    if (postWage === null) problems.add("postWage", "required: the posting has no regular wage");
    else if (!(postWage > 0)) problems.add("postWage", "regular wage must be a positive amount");
    if (!Number.isInteger(input.postStaff) || input.postStaff < 0) problems.add("postStaff", "must be an integer >= 0");
    const workplaceIndustry = input.workplaceIndustry ?? enterprise.industry;
    const workplace = checkWorkplace(workplaceIndustry, input.heavyPhysicalLabour === true);
    if (!workplace.ok) problems.add(input.heavyPhysicalLabour && !workplace.message.includes("entertainment") ? "heavyPhysicalLabour" : "workplaceIndustry", workplace.message);
    problems.throwIfAny();
    const fields: InternshipFields = {
      placement: placement._id, student: placement.student, school: placement.school, enterprise: placement.enterprise, posting: placement.posting,
      kind, post: post!, district: posting.district, startDate: startDate!, endDate: endDate!,
      schoolTutor: { name: schoolTutor.name!, phone: schoolTutor.phone }, enterpriseMentor: { name: enterpriseMentor.name!, phone: enterpriseMentor.phone },
      postWage: postWage!, postStaff: input.postStaff, workplaceIndustry, insurance: null, status: InternshipStatus.PENDING, startedAt: null,
    };
    try {
      return await this.store.create(fields);
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("placementId", "an internship exists for this offer");
      throw err;
    }
  }

  /** Records one party's confirmation of the tripartite agreement (once per party). */
  async confirmAgreement(viewer: Viewer, id: string, input: AgreementConfirmationInput): Promise<Internship> {
    const internship = await this.get(viewer, id);
    const side = this.sideOf(viewer, internship);
    const party = input.party;
    const allowed = party === AgreementParty.GUARDIAN ? side === "SCHOOL" || side === "STUDENT" : side === party;
    if (!allowed) throw new ForbiddenError("each party confirms the agreement from its own account");
    if (internship.status !== InternshipStatus.PENDING) throw new ConflictError("id", "the internship has started");
    const parties = await this.agreementParties(internship);
    if (!parties.includes(party)) throw new BadUserInputError("party", "a guardian confirms only for a student under 18");
    const problems = new Problems();
    const name = checkText(problems, "name", input.name, 2, 50);
    problems.throwIfAny();
    await this.signOnce(`agreement:${String(internship._id)}:${party}`, { internship: internship._id, kind: SignoffKind.AGREEMENT, party, name: name!, by: viewer.userId }, "party", "this party has confirmed the agreement already");
    return internship;
  }

  /** Records the liability insurance (the school or the enterprise buys it). */
  async setInsurance(viewer: Viewer, id: string, input: InsuranceInput): Promise<Internship> {
    const internship = await this.managed(viewer, id, ["SCHOOL", "ENTERPRISE", "BUREAU"]);
    const problems = new Problems();
    const insurer = checkText(problems, "insurer", input.insurer, 2, 100);
    const policyNumber = checkText(problems, "policyNumber", input.policyNumber, 4, 64);
    const startDate = checkDate(problems, "startDate", input.startDate);
    const endDate = checkDate(problems, "endDate", input.endDate);
    if (startDate && endDate && endDate < startDate) problems.add("endDate", "must not be before startDate");
    problems.throwIfAny();
    return this.write(internship, { insurance: { insurer: insurer!, policyNumber: policyNumber!, startDate: startDate!, endDate: endDate! } });
  }

  /**
   * Starts an internship: every party has confirmed the agreement, the insurance covers the period,
   * the student may take a 岗位实习, and the enterprise and the post stay within 10% and 20%.
   */
  async start(viewer: Viewer, id: string): Promise<Internship> {
    const internship = await this.managed(viewer, id, ["SCHOOL", "ENTERPRISE", "BUREAU"]);
    if (internship.status !== InternshipStatus.PENDING) throw new ConflictError("id", "the internship has started");
    const [student, enterprise, signoffs] = await Promise.all([
      this.stores.students.byId(internship.student), this.stores.enterprises.byId(internship.enterprise), this.store.signoffsOf(internship._id),
    ]);
    if (!student || !enterprise) throw new NotFoundError("internship", id);
    const problems = new Problems();
    problems.check("startDate", checkPositionEligibility(internship.kind, student, internship.startDate));
    problems.check("endDate", checkDuration(internship.kind, internship.startDate, internship.endDate));
    const confirmed = signoffs.filter((s) => s.kind === SignoffKind.AGREEMENT).map((s) => s.party as AgreementPartyCode);
    const ready = checkReadyToStart({ required: requiredParties(student.birthDate, internship.startDate), confirmed, insurance: internship.insurance, startDate: internship.startDate, endDate: internship.endDate });
    if (!ready.ok) problems.add(ready.message.startsWith("the tripartite") ? "agreement" : "insurance", ready.message);
    problems.throwIfAny();
    // Counted, not reserved: two starts at the same enterprise at the same instant may both pass.
    const [enterpriseInterns, postInterns] = await Promise.all([this.store.countActive({ enterprise: internship.enterprise }), this.store.countActive({ posting: internship.posting })]);
    const counts = checkInternCounts({ headcount: enterprise.headcount, enterpriseInterns: enterpriseInterns + enterprise.recordedInterns, postStaff: internship.postStaff, postInterns });
    if (!counts.ok) throw new BadUserInputError(counts.message.includes("post's") ? "postStaff" : "enterpriseId", counts.message);
    const started = await this.store.update(internship._id, { status: InternshipStatus.ACTIVE, startedAt: this.now() }, { status: InternshipStatus.PENDING });
    if (!started) throw new ConflictError("id", "the internship has started");
    return started;
  }

  // ---- work arrangements and pay -------------------------------------------------------------

  /** The enterprise files a night-shift, overtime or holiday arrangement with the school (a record). */
  async fileWork(viewer: Viewer, id: string, input: WorkFilingInput): Promise<WorkFiling> {
    const internship = await this.managed(viewer, id, ["ENTERPRISE"]);
    const problems = new Problems();
    const from = checkDate(problems, "from", input.from);
    const to = checkDate(problems, "to", input.to);
    if (from && to && to < from) problems.add("to", "must not be before from");
    const reason = checkText(problems, "reason", input.reason, 2, 500);
    problems.throwIfAny();
    return this.store.filings.create({ internship: internship._id, kind: input.kind, from: from!, to: to!, reason: reason!, filedBy: viewer.userId });
  }

  /** Records a shift; night, overtime or holiday work only under a filing that covers its day. */
  async recordShift(viewer: Viewer, id: string, input: WorkShiftInput): Promise<WorkShift> {
    const internship = await this.managed(viewer, id, ["ENTERPRISE"]);
    const problems = new Problems();
    const date = checkDate(problems, "date", input.date);
    if (date && (date < internship.startDate || date > internship.endDate)) problems.add("date", "must be within the internship period");
    if (!isTime(input.start)) problems.add("start", "must be a time HH:MM");
    if (!isTime(input.end)) problems.add("end", "must be a time HH:MM");
    problems.throwIfAny();
    const shift = { date: date!, start: input.start, end: input.end, publicHoliday: input.publicHoliday === true };
    const filings = await this.store.filingsOf(internship._id);
    const need = unfiledNeed(shift, filings);
    if (need) {
      const words = { NIGHT_SHIFT: "a night shift", OVERTIME: "overtime", HOLIDAY: "work on a rest day or holiday" }[need];
      throw new BadUserInputError(NEED_FIELD[need], `${words} needs a filing with the school (2021 rules)`);
    }
    return this.store.shifts.create({ internship: internship._id, ...shift, filed: shiftNeeds(shift) as WorkShift["filed"] });
  }

  /** Records a month's pay: at least 80% of the post's wage, once a month. */
  async recordPay(viewer: Viewer, id: string, input: PayRecordInput): Promise<PayRecord> {
    const internship = await this.managed(viewer, id, ["ENTERPRISE", "BUREAU"]);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw new BadUserInputError("month", "must be a month YYYY-MM");
    if (input.month < internship.startDate.slice(0, 7) || input.month > internship.endDate.slice(0, 7)) throw new BadUserInputError("month", "must be within the internship period");
    const pay = checkPayRecord(input.amount, internship.postWage);
    if (!pay.ok) throw new BadUserInputError("amount", pay.message);
    try {
      return await this.store.pay.create({ key: `${String(internship._id)}:${input.month}`, internship: internship._id, month: input.month, amount: input.amount, minimum: pay.value.minimum });
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("month", "the pay of this month is recorded already");
      throw err;
    }
  }

  // ---- check-ins, logs, leave -----------------------------------------------------------------

  /** The student checks in for today at her internship in progress: once a day (a unique key). */
  async checkIn(viewer: Viewer, district: string): Promise<InternshipCheckIn> {
    const studentId = this.ownStudent(viewer);
    const checked = checkDistrict(district);
    if (!checked.ok) throw new BadUserInputError("district", checked.message);
    const today = this.today();
    const internship = (await this.store.ofStudent(studentId)).find((i) => i.status === InternshipStatus.ACTIVE && i.startDate <= today && today <= i.endDate);
    if (!internship) throw new ConflictError("date", "no internship of yours is in progress today");
    try {
      return await this.store.checkIns.create({
        key: `${String(studentId)}:${today}`, internship: internship._id, student: studentId, school: internship.school, enterprise: internship.enterprise,
        date: today, at: this.now(), district: checked.value.code,
      });
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("date", "checked in already today");
      throw err;
    }
  }

  /** The student writes the log of a week (any day of it names the week): once a week. */
  async submitLog(viewer: Viewer, id: string, week: string, content: string): Promise<WeeklyLog> {
    const internship = await this.managed(viewer, id, ["STUDENT"]);
    const problems = new Problems();
    const day = checkDate(problems, "week", week);
    const text = checkText(problems, "content", content, 10, 5000);
    problems.throwIfAny();
    const monday = mondayOf(day!);
    if (monday > internship.endDate || addDays(monday, 6) < internship.startDate) throw new BadUserInputError("week", "must be within the internship period");
    if (monday > this.today()) throw new BadUserInputError("week", "must not be in the future");
    try {
      return await this.store.logs.create({
        key: `${String(internship._id)}:${monday}`, internship: internship._id, student: internship.student, school: internship.school, enterprise: internship.enterprise, week: monday, content: text!,
      });
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("week", "the log of this week is submitted already");
      throw err;
    }
  }

  /** A tutor reviews a weekly log with a comment: the school tutor and the enterprise mentor, once each. */
  async reviewLog(viewer: Viewer, logId: string, comment: string): Promise<WeeklyLog> {
    const log = await this.store.logs.byId(toObjectId("logId", logId));
    const internship = log ? await this.store.inScope(log.internship, scopeApplications(viewer)) : null;
    if (!log || !internship) throw new NotFoundError("log", logId);
    const side = this.sideOf(viewer, internship);
    if (side !== "SCHOOL" && side !== "ENTERPRISE") throw new ForbiddenError("only the two tutors review a weekly log");
    const problems = new Problems();
    const text = checkText(problems, "comment", comment, 2, 2000);
    problems.throwIfAny();
    const name = side === "SCHOOL" ? internship.schoolTutor.name : internship.enterpriseMentor.name;
    await this.signOnce(`review:${String(log._id)}:${side}`, { internship: internship._id, kind: SignoffKind.LOG_REVIEW, subject: log._id, party: side as AgreementParty, name, comment: text!, by: viewer.userId }, "logId", "this tutor has reviewed the log already");
    return log;
  }

  async requestLeave(viewer: Viewer, id: string, input: LeaveInput): Promise<LeaveRequest> {
    const internship = await this.managed(viewer, id, ["STUDENT"]);
    const problems = new Problems();
    const from = checkDate(problems, "from", input.from);
    const to = checkDate(problems, "to", input.to);
    if (from && to && to < from) problems.add("to", "must not be before from");
    if (from && to && (from < internship.startDate || to > internship.endDate)) problems.add("from", "must be within the internship period");
    const reason = checkText(problems, "reason", input.reason, 2, 500);
    problems.throwIfAny();
    return this.store.leaves.create({ internship: internship._id, school: internship.school, from: from!, to: to!, reason: reason!, status: LeaveStatus.PENDING });
  }

  /** The school tutor approves or refuses a leave, once. */
  async decideLeave(viewer: Viewer, leaveId: string, approve: boolean, comment: string | null | undefined): Promise<LeaveRequest> {
    const leave = await this.store.leaves.byId(toObjectId("leaveId", leaveId));
    const internship = leave ? await this.store.inScope(leave.internship, scopeApplications(viewer)) : null;
    if (!leave || !internship) throw new NotFoundError("leave", leaveId);
    if (this.sideOf(viewer, internship) !== "SCHOOL") throw new ForbiddenError("only the school tutor decides a leave");
    await this.signOnce(`leave:${String(leave._id)}`, { internship: internship._id, kind: SignoffKind.LEAVE_DECISION, subject: leave._id, party: AgreementParty.SCHOOL, name: internship.schoolTutor.name, comment: comment?.trim() ?? "", approved: approve, by: viewer.userId }, "leaveId", "the leave is decided already");
    // The sign-off decided; the status follows it (a repeated write of the same value is harmless).
    return (await this.store.leaves.update(leave._id, { status: approve ? LeaveStatus.APPROVED : LeaveStatus.REJECTED }))!;
  }

  // ---- alerts ---------------------------------------------------------------------------------

  /** The alerts of the viewer's internships (or one of them) on a day, computed from the records. */
  async alerts(viewer: Viewer, on: string, internshipId?: string | null): Promise<InternshipAlertShape[]> {
    const problems = new Problems();
    const day = checkDate(problems, "on", on);
    problems.throwIfAny();
    const internships = internshipId
      ? [await this.get(viewer, internshipId, "internshipId")]
      : await this.store.all({ ...scopeApplications(viewer), status: [InternshipStatus.PENDING, InternshipStatus.ACTIVE] } as InternshipListFilter);
    const ids = internships.map((i) => i._id);
    const [checkIns, logs, leaves, signoffs] = await Promise.all([this.store.checkInsOfMany(ids), this.store.logsOfMany(ids), this.store.leavesOfMany(ids), this.store.signoffsOfMany(ids)]);
    const group = <T extends { internship: Id }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(String(row.internship), [...(map.get(String(row.internship)) ?? []), row]);
      return map;
    };
    const [checkInsBy, logsBy, leavesBy] = [group(checkIns), group(logs), group(leaves)];
    void signoffs; // evaluations (issue 15 item 4) will be read here; none is recorded yet
    const alerts: InternshipAlertShape[] = [];
    for (const internship of internships) {
      const key = String(internship._id);
      const found = internshipAlerts({
        active: internship.status === InternshipStatus.ACTIVE,
        startDate: internship.startDate,
        endDate: internship.endDate,
        insuranceEndDate: internship.insurance?.endDate ?? null,
        checkInDays: (checkInsBy.get(key) ?? []).map((c) => c.date),
        leaves: (leavesBy.get(key) ?? []).filter((l) => l.status === LeaveStatus.APPROVED),
        logWeeks: (logsBy.get(key) ?? []).map((l) => l.week),
        evaluated: false,
      }, day!);
      for (const alert of found) alerts.push({ internshipId: key, kind: alert.kind as InternshipAlertKind, since: alert.since, count: alert.count });
    }
    return alerts;
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** An ACCEPTED placement of an active run that the viewer's school or enterprise holds (or the bureau). */
  private async acceptedPlacement(viewer: Viewer, id: string): Promise<Placement> {
    const placement = await this.stores.runs.placementById(toObjectId("placementId", id));
    const active = placement ? await this.stores.runs.activeRunIds() : [];
    const visible = placement && active.some((r) => String(r) === String(placement.run))
      && (viewer.role === Role.BUREAU || (viewer.role === Role.SCHOOL && viewer.schoolId === String(placement.school)) || (viewer.role === Role.ENTERPRISE && viewer.enterpriseId === String(placement.enterprise)));
    if (!placement || !visible) throw new NotFoundError("placement", id);
    if (placement.status !== PlacementStatus.ACCEPTED) throw new BadUserInputError("placementId", "the offer is not accepted");
    return placement;
  }

  private sideOf(viewer: Viewer, internship: Internship): Side | null {
    if (viewer.role === Role.BUREAU) return "BUREAU";
    if (viewer.role === Role.SCHOOL && viewer.schoolId === String(internship.school)) return "SCHOOL";
    if (viewer.role === Role.ENTERPRISE && viewer.enterpriseId === String(internship.enterprise)) return "ENTERPRISE";
    if (viewer.role === Role.STUDENT && viewer.studentId === String(internship.student)) return "STUDENT";
    return null;
  }

  /** An internship the viewer may read and, on one of these sides, change. */
  private async managed(viewer: Viewer, id: string, sides: Side[]): Promise<Internship> {
    const internship = await this.get(viewer, id);
    const side = this.sideOf(viewer, internship);
    if (!side || !sides.includes(side)) throw new ForbiddenError(`only ${sides.map((s) => s.toLowerCase()).join(" or ")} accounts do this`);
    return internship;
  }

  private ownStudent(viewer: Viewer): Id {
    if (viewer.role !== Role.STUDENT || !viewer.studentId) throw new ForbiddenError("the student account is not linked to a student");
    return toObjectId("studentId", viewer.studentId);
  }

  private async signOnce(key: string, fields: Partial<InternshipSignoff>, field: string, conflict: string): Promise<InternshipSignoff> {
    try {
      return await this.store.signoffs.create({ key, comment: "", approved: null, subject: null, ...fields });
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError(field, conflict);
      throw err;
    }
  }

  private async write(internship: Internship, changes: Partial<InternshipFields>): Promise<Internship> {
    const updated = await this.store.update(internship._id, changes);
    if (!updated) throw new NotFoundError("internship", String(internship._id));
    return updated;
  }
}
