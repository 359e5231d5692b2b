import { getModelForClass, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";

/**
 * What an allocation needs of the students of one import batch (or of one
 * single create), packed as text: one line per student,
 * `id,major,birthDate,enrolmentYear,graduationYear,homeDistrict`.
 *
 * Why: FerretDB's SQLite backend decodes every document it reads, whatever the
 * projection, so reading 100,000 student documents for a run takes 11–13 s;
 * the same students as about 25 of these documents take well under a second.
 * The student documents stay the record; these are kept in step with every
 * student write (see server/services/student-profiles.ts), and a crash
 * between the two writes is detected (`complete`, `dirty`) and repaired from
 * the student documents when the profiles are read.
 */
@modelOptions({ schemaOptions: { collection: "student_profiles", versionKey: false, strictQuery: "throw", timestamps: true } })
export class StudentProfileChunk {
  /** The students' `importBatch`, or `legacy:<school id>` for students written without one. */
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  school!: Types.ObjectId;

  @prop({ type: String, default: "" })
  lines!: string;

  /** False from just before the batch's students are inserted until its lines are written. */
  @prop({ required: true, default: false })
  complete!: boolean;

  /** Students whose line may be stale: an update is in flight, or was interrupted. */
  @prop({ type: () => [String], default: [] })
  dirty!: string[];

  /** Bumped by every change, for guarded read-modify-write. */
  @prop({ required: true, default: 0 })
  version!: number;

  readonly createdAt!: Date;
}

/** A one-off fact about the database, by name (e.g. that the student profiles were built). */
@modelOptions({ schemaOptions: { collection: "markers", versionKey: false, strictQuery: "throw" } })
export class Marker {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true })
  at!: Date;
}

export const StudentProfileModel = getModelForClass(StudentProfileChunk);
export const MarkerModel = getModelForClass(Marker);
