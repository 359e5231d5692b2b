import { Types, trusted } from "mongoose";
import { MarkerModel, StudentProfileModel, type StudentProfileChunk } from "../../schema/student-profile.model";
import { StudentModel, type Student } from "../../schema/student.model";

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

/** The student fields a profile line is made of. */
export type ProfileSource = Pick<Student, "_id" | "school" | "major" | "birthDate" | "enrolmentYear" | "graduationYear" | "homeDistrict"> & { importBatch?: string | null };

const SOURCE_FIELDS = { school: 1, major: 1, birthDate: 1, enrolmentYear: 1, graduationYear: 1, homeDistrict: 1, importBatch: 1 } as const;
const BUILT_MARKER = "student_profiles:v1";
/** An incomplete batch younger than this is an import in flight; older, its writer crashed. */
const IN_FLIGHT_MS = 60_000;
const RETRIES = 20;

/** The profile document a student's line lives in. */
export function profileBatch(student: { importBatch?: string | null; school: Types.ObjectId }): string {
  return student.importBatch ?? `legacy:${String(student.school)}`;
}

export function encodeProfile(s: ProfileSource): string {
  return `${String(s._id)},${s.major},${s.birthDate},${s.enrolmentYear},${s.graduationYear},${s.homeDistrict}`;
}

/** The profiles of one document's lines (its school is the document's). */
export function decodeProfiles(lines: string, school: Types.ObjectId): StudentProfile[] {
  if (!lines) return [];
  return lines.split("\n").map((line) => {
    const [id, major, birthDate, enrolmentYear, graduationYear, homeDistrict] = line.split(",");
    return { id: id!, school, major: major!, birthDate: birthDate!, enrolmentYear: Number(enrolmentYear), graduationYear: Number(graduationYear), homeDistrict: homeDistrict! };
  });
}

function toProfile(s: ProfileSource): StudentProfile {
  return { id: String(s._id), school: s.school, major: s.major, birthDate: s.birthDate, enrolmentYear: s.enrolmentYear, graduationYear: s.graduationYear, homeDistrict: s.homeDistrict };
}

/**
 * The allocation profiles of the students (schema/student-profile.model.ts),
 * kept in step with the student documents without transactions:
 * - an import (or create) opens its batch's document incomplete before it
 *   inserts the students and completes it after; a document left incomplete
 *   for over a minute is rebuilt from the students of its batch when read;
 * - an update marks the student dirty first and rewrites its line after; a
 *   dirty student is read from its document when the profiles are read.
 * So a crash at any point leaves profiles that read exactly as the students.
 */
export class StudentProfiles {
  constructor(private readonly now: () => number = Date.now) {}

  /** Before a batch's students are inserted. */
  async open(batch: string, school: Types.ObjectId): Promise<void> {
    await StudentProfileModel.create({ _id: batch, school, lines: "", complete: false, dirty: [], version: 0 });
  }

  /** After a batch's students are inserted. */
  async complete(batch: string, students: ProfileSource[]): Promise<void> {
    await StudentProfileModel.updateOne({ _id: batch }, { $set: { lines: students.map(encodeProfile).join("\n"), complete: true }, $inc: { version: 1 } });
  }

  /** After a batch's students were removed again (a failed import). */
  async drop(batch: string): Promise<void> {
    await StudentProfileModel.deleteOne({ _id: batch });
  }

  /** Before a student document changes. */
  async markDirty(batch: string, studentId: Types.ObjectId): Promise<void> {
    await StudentProfileModel.updateOne({ _id: batch }, { $addToSet: { dirty: String(studentId) }, $inc: { version: 1 } });
  }

