import crypto from "node:crypto";
import { Types, trusted } from "mongoose";
import { EnterpriseModel, type Enterprise } from "../../schema/enterprise.model";
import type { EmploymentOutcomeInput } from "../../schema/inputs/outcome.input";
import { EmploymentOutcomeModel, OutcomeStatus, type EmploymentOutcome } from "../../schema/outcome.model";
import type { RecordOutcomesResult } from "../../schema/report.types";
import { SchoolModel, type School } from "../../schema/school.model";
import { StudentModel, type Student } from "../../schema/student.model";
import { Role } from "../../schema/enums";
import { majorCategoryOf } from "../../schema/reference/majors";
import { checkCreditCode, checkDistrict, checkIndustry, checkNationalId } from "../../schema/rules";
import { scopeStudents, type Viewer } from "../auth";
import { ConflictError, ForbiddenError, isDuplicateKeyError, type FieldProblem } from "../errors";
import { CounterDeltas, rebuildCounters } from "../reports/counters";
import type { PersonalDataCipher } from "../security/crypto";
import { toObjectId } from "./pagination";
import { checkRowCount, throwRowProblems } from "./bulk";
import { Problems, checkDate, checkInt, checkText } from "./problems";

type OutcomeFields = Omit<EmploymentOutcome, "createdAt">;

const currentKeyOf = (student: Types.ObjectId, year: number) => `${String(student)}:${year}`;

/** Graduate destinations (毕业去向): recorded by schools for their graduates and by the bureau for all. */
export class OutcomeService {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  /**
   * Records up to 5,000 destinations, all or nothing: every row is checked first (student in the
   * viewer's scope, graduation year, status, employer, GB/T 2260 district, GB/T 4754 industry,
   * date); any problem rejects the call with each row's errors and writes nothing. A row for a
   * (student, year) that already has a current record replaces it; the old one is kept as history.
   *
   * Without transactions: (1) each replaced record is flipped to history with a guarded
   * single-document update (only if it is still current), (2) the new records are inserted as
   * current under the unique `currentKey`, (3) the counters get the deltas. If (1) or (2) meets a
   * concurrent writer, this call's records are deleted, flipped records restored, and CONFLICT
   * is returned.
   */
  async record(viewer: Viewer, rows: EmploymentOutcomeInput[]): Promise<RecordOutcomesResult> {
    if (viewer.role !== Role.BUREAU && viewer.role !== Role.SCHOOL) throw new ForbiddenError("only schools and the bureau record destinations");
    checkRowCount(rows, "rows", "record");
    const batch = crypto.randomUUID();
    const { students, enterprises, schools } = await this.loadReferences(viewer, rows);
    const problems: FieldProblem[] = [];
    const documents: OutcomeFields[] = [];
    const rowOfKey = new Map<string, number>();
    rows.forEach((row, index) => {
      const rowProblems = new Problems("", index + 1);
      const fields = this.validateRow(row, rowProblems, students, enterprises, schools);
      if (fields) {
        const earlier = rowOfKey.get(fields.currentKey);
        if (earlier !== undefined) rowProblems.add("studentId", `same student and graduation year as row ${earlier}`);
        else rowOfKey.set(fields.currentKey, index + 1);
        documents.push({ ...fields, batch, recordedBy: viewer.userId });
      }
      problems.push(...rowProblems.list);
    });
    throwRowProblems(problems, rows.length, "nothing recorded");

    const previous = await EmploymentOutcomeModel.find({ currentKey: trusted({ $in: [...rowOfKey.keys()] }) }).lean<EmploymentOutcome[]>();
    const flipped: EmploymentOutcome[] = [];
    const undo = async () => {
      await EmploymentOutcomeModel.deleteMany({ batch });
      for (const old of flipped) {
        await EmploymentOutcomeModel.updateOne({ _id: old._id, current: false }, { $set: { current: true, currentKey: old.currentKey } }).catch(() => undefined);
      }
    };
    for (const old of previous) {
      const done = await EmploymentOutcomeModel.findOneAndUpdate(
        { _id: old._id, current: true },
        { $set: { current: false, currentKey: `${old.currentKey}:${String(old._id)}` } },
      ).lean<EmploymentOutcome>();
      if (!done) {
        await undo();
        throw new ConflictError("rows", "a destination of these students changed meanwhile; nothing recorded");
      }
      flipped.push(old);
    }
    try {
      for (let i = 0; i < documents.length; i += 1000) await EmploymentOutcomeModel.insertMany(documents.slice(i, i + 1000), { ordered: true });
    } catch (err) {
      await undo();
      if (isDuplicateKeyError(err)) throw new ConflictError("rows", "a destination of these students was recorded meanwhile; nothing recorded");
      throw err;
    }
    const deltas = new CounterDeltas();
    for (const old of flipped) deltas.add(old, -1);
    for (const doc of documents) deltas.add(doc, 1);
    await deltas.apply();
    const outcomes = await EmploymentOutcomeModel.find({ batch }).sort({ _id: 1 }).limit(100).lean<EmploymentOutcome[]>();
    return { recorded: documents.length, replaced: flipped.length, batchId: batch, outcomes };
  }

