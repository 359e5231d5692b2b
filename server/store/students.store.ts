import type { Types } from "mongoose";
import { StudentModel, type Student } from "../../schema/student.model";
import type { PageArgs } from "./collection";
import { DocumentStore } from "./document-store";
import type { Equality } from "./filters";
import type { FerretSql } from "./sql";

export type StudentFields = Omit<Student, "_id" | "createdAt">;

/** What an allocation reads of a student. */
export interface StudentProfile {
  id: string;
  school: Types.ObjectId;
  major: string;
  birthDate: string;
  enrolmentYear: number;
  graduationYear: number;
  homeDistrict: string;
}

/**
 * Students. Guarantees: a national ID belongs to one student (a unique index on its keyed hash:
 * a second insert fails with DuplicateKey, whoever wins a race); an import writes all its rows or
 * none. Lists filter by school, major and graduation year (GIN-indexed on FerretDB).
 */
export class StudentsStore extends DocumentStore<Student> {
  constructor(sql: FerretSql | null) {
    super(StudentModel, sql);
  }

  list(filter: { school?: string | Types.ObjectId; major?: string; graduationYear?: number }, page: PageArgs) {
    return this.page(filter as Equality, page);
  }

  byNationalIdHash(hash: string): Promise<Student | null> {
    return StudentModel.findOne({ nationalIdHash: hash }).lean<Student>().exec();
  }

  /** Which of these national ID hashes belong to students already. */
  takenHashes(hashes: string[]): Promise<Set<string>> {
    return this.taken("nationalIdHash", hashes);
  }

  /** What an allocation reads of the students of these schools (all schools when empty), in id order. */
  async profiles(schools: Types.ObjectId[]): Promise<StudentProfile[]> {
    const students = await this.find(schools.length ? { school: schools } : {});
    return students.map((s) => ({ id: String(s._id), school: s.school, major: s.major, birthDate: s.birthDate, enrolmentYear: s.enrolmentYear, graduationYear: s.graduationYear, homeDistrict: s.homeDistrict }));
  }
}