  /** After a student document changed: rewrites the lines of the batch's dirty students from their documents. */
  async refresh(batch: string): Promise<void> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const doc = await StudentProfileModel.findById(batch).lean<StudentProfileChunk>();
      if (!doc || doc.dirty.length === 0) return;
      const lines = await this.patchedLines(doc);
      const written = await StudentProfileModel.updateOne(
        { _id: batch, version: doc.version },
        { $set: { lines }, $pullAll: { dirty: doc.dirty }, $inc: { version: 1 } },
      );
      if (written.modifiedCount === 1) return;
    }
    // Still dirty: the next read of the profiles reads these students from their documents.
  }

  /**
   * The profiles of every student (of `schools`, when given). Imports still in
   * flight are left out; interrupted ones are rebuilt from the students first.
   */
  async load(schools: Types.ObjectId[] = []): Promise<StudentProfile[]> {
    const filter = schools.length ? { school: trusted({ $in: schools }) } : {};
    const docs = await StudentProfileModel.find(filter).lean<StudentProfileChunk[]>();
    const profiles: StudentProfile[] = [];
    for (const doc of docs) {
      if (!doc.complete) {
        if (this.now() - doc.createdAt.getTime() < IN_FLIGHT_MS) continue;
        profiles.push(...(await this.rebuildBatch(doc)));
        continue;
      }
      if (doc.dirty.length === 0) profiles.push(...decodeProfiles(doc.lines, doc.school));
      else profiles.push(...decodeProfiles(await this.patchedLines(doc), doc.school));
    }
    return profiles;
  }

  /**
   * Builds every profile document from the student documents once per
   * database (students written before profiles existed); later calls only read
   * the marker. Run before the server takes requests.
   */
  async ensureBuilt(): Promise<number> {
    if (await MarkerModel.exists({ _id: BUILT_MARKER })) return 0;
    await StudentProfileModel.deleteMany({});
    const students = await StudentModel.find({}, SOURCE_FIELDS).lean<ProfileSource[]>();
    const batches = new Map<string, ProfileSource[]>();
    for (const s of students) {
      const key = profileBatch(s);
      const list = batches.get(key);
      if (list) list.push(s);
      else batches.set(key, [s]);
    }
    const docs = [...batches].map(([batch, list]) => ({ _id: batch, school: list[0]!.school, lines: list.map(encodeProfile).join("\n"), complete: true, dirty: [], version: 0 }));
    for (let i = 0; i < docs.length; i += 100) await StudentProfileModel.insertMany(docs.slice(i, i + 100), { ordered: false });
    await MarkerModel.create({ _id: BUILT_MARKER, at: new Date() });
    return students.length;
  }

  /** The document's lines with its dirty students read again from their documents (gone ones dropped). */
  private async patchedLines(doc: StudentProfileChunk): Promise<string> {
    const dirty = new Set(doc.dirty);
    const current = new Map<string, string>();
    for (const id of dirty) {
      const student = Types.ObjectId.isValid(id) ? await StudentModel.findById(id, SOURCE_FIELDS).lean<ProfileSource>() : null;
      if (student && profileBatch(student) === doc._id) current.set(id, encodeProfile(student));
    }
    const kept: string[] = [];
    for (const line of doc.lines ? doc.lines.split("\n") : []) {
      const id = line.slice(0, line.indexOf(","));
      if (!dirty.has(id)) kept.push(line);
      else if (current.has(id)) {
        kept.push(current.get(id)!);
        current.delete(id);
      }
    }
    kept.push(...current.values()); // dirty students missing from the lines
    return kept.join("\n");
  }

  /** An interrupted import: its lines from the students of the batch that exist (a full read on FerretDB). */
  private async rebuildBatch(doc: StudentProfileChunk): Promise<StudentProfile[]> {
    const students = await StudentModel.find({ importBatch: doc._id }, SOURCE_FIELDS).lean<ProfileSource[]>();
    if (students.length === 0) {
      await StudentProfileModel.deleteOne({ _id: doc._id, version: doc.version });
      return [];
    }
    await StudentProfileModel.updateOne(
      { _id: doc._id, version: doc.version },
      { $set: { lines: students.map(encodeProfile).join("\n"), complete: true }, $inc: { version: 1 } },
    );
    return students.map(toProfile);
  }
}
