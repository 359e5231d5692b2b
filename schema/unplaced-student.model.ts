import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";

export enum UnplacedReason {
  MAX_PLACEMENTS_ZERO = "MAX_PLACEMENTS_ZERO",
  NO_ELIGIBLE_POSTING = "NO_ELIGIBLE_POSTING",
  NO_FURTHER_ELIGIBLE_POSTING = "NO_FURTHER_ELIGIBLE_POSTING",
  NEGATIVE_SCORE_ONLY = "NEGATIVE_SCORE_ONLY",
  NO_CAPACITY = "NO_CAPACITY",
  OUTCOMPETED = "OUTCOMPETED",
  NO_GAIN = "NO_GAIN",
}
registerEnumType(UnplacedReason, {
  name: "UnplacedReason",
  description: "未安排原因：无符合条件的岗位 / 名额为 0 / 被匹配分更高的学生占用 / ……",
});

/** A student an allocation run could not place, with the reason. */
@ObjectType({ description: "未安排的学生" })
export class UnplacedStudent {
  /** `<run id>:<position in the run's list>` */
  @Field(() => ID)
  id!: string;

  student!: Types.ObjectId;

  school!: Types.ObjectId;

  @Field(() => UnplacedReason)
  reason!: UnplacedReason;
}

/**
 * A run's unplaced students, up to 5,000 to a document, packed as text lines
 * `studentId,schoolId,reason`: on FerretDB's SQLite backend every document and
 * every array element costs a decode on write and read (as subdocuments, 55,000
 * entries took ~1.1 s to write and ~2 s to read; as text ~0.1 s), and this list
 * is only ever read whole per run (for review and paging), never by student.
 */
@modelOptions(collectionOptions("unplaced_chunks"))
@index({ run: 1, seq: 1 }, { unique: true })
export class UnplacedChunk {
  readonly _id!: Types.ObjectId;

  @prop({ required: true, type: () => Types.ObjectId })
  run!: Types.ObjectId;

  @prop({ required: true })
  seq!: number;

  @prop({ type: String, default: "" })
  lines!: string;
}

export const UnplacedChunkModel = getModelForClass(UnplacedChunk);
