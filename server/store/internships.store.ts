import type { Types } from "mongoose";
import { InternshipModel, InternshipStatus, type Internship } from "../../schema/internship.model";
import {
  InternshipCheckInModel, InternshipSignoffModel, LeaveRequestModel, PayRecordModel, WeeklyLogModel, WorkFilingModel, WorkShiftModel,
  type InternshipCheckIn, type InternshipSignoff, type LeaveRequest, type PayRecord, type WeeklyLog, type WorkFiling, type WorkShift,
} from "../../schema/internship-records.model";
import type { PageArgs } from "./collection";
import { DocumentStore } from "./document-store";
import type { Equality } from "./filters";
import type { FerretSql } from "./sql";

type Id = Types.ObjectId;

/** Which internships a list wants: the viewer's scope (school, enterprise or student) and a status. */
export interface InternshipListFilter {
  school?: string | Id;
  enterprise?: string | Id;
  student?: string | Id;
  posting?: string | Id;
  status?: InternshipStatus | InternshipStatus[];
}

/**
 * Internships and their records. One internship per placement (unique `placement`); every
 * record that must exist once (a sign-off, a day's check-in, a week's log, a month's pay) is an
 * insert under a unique `key`, so the second of two racing writers gets DuplicateKey. Lists filter
 * by top-level equality only, each field GIN-indexed on FerretDB.
 */
export class InternshipsStore extends DocumentStore<Internship> {
  readonly signoffs: DocumentStore<InternshipSignoff>;
  readonly checkIns: DocumentStore<InternshipCheckIn>;
  readonly logs: DocumentStore<WeeklyLog>;
  readonly leaves: DocumentStore<LeaveRequest>;
  readonly filings: DocumentStore<WorkFiling>;
  readonly shifts: DocumentStore<WorkShift>;
  readonly pay: DocumentStore<PayRecord>;

  constructor(sql: FerretSql | null) {
    super(InternshipModel, sql);
    this.signoffs = new DocumentStore(InternshipSignoffModel, sql);
    this.checkIns = new DocumentStore(InternshipCheckInModel, sql);
    this.logs = new DocumentStore(WeeklyLogModel, sql);
    this.leaves = new DocumentStore(LeaveRequestModel, sql);
    this.filings = new DocumentStore(WorkFilingModel, sql);
    this.shifts = new DocumentStore(WorkShiftModel, sql);
    this.pay = new DocumentStore(PayRecordModel, sql);
  }

  list(filter: InternshipListFilter, page: PageArgs) {
    return this.page(filter as Equality, page);
  }

  /** Every internship matching the filter, in id order (a viewer's interns, for alerts). */
  all(filter: InternshipListFilter): Promise<Internship[]> {
    return this.find(filter as Equality);
  }

  /** ACTIVE internships at an enterprise, or on one posting. */
  countActive(filter: { enterprise?: Id; posting?: Id }): Promise<number> {
    return this.collection.count({ ...filter, status: InternshipStatus.ACTIVE });
  }

  /** The student's internships (any status). */
  ofStudent(student: Id): Promise<Internship[]> {
    return this.find({ student });
  }

  /** The sign-offs of an internship (agreement, reviews, leave decisions), in the order made. */
  signoffsOf(internship: Id): Promise<InternshipSignoff[]> {
    return this.signoffs.find({ internship });
  }

  /** Sign-offs of several internships at once. */
  signoffsOfMany(internships: Id[]): Promise<InternshipSignoff[]> {
    return internships.length ? this.signoffs.find({ internship: internships }) : Promise.resolve([]);
  }

  checkInsOf(internship: Id, page: PageArgs) {
    return this.checkIns.page({ internship }, page);
  }

  /** Check-ins of these internships (alerts read them). */
  checkInsOfMany(internships: Id[]): Promise<InternshipCheckIn[]> {
    return internships.length ? this.checkIns.find({ internship: internships }) : Promise.resolve([]);
  }

  logsOf(internship: Id): Promise<WeeklyLog[]> {
    return this.logs.find({ internship });
  }

  logsOfMany(internships: Id[]): Promise<WeeklyLog[]> {
    return internships.length ? this.logs.find({ internship: internships }) : Promise.resolve([]);
  }

  leavesOf(internship: Id): Promise<LeaveRequest[]> {
    return this.leaves.find({ internship });
  }

  leavesOfMany(internships: Id[]): Promise<LeaveRequest[]> {
    return internships.length ? this.leaves.find({ internship: internships }) : Promise.resolve([]);
  }

  filingsOf(internship: Id): Promise<WorkFiling[]> {
    return this.filings.find({ internship });
  }

  shiftsOf(internship: Id): Promise<WorkShift[]> {
    return this.shifts.find({ internship });
  }

  payOf(internship: Id): Promise<PayRecord[]> {
    return this.pay.find({ internship });
  }
}
