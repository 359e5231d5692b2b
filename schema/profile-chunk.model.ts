import { getModelForClass, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";

/**
 * What an allocation (or a list) reads of some records, packed as text: one
 * line per record, `<id>,<fields...>` (formats in server/services/packed-profiles.ts).
 * A chunk holds one import's records, 5,000 placements of a run, or the
 * records of one school (students, applications) or of the whole city
 * (postings) that were created one at a time.
 *
 * Why: FerretDB's SQLite backend decodes every document it reads, whatever the
 * projection or filter: reading 100,000 student documents for a run takes
 * 11–13 s, 20,000 postings 3.5 s; the same records as a few dozen chunks take
 * a few hundred milliseconds. The records stay the source of truth; chunks are
 * kept in step with every write, and a crash between the two writes is
 * detected (`complete`, `dirty`) and repaired from the records when read.
 */
@modelOptions({ schemaOptions: { versionKey: false, strictQuery: "throw", timestamps: true } })
export class ProfileChunk {
  /** The records' `profileChunk`. */
  @prop({ required: true, type: String })
  _id!: string;

  /** The school of a student or application chunk, the run of a placement chunk; null for postings. */
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

export type ProfileKind = "student" | "posting" | "placement" | "application";

/** One collection per kind (`student_profiles`, ...): reading one kind never decodes another's chunks. */
const chunkModel = (kind: ProfileKind, name: string) =>
  getModelForClass(ProfileChunk, { schemaOptions: { collection: `${kind}_profiles` }, options: { customName: name } });

export const ProfileChunkModels = {
  student: chunkModel("student", "StudentProfileChunk"),
  posting: chunkModel("posting", "PostingProfileChunk"),
  placement: chunkModel("placement", "PlacementProfileChunk"),
  application: chunkModel("application", "ApplicationProfileChunk"),
} as const;
export const MarkerModel = getModelForClass(Marker);
