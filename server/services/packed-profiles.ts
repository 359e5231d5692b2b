import { Types, trusted, type Model } from "mongoose";
import { MarkerModel, ProfileChunkModels, type ProfileChunk, type ProfileKind } from "../../schema/profile-chunk.model";
import { StudentModel, type Student } from "../../schema/student.model";
import { PostingModel, type Posting } from "../../schema/posting.model";
import { PlacementModel, type Placement, type PlacementStatus } from "../../schema/placement.model";
import { ApplicationModel, type Application } from "../../schema/application.model";
import type { ApplicationStatus, PostingKind, PostingStatus, SchoolLevel } from "../../schema/enums";

/**
 * How one kind of record becomes a profile line and back. A line is
 * `<id>,<fields...>`; fields never contain "," or a newline.
 */
export interface ProfileCodec<R extends { _id: Types.ObjectId; profileChunk?: string | null }, P> {
  kind: ProfileKind;
  /** Chunks are `<group>-0`, `<group>-1`, ... (a run's placements): a group's chunks are read by _id. */
  sequential?: boolean;
  /** Bumped when the line format changes: chunks are then built again from the records. */
  format?: number;
  model: Model<any>;
  /** The record fields `encode` and `groupOf` read (plus profileChunk). */
  fields: Record<string, 1>;
  encode(record: R): string;
  decode(fields: string[], group: Types.ObjectId | null): P;
  /** The chunk's group: the school of a student or an application, a placement's run; null for postings. */
  groupOf(record: R): Types.ObjectId | null;
}

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

/** What an allocation reads of a posting. */
export interface PostingProfile {
  id: string;
  enterprise: string;
  kind: PostingKind;
  status: PostingStatus;
  district: string;
  capacity: number;
  majors: string[];
  levels: SchoolLevel[];
}

/** What a follow-up allocation and the offer lists read of a placement: which place it holds, whose, and whether it still does. */
export interface PlacementProfile {
  id: string;
  run: Types.ObjectId;
  student: string;
  posting: string;
  enterprise: string;
  school: string;
  status: PlacementStatus;
}

/** A student's preference for a posting. */
export interface ApplicationProfile {
  id: string;
  school: Types.ObjectId;
  student: string;
  posting: string;
  enterprise: string;
  rank: number;
  status: ApplicationStatus;
}

type ApplicationRecord = Pick<Application, "_id" | "school" | "student" | "posting" | "enterprise" | "rank" | "status" | "profileChunk">;
type PlacementRecord = Pick<Placement, "_id" | "run" | "student" | "posting" | "enterprise" | "school" | "status" | "profileChunk">;
type StudentRecord = Pick<Student, "_id" | "school" | "major" | "birthDate" | "enrolmentYear" | "graduationYear" | "homeDistrict" | "profileChunk">;
type PostingRecord = Pick<Posting, "_id" | "enterprise" | "kind" | "status" | "district" | "capacity" | "majors" | "levels" | "profileChunk">;

export const STUDENT_CODEC: ProfileCodec<StudentRecord, StudentProfile> = {
  kind: "student",
  model: StudentModel,
  fields: { school: 1, major: 1, birthDate: 1, enrolmentYear: 1, graduationYear: 1, homeDistrict: 1, profileChunk: 1 },
  encode: (s) => `${String(s._id)},${s.major},${s.birthDate},${s.enrolmentYear},${s.graduationYear},${s.homeDistrict}`,
  decode: ([id, major, birthDate, enrolmentYear, graduationYear, homeDistrict], school) => ({
    id: id!, school: school!, major: major!, birthDate: birthDate!, enrolmentYear: Number(enrolmentYear), graduationYear: Number(graduationYear), homeDistrict: homeDistrict!,
  }),
  groupOf: (s) => s.school,
};

export const POSTING_CODEC: ProfileCodec<PostingRecord, PostingProfile> = {
  kind: "posting",
  model: PostingModel,
  fields: { enterprise: 1, kind: 1, status: 1, district: 1, capacity: 1, majors: 1, levels: 1, profileChunk: 1 },
  encode: (p) => `${String(p._id)},${String(p.enterprise)},${p.kind},${p.status},${p.district},${p.capacity},${p.majors.join(";")},${p.levels.join(";")}`,
  decode: ([id, enterprise, kind, status, district, capacity, majors, levels]) => ({
    id: id!, enterprise: enterprise!, kind: kind as PostingKind, status: status as PostingStatus, district: district!, capacity: Number(capacity),
    majors: majors ? majors.split(";") : [], levels: levels ? (levels.split(";") as SchoolLevel[]) : [],
  }),
  groupOf: () => null,
};

