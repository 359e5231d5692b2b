import crypto from "node:crypto";
import { Types } from "mongoose";
import { EnterpriseModel, type Enterprise } from "../../schema/enterprise.model";
import type { EmploymentOutcomeInput } from "../../schema/inputs/outcome.input";
import { EmploymentOutcomeModel, OutcomeStatus, type EmploymentOutcome } from "../../schema/outcome.model";
import type { RecordOutcomesResult } from "../../schema/report.types";
import { MarkerModel } from "../../schema/profile-chunk.model";
import { SchoolModel, type School } from "../../schema/school.model";
import { StudentModel, type Student } from "../../schema/student.model";
import { Role } from "../../schema/enums";
import { majorCategoryOf } from "../../schema/reference/majors";
import { checkCreditCode, checkDistrict, checkIndustry, checkNationalId } from "../../schema/rules";
import { inScope, scopeStudents, type Viewer } from "../auth";
import { ConflictError, ForbiddenError, isDuplicateKeyError, type FieldProblem } from "../errors";
import { CounterDeltas, rebuildCounters } from "../reports/counters";
import type { PersonalDataCipher } from "../security/crypto";
import { findByIds, inParallel, toObjectId } from "./pagination";
import { checkRowCount, throwRowProblems } from "./bulk";
import { Problems, checkDate, checkInt, checkText } from "./problems";
import type { KeyClaims } from "./key-claims";
import { nidKey } from "./student.service";

type OutcomeFields = Omit<EmploymentOutcome, "createdAt">;

const currentKeyOf = (student: Types.ObjectId, year: number) => `${String(student)}:${year}`;

/** The first graduation year a destination may be recorded for (see validateRow). */
const FIRST_YEAR = 1981;

/**
 * The claim key of the n-th record (0 the first) of a student's destination for a graduation year:
 * the records of (student, year) are the owners of slots 0, 1, ... up to the first free one, the
 * last existing one being current. Claimed before the record is written, like a national ID.
 */
export function outcomeKey(student: Types.ObjectId | string, year: number, slot: number): string {
  return `outcome:${String(student)}:${year}:${slot}`;
}

