/** The internship domain's document shapes and enums as the services see them (models stay behind the store). */
export type { Internship, InternshipInsurance, Tutor } from "../../schema/internship.model";
export { AgreementParty, InternshipAlertKind, InternshipKind, InternshipStatus } from "../../schema/internship.model";
export type { InternshipCheckIn, InternshipSignoff, LeaveRequest, PayRecord, WeeklyLog, WorkFiling, WorkShift } from "../../schema/internship-records.model";
export { FilingKind, LeaveStatus, SignoffKind } from "../../schema/internship-records.model";
