import crypto from "node:crypto";
import type { Id, Student, School } from "../store/documents";
import type { StudentFilter } from "../../schema/inputs/misc.input";
import type { StudentInput, UpdateStudentInput } from "../../schema/inputs/student.input";
import { Gender } from "../../schema/enums";
import { checkDistrict, checkMajor, checkNationalId, checkPhone, maskNationalId, maskPhone } from "../../schema/rules";
import { canSeeIdentity, inScope, scopeStudents } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, type FieldProblem } from "../errors";
import type { PersonalDataCipher } from "../security/crypto";
import { stripUndefined } from "./enterprise.service";
import { DuplicateKey, type PageArgs, type StudentFields, type StudentsStore } from "../store";
import { toObjectId } from "./ids";
import { checkRowCount, throwRowProblems } from "./bulk";
import { Problems, checkInt, checkStringList, checkText } from "./problems";
import type { SchoolService } from "./school.service";

/** A new student's stored fields without the empty ones (no phone, no skills, no certificates): see the model. */
function withoutEmpty(fields: StudentFields): StudentFields {
  const { phoneEncrypted, phoneHash, phoneMasked, skills, certificates, ...rest } = fields;
  return {
    ...rest,
    ...(phoneEncrypted ? { phoneEncrypted, phoneHash, phoneMasked } : {}),
    ...(skills?.length ? { skills } : {}),
    ...(certificates?.length ? { certificates } : {}),
  };
}

export interface ImportResult {
  imported: number;
  batchId: string;
  ids: string[];
}

export class StudentService {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly schools: SchoolService,
    private readonly store: StudentsStore,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  /** Students the viewer may list (the bureau all, a school its own), filtered, in _id order. */
  async list(viewer: Viewer, filter: StudentFilter | undefined, page: PageArgs) {
    const scope = scopeStudents(viewer); // enterprises may not list students
    let school: string | undefined = scope.school;
    if (filter?.schoolId) {
      const schoolId = String(toObjectId("filter.schoolId", filter.schoolId));
      if (!inScope(scope, { school: schoolId })) throw new ForbiddenError("not your school");
      school = schoolId;
    }
    return this.store.list({ school, major: filter?.major ?? undefined, graduationYear: filter?.graduationYear ?? undefined }, page);
  }

  /** A student the viewer may read directly (the bureau or the student's school), or NOT_FOUND. */
  async get(viewer: Viewer, id: string, field = "id"): Promise<Student> {
    const student = await this.store.inScope(toObjectId(field, id), scopeStudents(viewer));
    if (!student) throw new NotFoundError("student", id);
    return student;
  }

  byId(id: Id): Promise<Student | null> {
    return this.store.byId(id);
  }

  /** The national ID as this viewer may see it: full for the student's own school, masked for everyone else. */
  nationalIdFor(viewer: Viewer, student: Student): string {
    return canSeeIdentity(viewer, String(student.school)) ? this.cipher.decrypt(student.nationalIdEncrypted) : student.nationalIdMasked;
  }

  phoneFor(viewer: Viewer, student: Student): string | null {
    if (!student.phoneEncrypted) return null;
    return canSeeIdentity(viewer, String(student.school)) ? this.cipher.decrypt(student.phoneEncrypted) : student.phoneMasked ?? null;
  }

  /** Finds a student by national ID (the keyed hash), within what the viewer may read. */
  async findByNationalId(viewer: Viewer, nationalId: string): Promise<Student | null> {
    const checked = checkNationalId(nationalId, this.today());
    if (!checked.ok) throw new BadUserInputError("nationalId", checked.message);
    const student = await this.store.byNationalIdHash(this.cipher.lookupHash("nid", checked.value.normalized));
    return student && inScope(scopeStudents(viewer), student) ? student : null;
  }

  async create(viewer: Viewer, schoolId: string, input: StudentInput): Promise<Student> {
    const school = await this.schools.getManaged(viewer, schoolId);
    const problems = new Problems();
    const fields = this.validateRow(input, school, problems);
    problems.throwIfAny();
    let created: Student;
    try {
      created = await this.store.create({ ...withoutEmpty(fields!), importBatch: crypto.randomUUID() });
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("nationalId", "a student with this national ID exists");
      throw err;
    }
    return created;
  }

  async update(viewer: Viewer, id: string, input: UpdateStudentInput): Promise<Student> {
    const current = await this.get(viewer, id);
    const school = await this.schools.getManaged(viewer, String(current.school));
    const merged: StudentInput = {
      name: current.name,
      nationalId: this.cipher.decrypt(current.nationalIdEncrypted),
      phone: current.phoneEncrypted ? this.cipher.decrypt(current.phoneEncrypted) : null,
      major: current.major,
      enrolmentYear: current.enrolmentYear,
      graduationYear: current.graduationYear,
      homeDistrict: current.homeDistrict,
      skills: current.skills,
      certificates: current.certificates,
      ...stripUndefined(input),
    };
    const problems = new Problems();
    const fields = this.validateRow(merged, school, problems);
    problems.throwIfAny();
    const { nationalIdEncrypted: _keep, importBatch: _batch, ...changes } = fields!;
    const updated = await this.store.update(current._id, changes);
    if (!updated) throw new NotFoundError("student", id);
    return updated;
  }