export const PLACEMENT_CODEC: ProfileCodec<PlacementRecord, PlacementProfile> = {
  kind: "placement",
  model: PlacementModel,
  fields: { run: 1, student: 1, posting: 1, enterprise: 1, school: 1, status: 1, profileChunk: 1 },
  sequential: true,
  format: 2, // 2: school added
  encode: (p) => `${String(p._id)},${String(p.student)},${String(p.posting)},${String(p.enterprise)},${String(p.school)},${p.status}`,
  decode: ([id, student, posting, enterprise, school, status], run) => ({
    id: id!, run: run!, student: student!, posting: posting!, enterprise: enterprise!, school: school!, status: status as PlacementStatus,
  }),
  groupOf: (p) => p.run,
};

export const APPLICATION_CODEC: ProfileCodec<ApplicationRecord, ApplicationProfile> = {
  kind: "application",
  model: ApplicationModel,
  fields: { school: 1, student: 1, posting: 1, enterprise: 1, rank: 1, status: 1, profileChunk: 1 },
  encode: (a) => `${String(a._id)},${String(a.student)},${String(a.posting)},${String(a.enterprise)},${a.rank},${a.status}`,
  decode: ([id, student, posting, enterprise, rank, status], school) => ({
    id: id!, school: school!, student: student!, posting: posting!, enterprise: enterprise!, rank: Number(rank), status: status as ApplicationStatus,
  }),
  groupOf: (a) => a.school,
};

/** An incomplete chunk younger than this is an import in flight; older, its writer crashed. */
const IN_FLIGHT_MS = 60_000;
const RETRIES = 20;

/**
 * The allocation profiles of one kind of record (schema/profile-chunk.model.ts),
 * kept in step with the records without transactions:
 * - an import opens its chunk incomplete before it inserts the records and
 *   completes it after; a chunk left incomplete for over a minute is rebuilt
 *   from its records when read;
 * - a single create or update marks the record dirty in its chunk first and
 *   rewrites its line after; a dirty record is read from its document when the
 *   profiles are read.
 * So after a crash at any point the profiles read exactly as the records.
 */
export class PackedProfiles<R extends { _id: Types.ObjectId; profileChunk?: string | null }, P> {
  private readonly chunks: (typeof ProfileChunkModels)[ProfileKind];

  constructor(private readonly codec: ProfileCodec<R, P>, private readonly now: () => number = Date.now) {
    this.chunks = ProfileChunkModels[codec.kind];
  }

  /** The chunk of a record created on its own: one per school for students, one for all postings. */
  singlesChunk(group: Types.ObjectId | null): string {
    // Sequential kinds (placements) are only written in bulk; older records without a chunk are
    // gathered into their group's first chunk, where a read by _id finds them.
    if (this.codec.sequential) return `${String(group)}-0`;
    return group ? `single-${String(group)}` : "single";
  }

  /** Before an import's records are inserted. */
  async open(chunk: string, group: Types.ObjectId | null): Promise<void> {
    await this.chunks.create({ _id: chunk, group, lines: "", complete: false, dirty: [], version: 0 });
  }

  /** After an import's records are inserted. */
  async complete(chunk: string, records: R[]): Promise<void> {
    await this.chunks.updateOne({ _id: chunk }, { $set: { lines: records.map(this.codec.encode).join("\n"), complete: true }, $inc: { version: 1 } });
  }

  /** Drops every chunk of a group (a run's placements, before they are written again). */
  async dropGroup(group: Types.ObjectId): Promise<void> {
    await this.chunks.deleteMany({ group });
  }

  /** After an import's records were removed again (a failed import). */
  async drop(chunk: string): Promise<void> {
    await this.chunks.deleteOne({ _id: chunk });
  }

  /** The chunk a record's line lives in (records from before chunks existed: their group's singles). */
  chunkOf(record: R): string {
    return record.profileChunk ?? this.singlesChunk(this.codec.groupOf(record));
  }

  /**
   * One record created or changed on its own, under the protocol: marked dirty
   * in its chunk first, then `write`, then its line rewritten (also when the
   * write failed: a record that is not there drops out of the lines).
   */
  async writeOne<T>(record: R, write: () => Promise<T>): Promise<T> {
    await this.markDirty(record);
    try {
      return await write();
    } finally {
      await this.refresh(record);
    }
  }

  /** Before a record is created or changed on its own (creates its chunk when needed). */
  async markDirty(record: R): Promise<void> {
    await this.chunks.updateOne(
      { _id: this.chunkOf(record) },
      { $addToSet: { dirty: String(record._id) }, $inc: { version: 1 }, $setOnInsert: { group: this.codec.groupOf(record), lines: "", complete: true } },
      { upsert: true },
    );
  }