  /** Every record (current and history) of a student the viewer may read, newest first. */
  async history(viewer: Viewer, studentId: string, graduationYear?: number | null): Promise<EmploymentOutcome[]> {
    const id = toObjectId("studentId", studentId);
    const student = await StudentModel.findOne({ $and: [{ _id: id }, scopeStudents(viewer)] }, { _id: 1 }).lean();
    if (!student) return [];
    const filter: Record<string, unknown> = { student: id };
    if (graduationYear) filter.graduationYear = graduationYear;
    return EmploymentOutcomeModel.find(filter).sort({ _id: -1 }).lean<EmploymentOutcome[]>();
  }

  /** Recounts a year's retention counters from the current outcomes (repair after an interrupted write). */
  async rebuildCounters(year: number): Promise<number> {
    return rebuildCounters(year);
  }

  /** Students, enterprises and schools the rows refer to, each with one query. */
  private async loadReferences(viewer: Viewer, rows: EmploymentOutcomeInput[]) {
    const ids: Types.ObjectId[] = [];
    const hashes: string[] = [];
    const employerIds: Types.ObjectId[] = [];
    for (const row of rows) {
      if (typeof row.studentId === "string" && Types.ObjectId.isValid(row.studentId)) ids.push(new Types.ObjectId(row.studentId));
      if (typeof row.nationalId === "string") {
        const checked = checkNationalId(row.nationalId, this.today());
        if (checked.ok) hashes.push(this.cipher.lookupHash("nid", checked.value.normalized));
      }
      if (typeof row.employerId === "string" && Types.ObjectId.isValid(row.employerId)) employerIds.push(new Types.ObjectId(row.employerId));
    }
    const found = await StudentModel.find(
      { $and: [{ $or: [{ _id: trusted({ $in: ids }) }, { nationalIdHash: trusted({ $in: hashes }) }] }, scopeStudents(viewer)] },
      { _id: 1, school: 1, major: 1, graduationYear: 1, nationalIdHash: 1 },
    ).lean<Pick<Student, "_id" | "school" | "major" | "graduationYear" | "nationalIdHash">[]>();
    const students = new Map<string, (typeof found)[number]>();
    for (const s of found) {
      students.set(`id:${String(s._id)}`, s);
      students.set(`nid:${s.nationalIdHash}`, s);
    }
    const employers = employerIds.length ? await EnterpriseModel.find({ _id: trusted({ $in: employerIds }) }).lean<Enterprise[]>() : [];
    const schoolIds = [...new Set(found.map((s) => String(s.school)))].map((id) => new Types.ObjectId(id));
    const schoolList = schoolIds.length ? await SchoolModel.find({ _id: trusted({ $in: schoolIds }) }).lean<School[]>() : [];
    return {
      students,
      enterprises: new Map(employers.map((e) => [String(e._id), e])),
      schools: new Map(schoolList.map((s) => [String(s._id), s])),
    };
  }

  /** Checks one row; returns the stored fields (without batch and author), or undefined with problems recorded. */
  private validateRow(
    row: EmploymentOutcomeInput,
    problems: Problems,
    students: Map<string, Pick<Student, "_id" | "school" | "major" | "graduationYear">>,
    enterprises: Map<string, Enterprise>,
    schools: Map<string, School>,
  ): Omit<OutcomeFields, "batch" | "recordedBy"> | undefined {
    const today = this.today();
    let student: Pick<Student, "_id" | "school" | "major" | "graduationYear"> | undefined;
    const hasId = typeof row.studentId === "string" && row.studentId.length > 0;
    const hasNid = typeof row.nationalId === "string" && row.nationalId.length > 0;
    if (hasId === hasNid) {
      problems.add("studentId", "give either studentId or nationalId");
    } else if (hasId) {
      if (!Types.ObjectId.isValid(row.studentId!)) problems.add("studentId", `not a valid id: "${row.studentId}"`);
      // Students outside the viewer's school are reported exactly like unknown ones.
      else if (!(student = students.get(`id:${String(new Types.ObjectId(row.studentId!))}`))) problems.add("studentId", "no such student in your scope");
    } else {
      const checked = problems.check("nationalId", checkNationalId(row.nationalId, today));
      if (checked && !(student = students.get(`nid:${this.cipher.lookupHash("nid", checked.normalized)}`))) problems.add("nationalId", "no student with this national ID in your scope");
    }
    const year = checkInt(problems, "graduationYear", row.graduationYear, 1981, Number(today.slice(0, 4)));
    if (student && year !== undefined && student.graduationYear !== year) problems.add("graduationYear", `the student graduates in ${student.graduationYear}, not ${year}`);
    if (!Object.values(OutcomeStatus).includes(row.status)) problems.add("status", "unknown status");
    const date = checkDate(problems, "date", row.date);
    if (date && date > today) problems.add("date", "must not be in the future");
    if (date && year !== undefined && Number(date.slice(0, 4)) < year - 1) problems.add("date", "is more than a year before graduation");
    const source = checkText(problems, "source", row.source, 1, 50);

    const employed = row.status === OutcomeStatus.EMPLOYED;
    let employer: Types.ObjectId | null = null;
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
        enterprise = enterprises.get(Types.ObjectId.isValid(row.employerId) ? String(new Types.ObjectId(row.employerId)) : "");
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
    const _id = new Types.ObjectId();
    return {
      _id,
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
      current: true,
      currentKey: currentKeyOf(student._id, year!),
    };
  }
}
