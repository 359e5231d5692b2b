import crypto from "node:crypto";
import type { Enterprise, EmploymentOutcome, School, Student } from "../store/documents";
import type { EmploymentOutcomeInput } from "../../schema/inputs/outcome.input";
import { OutcomeStatus } from "../../schema/outcome-status";
import type { RecordOutcomesResult } from "../../schema/report.types";
import { Role } from "../../schema/enums";
import { majorCategoryOf } from "../../schema/reference/majors";
import { checkCreditCode, checkDistrict, checkIndustry, checkNationalId } from "../../schema/rules";
import { inScope, scopeStudents } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { ConflictError, ForbiddenError, type FieldProblem } from "../errors";
import type { PersonalDataCipher } from "../security/crypto";
import { OutcomeConflict, type NewOutcome, type OutcomesStore, type RecordedOutcomes } from "../store/outcomes.store";
import type { RetentionCounters } from "../store/counters";
import { checkRowCount, throwRowProblems } from "./bulk";
import { Problems, checkDate, checkInt, checkText } from "./problems";

/** The first graduation year a destination may be recorded for (see validateRow). */
const FIRST_YEAR = 1981;

/** Graduate destinations (毕业去向): recorded by schools for their graduates and by the bureau for all. */
export class OutcomeService {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly store: OutcomesStore,
    private readonly counters: RetentionCounters,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  /**
   * Records up to 5,000 destinations, all or nothing: every row is checked first (student in the
   * viewer's scope, graduation year, status, employer, GB/T 2260 district, GB/T 4754 industry,
   * date); any problem rejects the call with each row's errors and writes nothing. A row for a
   * (student, year) that already has a current record replaces it; the old one is kept as history.
   * Of two writers of the same destination at once, the later gets CONFLICT (OutcomesStore.record).
   */
  async record(viewer: Viewer, rows: EmploymentOutcomeInput[]): Promise<RecordOutcomesResult> {
    if (viewer.role !== Role.BUREAU && viewer.role !== Role.SCHOOL) throw new ForbiddenError("only schools and the bureau record destinations");
    checkRowCount(rows, "rows", "record");
    const references = await this.loadReferences(viewer, rows);
    const problems: FieldProblem[] = [];
    const documents: NewOutcome[] = [];
    const rowOfKey = new Map<string, number>();
    rows.forEach((row, index) => {
      const rowProblems = new Problems("", index + 1);
      const fields = this.validateRow(row, rowProblems, references);
      if (fields) {
        const key = `${String(fields.student)}:${fields.graduationYear}`;
        const earlier = rowOfKey.get(key);
        if (earlier !== undefined) rowProblems.add("studentId", `same student and graduation year as row ${earlier}`);
        else rowOfKey.set(key, index + 1);
        documents.push(fields);
      }
      problems.push(...rowProblems.list);
    });
    throwRowProblems(problems, rows.length, "nothing recorded");

    const batch = crypto.randomUUID();
    let result: RecordedOutcomes;
    try {
      result = await this.store.record(documents, batch, viewer.userId);
    } catch (err) {
      if (err instanceof OutcomeConflict) throw new ConflictError("rows", `a destination of these students ${err.replacing ? "changed" : "was recorded"} meanwhile; nothing recorded`);
      throw err;
    }
    await this.counters.add(result.written, result.demoted);
    const outcomes = [...result.written].sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1)).slice(0, 100);
    return { recorded: result.written.length, replaced: result.replaced.length, batchId: batch, outcomes };
  }

  /** Every record (current and history) of a student the viewer may read, newest first. */
  async history(viewer: Viewer, studentId: string, graduationYear?: number | null): Promise<EmploymentOutcome[]> {
    const scope = scopeStudents(viewer);
    const [student] = await this.store.students([studentId]);
    if (!student || !inScope(scope, student)) return [];
    return this.store.history(studentId, graduationYear);
  }

  /** Recounts a year's retention counters from the current outcomes (repair after an interrupted write). */
  async rebuildCounters(year: number): Promise<number> {
    return this.counters.rebuild(year);
  }

  /**
   * Students, enterprises and schools the rows refer to: by id, a student by national ID through
   * its keyed hash (a unique, indexed field). Students outside the viewer's scope are left out:
   * rows naming them read as naming no student.
   */
  private async loadReferences(viewer: Viewer, rows: EmploymentOutcomeInput[]): Promise<References> {
    const scope = scopeStudents(viewer);
    const ids = new Set<string>();
    const hashes = new Set<string>();
    const employerIds = new Set<string>();
    for (const row of rows) {
      if (typeof row.studentId === "string" && this.store.isId(row.studentId)) ids.add(row.studentId.toLowerCase());
      if (typeof row.nationalId === "string") {
        const checked = checkNationalId(row.nationalId, this.today());
        if (checked.ok) hashes.add(this.cipher.lookupHash("nid", checked.value.normalized));
      }
      if (typeof row.employerId === "string" && this.store.isId(row.employerId)) employerIds.add(row.employerId.toLowerCase());
    }
    const [byId, byHash, employers] = await Promise.all([this.store.students([...ids]), this.store.studentsByNationalIdHash([...hashes]), this.store.enterprises([...employerIds])]);
    const students = new Map<string, Student>();
    for (const s of byId) if (inScope(scope, s)) students.set(`id:${String(s._id)}`, s);
    for (const [hash, s] of byHash) if (inScope(scope, s)) students.set(`nid:${hash}`, s);
    const schoolIds = new Set([...students.values()].map((s) => String(s.school)));
    const schoolList = await this.store.schools([...schoolIds]);
    return {
      students,
      enterprises: new Map(employers.map((e) => [String(e._id), e])),
      schools: new Map(schoolList.map((s) => [String(s._id), s])),
    };
  }

  /** Checks one row; returns the stored fields (without batch and author), or undefined with problems recorded. */
  private validateRow(row: EmploymentOutcomeInput, problems: Problems, { students, enterprises, schools }: References): NewOutcome | undefined {
    const today = this.today();
    let student: Student | undefined;
    const hasId = typeof row.studentId === "string" && row.studentId.length > 0;
    const hasNid = typeof row.nationalId === "string" && row.nationalId.length > 0;
    if (hasId === hasNid) {
      problems.add("studentId", "give either studentId or nationalId");
    } else if (hasId) {
      if (!this.store.isId(row.studentId!)) problems.add("studentId", `not a valid id: "${row.studentId}"`);
      // Students outside the viewer's school are reported exactly like unknown ones.
      else if (!(student = students.get(`id:${row.studentId!.toLowerCase()}`))) problems.add("studentId", "no such student in your scope");
    } else {
      const checked = problems.check("nationalId", checkNationalId(row.nationalId, today));
      if (checked && !(student = students.get(`nid:${this.cipher.lookupHash("nid", checked.normalized)}`))) problems.add("nationalId", "no student with this national ID in your scope");
    }
    const year = checkInt(problems, "graduationYear", row.graduationYear, FIRST_YEAR, Number(today.slice(0, 4)));
    if (student && year !== undefined && student.graduationYear !== year) problems.add("graduationYear", `the student graduates in ${student.graduationYear}, not ${year}`);
    if (!Object.values(OutcomeStatus).includes(row.status)) problems.add("status", "unknown status");
    const date = checkDate(problems, "date", row.date);
    if (date && date > today) problems.add("date", "must not be in the future");
    if (date && year !== undefined && Number(date.slice(0, 4)) < year - 1) problems.add("date", "is more than a year before graduation");
    const source = checkText(problems, "source", row.source, 1, 50);

    const employed = row.status === OutcomeStatus.EMPLOYED;
    let employer: Enterprise["_id"] | null = null;
    let employerName: string | null = null;
    let employerCreditCode: string | null = null;
    let workDistrict: string | null = null;
    let inCity = false;
    let industry: string | null = null;
    let relatedToMajor: boolean | null = null;
    if (employed) {
      let enterprise: Enterprise | undefined;
      const hasName = Boolean(row.employerName) || Boolean(row.employerCreditCode);
      if (row.employerId && hasName) problems.add("employerId", "give either employerId or employerName with employerCreditCode");
      else if (row.employerId) {
        enterprise = enterprises.get(row.employerId.toLowerCase());
        if (!enterprise) problems.add("employerId", "no such enterprise");
        else {
          employer = enterprise._id;
          employerName = enterprise.name;
          employerCreditCode = enterprise.creditCode;
        }
      } else {
        employerName = checkText(problems, "employerName", row.employerName, 2, 100) ?? null;
        employerCreditCode = problems.check("employerCreditCode", checkCreditCode(row.employerCreditCode))?.normalized ?? null;
      }
      const district = problems.check("workDistrict", checkDistrict(row.workDistrict ?? enterprise?.district ?? ""));
      if (district) {
        workDistrict = district.code;
        inCity = district.inCity;
      }
      const checkedIndustry = problems.check("industry", checkIndustry(row.industry ?? enterprise?.industry ?? ""));
      if (checkedIndustry && checkedIndustry.level === 1) problems.add("industry", "must be a division, group or class code (2–4 digits), not a section letter");
      else if (checkedIndustry) industry = checkedIndustry.code;
      if (typeof row.relatedToMajor !== "boolean") problems.add("relatedToMajor", "required for EMPLOYED");
      else relatedToMajor = row.relatedToMajor;
    } else {
      const given = (["employerId", "employerName", "employerCreditCode", "workDistrict", "industry", "relatedToMajor"] as const).filter((f) => row[f] !== undefined && row[f] !== null);
      for (const field of given) problems.add(field, "only for EMPLOYED");
    }
    if (!problems.empty || !student) return undefined;
    const school = schools.get(String(student.school));
    if (!school) {
      problems.add("studentId", "the student's school no longer exists");
      return undefined;
    }
    return {
      student: student._id,
      school: student.school,
      schoolLevel: school.level,
      major: student.major,
      majorCategory: majorCategoryOf(student.major),
      graduationYear: year!,
      status: row.status,
      employer,
      employerName,
      employerCreditCode,
      workDistrict,
      inCity,
      industry,
      industryDivision: industry ? industry.slice(0, 2) : null,
      relatedToMajor,
      date: date!,
      source: source!,
    };
  }
}

interface References {
  students: Map<string, Student>;
  enterprises: Map<string, Enterprise>;
  schools: Map<string, School>;
}