/** Graduate destinations (毕业去向): recorded by schools for their graduates and by the bureau for all. */
export class OutcomeService {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly claims: KeyClaims,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  /**
   * Records up to 5,000 destinations, all or nothing: every row is checked first (student in the
   * viewer's scope, graduation year, status, employer, GB/T 2260 district, GB/T 4754 industry,
   * date); any problem rejects the call with each row's errors and writes nothing. A row for a
   * (student, year) that already has a current record replaces it; the old one is kept as history.
   *
   * Without transactions: (1) each row claims the next slot of its (student, year) (outcomeKey), so
   * of two writers of the same destination one gets CONFLICT, (2) each replaced record is flipped
   * to history, (3) the new records are inserted as current under the unique `currentKey`, (4) the
   * counters get the deltas. If (2) or (3) fails, this call's records are deleted, flipped records
   * restored and its claims released. Everything is read by _id (the one look-up FerretDB's SQLite
   * backend indexes, given ferretdb/id_index.go), so a call costs in proportion to its rows, not
   * to the students or outcomes.
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

    const places = await inParallel(documents, (doc) => this.latest(doc.student, doc.graduationYear));
    const claims = documents.map((doc, i) => ({ key: outcomeKey(doc.student, doc.graduationYear, places[i]!.slot), owner: doc._id }));
    const taken = new Set(await this.claims.claim(claims, batch, async (owner) => (await EmploymentOutcomeModel.exists({ _id: owner })) !== null));
    if (taken.size > 0) {
      const replacing = claims.some((claim, i) => taken.has(claim.key) && places[i]!.previous);
      throw new ConflictError("rows", `a destination of these students ${replacing ? "changed" : "was recorded"} meanwhile; nothing recorded`);
    }
    const previous = places.flatMap((place) => (place.previous ? [place.previous] : []));
    const flipped: EmploymentOutcome[] = [];
    let attempted = 0;
    const undo = async () => {
      await inParallel(documents.slice(0, attempted), (doc) => EmploymentOutcomeModel.deleteOne({ _id: doc._id }));
      for (const old of flipped) {
        await EmploymentOutcomeModel.updateOne({ _id: old._id }, { $set: { current: true, currentKey: old.currentKey } }).catch(() => undefined);
      }
      await this.claims.release(batch, claims.map((claim) => claim.key));
    };
    try {
      // The slot claimed is this call's alone, so is the record before it: flipped by _id, unguarded.
      // One that is history already (a write interrupted after flipping it) is replaced as it is.
      await inParallel(previous.filter((old) => old.current), async (old) => {
        await EmploymentOutcomeModel.updateOne({ _id: old._id }, { $set: { current: false, currentKey: `${old.currentKey}:${String(old._id)}` } });
        flipped.push(old);
      });
      for (let i = 0; i < documents.length; i += 1000) {
        attempted = Math.min(documents.length, i + 1000);
        await EmploymentOutcomeModel.insertMany(documents.slice(i, i + 1000), { ordered: true });
      }
    } catch (err) {
      await undo();
      if (isDuplicateKeyError(err)) throw new ConflictError("rows", "a destination of these students was recorded meanwhile; nothing recorded");
      throw err;
    }
    // Every replaced record, flipped now or before: until its successor is written it is counted.
    const deltas = new CounterDeltas();
    for (const old of previous) deltas.add(old, -1);
    for (const doc of documents) deltas.add(doc, 1);
    await deltas.apply();
    // The first 100 by _id, read by _id (a filter on the batch would read every outcome).
    const outcomes = await findByIds<EmploymentOutcome>(EmploymentOutcomeModel, documents.map((doc) => String(doc._id)).sort().slice(0, 100));
    return { recorded: documents.length, replaced: previous.length, batchId: batch, outcomes };
  }

  /** Every record (current and history) of a student the viewer may read, newest first. */
  async history(viewer: Viewer, studentId: string, graduationYear?: number | null): Promise<EmploymentOutcome[]> {
    const id = toObjectId("studentId", studentId);
    const scope = scopeStudents(viewer);
    const student = await StudentModel.findById(id, { school: 1 }).lean<Pick<Student, "_id" | "school">>();
    if (!student || !inScope(scope, student)) return [];
    // Without a year, every year a destination can be recorded for: a few dozen claim reads by _id.
    const thisYear = Number(this.today().slice(0, 4));
    const years = graduationYear ? [graduationYear] : Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
    const owners = (await inParallel(years, (year) => this.slotOwners(id, year))).flat();
    const records = await findByIds<EmploymentOutcome>(EmploymentOutcomeModel, owners.map(String));
    return records.sort((a, b) => (String(a._id) < String(b._id) ? 1 : -1));
  }

  /** Recounts a year's retention counters from the current outcomes (repair after an interrupted write). */
  async rebuildCounters(year: number): Promise<number> {
    return rebuildCounters(year);
  }

  /**
   * Claims the slots (outcomeKey) of outcomes recorded before slots existed, once per database:
   * one read of every outcome; later calls only read the marker. Runs before the server takes
   * requests. Returns the records read.
   */
  async ensureSlotsClaimed(): Promise<number> {
    const marker = "outcome-slots:v1";
    if (await MarkerModel.exists({ _id: marker })) return 0;
    const records = await EmploymentOutcomeModel.find({}, { student: 1, graduationYear: 1, current: 1 }).lean<Pick<EmploymentOutcome, "_id" | "student" | "graduationYear" | "current">[]>();
    // Each (student, year): its history in the order recorded (_id), then its current record.
    records.sort((a, b) => Number(a.current) - Number(b.current) || (String(a._id) < String(b._id) ? -1 : 1));
    const next = new Map<string, number>();
    const claims = records.map((r) => {
      const key = currentKeyOf(r.student, r.graduationYear);
      const slot = next.get(key) ?? 0;
      next.set(key, slot + 1);
      return { key: outcomeKey(r.student, r.graduationYear, slot), owner: r._id };
    });
    // Slots already held were claimed by a build interrupted before its marker.
    await this.claims.claimUnheld(claims, marker);
    await MarkerModel.create({ _id: marker, at: new Date() });
    return records.length;
  }