  /** After a single write (or a failed one): rewrites the lines of the record's chunk's dirty records from their documents. */
  async refresh(record: R): Promise<void> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const doc = await this.chunks.findById(this.chunkOf(record)).lean<ProfileChunk>();
      if (!doc || doc.dirty.length === 0) return;
      const lines = await this.patchedLines(doc);
      const written = await this.chunks.updateOne(
        { _id: doc._id, version: doc.version },
        // $pullAll: FerretDB 1.24 ignores $pull with an $in condition.
        { $set: { lines }, $pullAll: { dirty: doc.dirty }, $inc: { version: 1 } },
      );
      if (written.modifiedCount === 1) return;
    }
    // Still dirty after as many concurrent changes: reads take these records from their documents.
  }

  /**
   * The profiles of every record (of the `groups`, when given). Imports still
   * in flight are left out; interrupted ones are rebuilt from their records first.
   */
  async load(groups: Types.ObjectId[] = []): Promise<P[]> {
    const docs = this.codec.sequential && groups.length ? await this.sequentialChunks(groups) : await this.chunks.find(groups.length ? { group: trusted({ $in: groups }) } : {}).lean<ProfileChunk[]>();
    const profiles: P[] = [];
    for (const doc of docs) {
      let lines = doc.lines;
      if (!doc.complete) {
        if (this.now() - doc.createdAt.getTime() < IN_FLIGHT_MS) continue;
        lines = await this.rebuild(doc);
      } else if (doc.dirty.length) {
        lines = await this.patchedLines(doc);
      }
      if (lines) for (const line of lines.split("\n")) profiles.push(this.codec.decode(line.split(","), doc.group));
    }
    return profiles;
  }

  /**
   * Builds every chunk of this kind from the records, once per database
   * (records written before chunks existed); later calls only read the marker.
   * Runs before the server takes requests. Returns the records read.
   */
  async ensureBuilt(): Promise<number> {
    const marker = `${this.codec.kind}-profiles:v${this.codec.format ?? 1}`;
    if (await MarkerModel.exists({ _id: marker })) return 0;
    await this.chunks.deleteMany({});
    const records = await this.codec.model.find({}, this.codec.fields).lean<R[]>();
    const chunks = new Map<string, R[]>();
    for (const r of records) {
      const key = this.chunkOf(r);
      const list = chunks.get(key);
      if (list) list.push(r);
      else chunks.set(key, [r]);
    }
    const docs = [...chunks].map(([chunk, list]) => ({
      _id: chunk, group: this.codec.groupOf(list[0]!), lines: list.map(this.codec.encode).join("\n"), complete: true, dirty: [], version: 0,
    }));
    for (let i = 0; i < docs.length; i += 100) await this.chunks.insertMany(docs.slice(i, i + 100), { ordered: false });
    await MarkerModel.create({ _id: marker, at: new Date() });
    return records.length;
  }

  /** The chunks `<group>-0`, `<group>-1`, ... of each group, by _id (the only look-up FerretDB indexes). */
  private async sequentialChunks(groups: Types.ObjectId[]): Promise<ProfileChunk[]> {
    const docs: ProfileChunk[] = [];
    for (const group of groups) {
      for (let n = 0; ; n++) {
        const doc = await this.chunks.findById(`${String(group)}-${n}`).lean<ProfileChunk>();
        if (!doc) break;
        docs.push(doc);
      }
    }
    return docs;
  }

  /** The chunk's lines with its dirty records read again from their documents (gone or moved ones dropped). */
  private async patchedLines(doc: ProfileChunk): Promise<string> {
    const dirty = new Set(doc.dirty);
    const current = new Map<string, string>();
    for (const id of dirty) {
      const record = Types.ObjectId.isValid(id) ? await this.codec.model.findById(id, this.codec.fields).lean<R>() : null;
      if (record && this.chunkOf(record) === doc._id) current.set(id, this.codec.encode(record));
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
    kept.push(...current.values()); // created records not in the lines yet
    return kept.join("\n");
  }

  /** An interrupted import: its lines from the records of the chunk that exist (a full read on FerretDB). */
  private async rebuild(doc: ProfileChunk): Promise<string> {
    const records = await this.codec.model.find({ profileChunk: doc._id }, this.codec.fields).lean<R[]>();
    if (records.length === 0) {
      await this.chunks.deleteOne({ _id: doc._id, version: doc.version });
      return "";
    }
    const lines = records.map(this.codec.encode).join("\n");
    await this.chunks.updateOne({ _id: doc._id, version: doc.version }, { $set: { lines, complete: true }, $inc: { version: 1 } });
    return lines;
  }
}

export type StudentProfiles = PackedProfiles<StudentRecord, StudentProfile>;
export type PostingProfiles = PackedProfiles<PostingRecord, PostingProfile>;
export type PlacementProfiles = PackedProfiles<PlacementRecord, PlacementProfile>;
export type ApplicationProfiles = PackedProfiles<ApplicationRecord, ApplicationProfile>;
