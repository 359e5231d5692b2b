/**
 * The 2021 national internship rules (《职业学校学生实习管理规定》, 教职成〔2021〕4号) as pure checks
 * on records: eligibility, duration, workplace, intern counts, pay, work arrangements, the agreement
 * and insurance, and the alerts of a running internship. Pure: no I/O, no clock (the day is given).
 * Dates are YYYY-MM-DD strings (calendar days in China), months YYYY-MM, times HH:MM.
 * Sources: ../shared/POLICY.md ("Internships and enterprises"); article numbers are those it gives.
 */
import { minimumInternPay } from "./enterprise-size";
import { accept, reject, type RuleResult } from "./result";

/** 岗位实习 (a post internship) or 认识实习/跟岗实习 (observation); the strict limits are for the first. */
export type InternshipKindCode = "POSITION" | "OBSERVATION";

/** The parties of the tripartite agreement (a guardian too for a student under 18). */
export type AgreementPartyCode = "SCHOOL" | "ENTERPRISE" | "STUDENT" | "GUARDIAN";

/** What a work arrangement outside the normal rules needs a filing for. */
export type FilingKindCode = "NIGHT_SHIFT" | "OVERTIME" | "HOLIDAY";

/** The youngest age for 岗位实习 (2021 rules art. 16). */
export const MIN_POSITION_AGE = 16;
/** Below this age the student's guardian is a party to the agreement. */
export const ADULT_AGE = 18;
/** 岗位实习 normally lasts 6 months (2021 rules, provincial copy). */
export const MAX_POSITION_MONTHS = 6;
/** Interns at most 10% of an employer's workforce, 20% of one post's staff ("一般不超过"). */
export const ENTERPRISE_INTERN_SHARE = 0.1;
export const POST_INTERN_SHARE = 0.2;
/** Normal working hours a day; more is overtime. */
export const NORMAL_DAILY_HOURS = 8;
/** Night: any work between 22:00 and 06:00. */
export const NIGHT_START_MINUTES = 22 * 60;
export const NIGHT_END_MINUTES = 6 * 60;
/** GB/T 4754-2017 classes of 营业性娱乐场所 where no student may intern (2021 rules art. 16). */
export const FORBIDDEN_WORKPLACE_INDUSTRIES: Record<string, string> = {
  "6233": "酒吧服务",
  "9011": "歌舞厅娱乐活动",
  "9012": "电子游艺厅娱乐活动",
  "9013": "网吧活动",
};

// ---- calendar -------------------------------------------------------------------------------

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return iso(new Date(utc(date).getTime() + days * 86_400_000));
}

/** The same day `months` later, clamped to the month's end (2027-08-31 + 6 months = 2028-02-29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}

/** 0 Sunday … 6 Saturday. */
function weekday(date: string): number {
  return utc(date).getUTCDay();
}

/** Monday to Friday (the statutory holiday calendar is not modelled: a holiday is flagged on the record). */
export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/** The Monday of the week of `date` (a weekly log's week). */
export function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** Completed years of age on `date` of someone born on `birthDate`. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The year of study on `date` of a student enrolled in September of `enrolmentYear` (1 = first year). */
export function yearOfStudy(enrolmentYear: number, date: string): number {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return y - enrolmentYear + (m >= 9 ? 1 : 0);
}

// ---- the rules of a new internship ------------------------------------------------------------

/**
 * 2021 rules art. 16: no 岗位实习 for first-year students or students under 16 (on the start date).
 * Observation internships are not limited here. Never throws.
 */
export function checkPositionEligibility(kind: InternshipKindCode, student: { birthDate: string; enrolmentYear: number }, startDate: string): RuleResult<{ age: number; yearOfStudy: number }> {
  const age = ageOn(student.birthDate, startDate);
  const year = yearOfStudy(student.enrolmentYear, startDate);
  if (kind === "POSITION") {
    if (year <= 1) return reject("a first-year student may not start a position internship (2021 rules art. 16)");
    if (age < MIN_POSITION_AGE) return reject(`a student under ${MIN_POSITION_AGE} may not start a position internship (2021 rules art. 16)`);
  }
  return accept({ age, yearOfStudy: year });
}

/** A position internship lasts at most 6 months (start to end inclusive); any internship ends on or after it starts. */
export function checkDuration(kind: InternshipKindCode, startDate: string, endDate: string): RuleResult<{ days: number }> {
  if (endDate < startDate) return reject("must not be before startDate");
  if (kind === "POSITION" && endDate >= addMonths(startDate, MAX_POSITION_MONTHS)) {
    return reject(`a position internship lasts at most ${MAX_POSITION_MONTHS} months: end by ${addDays(addMonths(startDate, MAX_POSITION_MONTHS), -1)}`);
  }
  return accept({ days: daysBetween(startDate, endDate) + 1 });
}