  /**
   * Students, enterprises and schools the rows refer to, each read by _id; a student by national ID
   * through the claim of its keyed hash (as StudentService.findByNationalId). Students outside the
   * viewer's scope are left out: rows naming them read as naming no student.
   */
  private async loadReferences(viewer: Viewer, rows: EmploymentOutcomeInput[]) {
    const scope = scopeStudents(viewer);
    const ids = new Set<string>();
    const hashes = new Set<string>();
    const employerIds = new Set<string>();
    for (const row of rows) {
      if (typeof row.studentId === "string" && Types.ObjectId.isValid(row.studentId)) ids.add(String(new Types.ObjectId(row.studentId)));
      if (typeof row.nationalId === "string") {
        const checked = checkNationalId(row.nationalId, this.today());
        if (checked.ok) hashes.add(this.cipher.lookupHash("nid", checked.value.normalized));
      }
      if (typeof row.employerId === "string" && Types.ObjectId.isValid(row.employerId)) employerIds.add(String(new Types.ObjectId(row.employerId)));
    }
    const owners = await inParallel([...hashes], async (hash) => ({ hash, owner: await this.claims.ownerOf(nidKey(hash)) }));
    for (const { owner } of owners) if (owner) ids.add(String(owner));
    const found = (await findByIds<Student>(StudentModel, [...ids])).filter((s) => inScope(scope, s));
    const students = new Map<string, Student>(found.map((s) => [`id:${String(s._id)}`, s]));
    for (const { hash, owner } of owners) {
      // A claim whose student was never written (an import that died) names no student.
      const student = owner ? students.get(`id:${String(owner)}`) : undefined;
      if (student && student.nationalIdHash === hash) students.set(`nid:${hash}`, student);
    }
    const employers = await findByIds<Enterprise>(EnterpriseModel, [...employerIds]);
    const schoolList = await findByIds<School>(SchoolModel, [...new Set(found.map((s) => String(s.school)))]);
    return {
      students,
      enterprises: new Map(employers.map((e) => [String(e._id), e])),
      schools: new Map(schoolList.map((s) => [String(s._id), s])),
    };
  }

  /** The owners of the slots of (student, year) in the order recorded, up to the first free slot. */
  private async slotOwners(student: Types.ObjectId, year: number): Promise<Types.ObjectId[]> {
    const owners: Types.ObjectId[] = [];
    for (;;) {
      const owner = await this.claims.ownerOf(outcomeKey(student, year, owners.length));
      if (!owner) return owners;
      owners.push(owner);
    }
  }

  /**
   * Where a new record of (student, year) goes: the slot after the latest record that exists, which
   * it replaces. A last slot whose record is missing (a write in flight, or one that died) is
   * claimed again: KeyClaims takes it over once stale, and reports a conflict until then.
   */
  private async latest(student: Types.ObjectId, year: number): Promise<{ slot: number; previous: EmploymentOutcome | null }> {
    const owners = await this.slotOwners(student, year);
    for (let slot = owners.length - 1; slot >= 0; slot--) {
      const previous = await EmploymentOutcomeModel.findById(owners[slot]).lean<EmploymentOutcome>();
      if (previous) return { slot: slot + 1, previous };
    }
    return { slot: 0, previous: null };
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
    const year = checkInt(problems, "graduationYear", row.graduationYear, FIRST_YEAR, Number(today.slice(0, 4)));
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