  /**
   * Imports up to 5,000 students into a school, all or nothing: every row is
   * checked first (and against the database for duplicate national IDs); any
   * problem rejects the whole call with each row's errors and writes nothing.
   * Without transactions (FerretDB), a write that fails half-way (a concurrent
   * duplicate) is undone by deleting the rows of this batch.
   */
  async importStudents(viewer: Viewer, schoolId: string, rows: StudentInput[]): Promise<ImportResult> {
    const school = await this.schools.getManaged(viewer, schoolId);
    checkRowCount(rows);
    const batchId = crypto.randomUUID();
    const problems: FieldProblem[] = [];
    const documents: StudentFields[] = [];
    const rowOfHash = new Map<string, number>();
    rows.forEach((row, index) => {
      const rowProblems = new Problems("", index + 1);
      const fields = this.validateRow(row, school, rowProblems);
      if (fields) {
        const earlier = rowOfHash.get(fields.nationalIdHash);
        if (earlier !== undefined) rowProblems.add("nationalId", `same national ID as row ${earlier}`);
        else rowOfHash.set(fields.nationalIdHash, index + 1);
        documents.push({ ...withoutEmpty(fields), importBatch: batchId });
      }
      problems.push(...rowProblems.list);
    });
    throwRowProblems(problems, rows.length);
    const taken = await this.store.takenHashes(documents.map((d) => d.nationalIdHash));
    if (taken.size > 0) {
      const conflicts = [...taken].map((hash) => ({ row: rowOfHash.get(hash)!, field: "nationalId", message: "a student with this national ID exists" })).sort((a, b) => a.row - b.row);
      throw new ConflictError("rows", `${conflicts.length} row(s) duplicate existing students; nothing imported`, conflicts);
    }
    let ids: Id[];
    try {
      ids = await this.store.insertAll(documents);
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("rows", "a row duplicates a student added meanwhile; nothing imported");
      throw err;
    }
    return { imported: documents.length, batchId, ids: ids.map(String) };
  }

  /** Checks one student row against the school; returns the stored fields, or undefined with problems recorded. */
  private validateRow(row: StudentInput, school: School, problems: Problems): StudentFields | undefined {
    const today = this.today();
    const thisYear = Number(today.slice(0, 4));
    const name = checkText(problems, "name", row.name, 1, 50);
    const id = problems.check("nationalId", checkNationalId(row.nationalId, today));
    const phone = row.phone ? problems.check("phone", checkPhone(row.phone)) : undefined;
    problems.check("major", checkMajor(String(row.major ?? ""), school.level));
    const enrolmentYear = checkInt(problems, "enrolmentYear", row.enrolmentYear, 1980, thisYear + 1);
    const graduationYear = checkInt(problems, "graduationYear", row.graduationYear, 1981, thisYear + 10);
    if (enrolmentYear !== undefined && graduationYear !== undefined && (graduationYear <= enrolmentYear || graduationYear > enrolmentYear + 8)) {
      problems.add("graduationYear", "must be 1 to 8 years after enrolmentYear");
    }
    if (id && enrolmentYear !== undefined && Number(id.birthDate.slice(0, 4)) > enrolmentYear - 10) {
      problems.add("nationalId", "birth date is less than 10 years before enrolment");
    }
    const home = problems.check("homeDistrict", checkDistrict(String(row.homeDistrict ?? "")));
    const skills = checkStringList(problems, "skills", row.skills, 30, 50);
    const certificates = checkStringList(problems, "certificates", row.certificates, 30, 80);
    if (!problems.empty) return undefined;
    const normalizedPhone = phone ?? null;
    return {
      school: school._id,
      name: name!,
      nationalIdEncrypted: this.cipher.encrypt(id!.normalized),
      nationalIdHash: this.cipher.lookupHash("nid", id!.normalized),
      nationalIdMasked: maskNationalId(id!.normalized),
      phoneEncrypted: normalizedPhone ? this.cipher.encrypt(normalizedPhone) : null,
      phoneHash: normalizedPhone ? this.cipher.lookupHash("phone", normalizedPhone) : null,
      phoneMasked: normalizedPhone ? maskPhone(normalizedPhone) : null,
      gender: id!.gender === "MALE" ? Gender.MALE : Gender.FEMALE,
      birthDate: id!.birthDate,
      major: row.major,
      enrolmentYear: enrolmentYear!,
      graduationYear: graduationYear!,
      homeDistrict: home!.code,
      skills,
      certificates,
      importBatch: null,
    };
  }
}