/** 2021 rules art. 16: no internship in bars, KTV, game halls or internet cafés, nor heavy physical labour. */
export function checkWorkplace(industry: string, heavyPhysicalLabour: boolean): RuleResult<string> {
  const forbidden = Object.keys(FORBIDDEN_WORKPLACE_INDUSTRIES).find((code) => industry.startsWith(code));
  if (forbidden) return reject(`no internship at a place of entertainment (industry ${forbidden}) (2021 rules art. 16)`);
  if (heavyPhysicalLabour) return reject("no internship in heavy physical labour (2021 rules art. 16)");
  return accept(industry);
}

/** The most interns an enterprise of `headcount` staff, and a post of `postStaff`, may take. */
export function internCaps(headcount: number, postStaff: number): { enterprise: number; post: number } {
  // Exact in integers: floor(headcount × 10%), floor(postStaff × 20%).
  return { enterprise: Math.floor(Math.max(0, headcount) / 10), post: Math.floor((Math.max(0, postStaff) * 2) / 10) };
}

/**
 * Interns at most 10% of the enterprise's workforce and 20% of one post's staff, counting the new
 * one: `enterpriseInterns` and `postInterns` are the interns there already (on and off the platform).
 */
export function checkInternCounts(counts: { headcount: number; enterpriseInterns: number; postStaff: number; postInterns: number }): RuleResult<{ enterpriseCap: number; postCap: number }> {
  const caps = internCaps(counts.headcount, counts.postStaff);
  if (counts.enterpriseInterns + 1 > caps.enterprise) {
    return reject(`interns would exceed 10% of the enterprise's ${counts.headcount} staff: at most ${caps.enterprise}, ${counts.enterpriseInterns} already (2021 rules)`);
  }
  if (counts.postInterns + 1 > caps.post) {
    return reject(`interns would exceed 20% of the post's ${counts.postStaff} staff: at most ${caps.post}, ${counts.postInterns} already (2021 rules)`);
  }
  return accept({ enterpriseCap: caps.enterprise, postCap: caps.post });
}

/** 2021 rules art. 18: each month's pay at least 80% of the post's wage (exact: pay × 5 ≥ wage × 4). */
export function checkPayRecord(amount: number, postWage: number): RuleResult<{ minimum: number }> {
  if (!Number.isFinite(amount) || amount < 0) return reject("must be a number >= 0");
  const minimum = minimumInternPay(postWage);
  if (amount * 5 < postWage * 4) return reject(`monthly pay below 80% of the post's wage ${postWage}: minimum ${minimum} (2021 rules art. 18)`);
  return accept({ minimum });
}

// ---- work arrangements -----------------------------------------------------------------------

export interface Shift {
  date: string;
  /** HH:MM; an end at or before the start ends the next day. */
  start: string;
  end: string;
  /** A statutory holiday (weekends count as rest days without the flag). */
  publicHoliday: boolean;
}

export interface Filing {
  kind: FilingKindCode;
  from: string;
  to: string;
}

