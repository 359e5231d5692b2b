import { getModelForClass, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";

/**
 * What an allocation reads of some students or postings, packed as text: one
 * line per record, `<id>,<fields...>` (formats in server/services/packed-profiles.ts).
 * A chunk holds one import's records, or the records of one school (students)
 * or of the whole city (postings) that were created one at a time.
 *
 * Why: FerretDB's SQLite backend decodes every document it reads, whatever the
 * projection or filter: reading 100,000 student documents for a run takes
 * 11–13 s, 20,000 postings 3.5 s; the same records as a few dozen chunks take
 * a few hundred milliseconds. The records stay the source of truth; chunks are
 * kept in step with every write, and a crash between the two writes is
 * detected (`complete`, `dirty`) and repaired from the records when read.
 */
@modelOptions({ schemaOptions: { collection: "profile_chunks", versionKey: false, strictQuery: "throw", timestamps: true } })
export class ProfileChunk {
  /** `<kind>:<chunk>`, where `<chunk>` is the records' `profileChunk`. */
  @prop({ required: true, type: String })
  _id!: string;

  /** "student" or "posting". */
  @prop({ required: true })
  kind!: string;

  /** The school of a student chunk (runs scoped to schools read only theirs); null for postings. */
  @prop({ type: () => Types.ObjectId, default: null })
  group!: Types.ObjectId | null;

  @prop({ type: String, default: "" })
  lines!: string;

  /** False from just before an import's records are inserted until its lines are written. */
  @prop({ required: true, default: false })
  complete!: boolean;

  /** Records whose line may be stale or missing: a single write is in flight, or was interrupted. */
  @prop({ type: () => [String], default: [] })
  dirty!: string[];

  /** Bumped by every change, for guarded read-modify-write. */
  @prop({ required: true, default: 0 })
  version!: number;

  readonly createdAt!: Date;
}

/** A one-off fact about the database, by name (e.g. that the profile chunks were built). */
@modelOptions({ schemaOptions: { collection: "markers", versionKey: false, strictQuery: "throw" } })
export class Marker {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true })
  at!: Date;
}

export const ProfileChunkModel = getModelForClass(ProfileChunk);
export const MarkerModel = getModelForClass(Marker);