function minutes(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** Whether text is a time HH:MM (00:00–23:59). */
export function isTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/** What a shift needs a filing for: night work, more than 8 hours, a rest day or holiday. */
export function shiftNeeds(shift: Shift): FilingKindCode[] {
  const start = minutes(shift.start);
  let end = minutes(shift.end);
  if (end <= start) end += 24 * 60;
  const needs: FilingKindCode[] = [];
  // Night is 22:00–06:00 of this day and the next: [-120, 360] and [1320, 1800] minutes from midnight.
  const night = [[-120, NIGHT_END_MINUTES], [NIGHT_START_MINUTES, 24 * 60 + NIGHT_END_MINUTES]] as const;
  if (night.some(([a, b]) => start < b && end > a)) needs.push("NIGHT_SHIFT");
  if (end - start > NORMAL_DAILY_HOURS * 60) needs.push("OVERTIME");
  if (shift.publicHoliday || !isWorkingDay(shift.date)) needs.push("HOLIDAY");
  return needs;
}

const FILING_WORDS: Record<FilingKindCode, string> = { NIGHT_SHIFT: "a night shift", OVERTIME: "overtime", HOLIDAY: "work on a rest day or holiday" };

/**
 * 2021 rules (provincial copy): no night shifts, overtime or holiday work unless the arrangement
 * is filed with the school. A shift passes when every need is covered by a filing of its kind.
 */
export function checkShift(shift: Shift, filings: Filing[]): RuleResult<FilingKindCode[]> {
  const need = unfiledNeed(shift, filings);
  if (need) return reject(`${FILING_WORDS[need]} needs a filing with the school (2021 rules)`);
  return accept(shiftNeeds(shift));
}

/** The first need of a shift that no filing covers, or null. */
export function unfiledNeed(shift: Shift, filings: Filing[]): FilingKindCode | null {
  return shiftNeeds(shift).find((need) => !filings.some((f) => f.kind === need && f.from <= shift.date && shift.date <= f.to)) ?? null;
}

// ---- agreement and insurance -------------------------------------------------------------------

/** The parties who must confirm the agreement: school, enterprise, student, and a guardian under 18. */
export function requiredParties(birthDate: string, startDate: string): AgreementPartyCode[] {
  const parties: AgreementPartyCode[] = ["SCHOOL", "ENTERPRISE", "STUDENT"];
  if (ageOn(birthDate, startDate) < ADULT_AGE) parties.push("GUARDIAN");
  return parties;
}

/** Whether an insurance period covers the internship's whole period. */
export function insuranceCovers(insurance: { startDate: string; endDate: string } | null | undefined, period: { startDate: string; endDate: string }): boolean {
  return !!insurance && insurance.startDate <= period.startDate && insurance.endDate >= period.endDate;
}

/**
 * What an internship needs before it starts: every party's confirmation of the tripartite agreement
 * and liability insurance covering its period. Returns the first missing piece.
 */
export function checkReadyToStart(input: { required: AgreementPartyCode[]; confirmed: AgreementPartyCode[]; insurance: { startDate: string; endDate: string } | null | undefined; startDate: string; endDate: string }): RuleResult<true> {
  const missing = input.required.filter((p) => !input.confirmed.includes(p));
  if (missing.length) return reject(`the tripartite agreement lacks the confirmation of ${missing.join(", ")}`);
  if (!input.insurance) return reject("an internship needs liability insurance before it starts");
  if (!insuranceCovers(input.insurance, input)) return reject("the insurance period does not cover the internship");
  return accept(true);
}

// ---- alerts ----------------------------------------------------------------------------------

export type AlertKindCode = "NO_CHECK_IN" | "LOG_OVERDUE" | "ENDING_WITHOUT_EVALUATION" | "INSURANCE_ENDS_EARLY";

export interface AlertFinding {
  kind: AlertKindCode;
  /** The day the condition began (the first missed working day, the overdue week, the end date). */
  since: string;
  /** Missed working days, overdue logs, or days left. */
  count: number;
}

export interface AlertInput {
  active: boolean;
  startDate: string;
  endDate: string;
  insuranceEndDate: string | null;
  /** Days with a check-in. */
  checkInDays: string[];
  /** Approved leave periods (their days are not missed). */
  leaves: { from: string; to: string }[];
  /** Weeks (Mondays) with a submitted log. */
  logWeeks: string[];
  evaluated: boolean;
}

/** Working days without a check-in that raise an alert. */
export const MISSED_CHECK_IN_DAYS = 3;
/** Days before the end when a missing evaluation raises an alert. */
export const EVALUATION_LEAD_DAYS = 14;

/**
 * The alerts of one internship on day `on`: no check-in for 3 working days (before `on`, within
 * the period, leave days excused); a weekly log not in by the Monday after its week; the end
 * within 14 days without an evaluation; an insurance period ending before the internship does.
 */
export function internshipAlerts(input: AlertInput, on: string): AlertFinding[] {
  const alerts: AlertFinding[] = [];
  const onLeave = (day: string) => input.leaves.some((l) => l.from <= day && day <= l.to);
  if (input.active && on > input.startDate) {
    const last = input.checkInDays.filter((d) => d < on).sort().pop();
    let day = last ? addDays(last, 1) : input.startDate;
    const lastDay = addDays(on, -1) < input.endDate ? addDays(on, -1) : input.endDate;
    let missed = 0;
    let since: string | null = null;
    for (; day <= lastDay; day = addDays(day, 1)) {
      if (!isWorkingDay(day) || onLeave(day)) continue;
      missed += 1;
      since ??= day;
    }
    if (missed >= MISSED_CHECK_IN_DAYS) alerts.push({ kind: "NO_CHECK_IN", since: since!, count: missed });
  }
  if (input.active) {
    const submitted = new Set(input.logWeeks);
    const overdue: string[] = [];
    for (let week = mondayOf(input.startDate); week <= input.endDate && addDays(week, 7) < on; week = addDays(week, 7)) {
      if (!submitted.has(week)) overdue.push(week);
    }
    if (overdue.length) alerts.push({ kind: "LOG_OVERDUE", since: overdue[0]!, count: overdue.length });
    const left = daysBetween(on, input.endDate);
    if (!input.evaluated && left >= 0 && left <= EVALUATION_LEAD_DAYS) alerts.push({ kind: "ENDING_WITHOUT_EVALUATION", since: input.endDate, count: left });
  }
  if (input.insuranceEndDate && input.insuranceEndDate < input.endDate && on <= input.endDate) {
    alerts.push({ kind: "INSURANCE_ENDS_EARLY", since: input.insuranceEndDate, count: daysBetween(input.insuranceEndDate, input.endDate) });
  }
  return alerts;
}
