import { Types, trusted } from "mongoose";
import { AllocationRunModel, AllocationRunStatus, RunDetailsModel, type AllocationRun, type RunEnterprise, type SlotValue } from "../../schema/allocation-run.model";
import { CommitKeyModel, LockModel } from "../../schema/commit.model";
import { PlacementAnswerModel, PlacementModel, PlacementStatus, type Placement } from "../../schema/placement.model";
import { UnplacedChunkModel, type UnplacedReason, type UnplacedStudent } from "../../schema/unplaced-student.model";
import { activeRunIds } from "./active-runs";
import { StoredCollection, type PageArgs } from "./collection";
import type { FerretSql } from "./sql";
import { isDuplicateKeyError } from "./writes";

/** What a follow-up allocation reads of a placement: which place it holds, whose. */
export interface PlacementProfile {
  id: string;
  student: string;
  posting: string;
  enterprise: string;
  school: string;
  status: PlacementStatus;
}

export interface NewPlacement {
  student: string;
  posting: string;
  enterprise: string;
  school: Types.ObjectId;
  score: number;
}

const WRITE_CHUNK = 5000;
const COMMIT_LOCK = "allocation-commit";

/**
 * Allocation runs, their placements and outputs. FerretDB has no transactions, so visibility
 * hangs on one field: a run's placements are offers only while the run is COMMITTED and not
 * superseded (activeRunIds). Guarantees kept here: children are written before that flip and
 * cleared when a crashed solve is resumed; the flip and every status change is one guarded
 * update; one commit at a time (a lock document); a commit key names one run; an offer is
 * answered once (an update guarded by status OFFERED). A run's per-enterprise figures, slot
 * values and unplaced students are packed text beside the run, so the run document stays small.
 */
export class RunsStore {
  readonly runs: StoredCollection<AllocationRun>;
  readonly placements: StoredCollection<Placement>;

  constructor(sql: FerretSql | null) {
    this.runs = new StoredCollection(AllocationRunModel, sql);
    this.placements = new StoredCollection(PlacementModel, sql);
  }

  // ---- runs ---------------------------------------------------------------------------------

  async create(fields: Partial<AllocationRun>): Promise<AllocationRun> {
    return (await AllocationRunModel.create(fields)).toObject();
  }

  page(page: PageArgs) {
    return this.runs.page({}, page);
  }

  byId(id: Types.ObjectId): Promise<AllocationRun | null> {
    return this.runs.byId(id);
  }

  activeRunIds(): Promise<Types.ObjectId[]> {
    return activeRunIds();
  }

  /** Runs left QUEUED or SOLVING (by a stopped or crashed process), oldest first. */
  async unfinished(): Promise<Types.ObjectId[]> {
    const runs = await this.runs.find({ status: [AllocationRunStatus.QUEUED, AllocationRunStatus.SOLVING] });
    return runs.map((r) => r._id);
  }

  /** Marks a run SOLVING; returns it as it was before (null when it is neither QUEUED nor SOLVING). */
  claimForSolving(runId: Types.ObjectId): Promise<AllocationRun | null> {
    return AllocationRunModel.findOneAndUpdate(
      { _id: runId, status: trusted({ $in: [AllocationRunStatus.QUEUED, AllocationRunStatus.SOLVING] }) },
      { $set: { status: AllocationRunStatus.SOLVING, "timings.startedAt": new Date() } },
      { returnDocument: "before" },
    ).lean<AllocationRun>().exec();
  }

  /** Removes whatever a crashed solve of this run wrote. */
  async clearOutputs(runId: Types.ObjectId): Promise<void> {
    await PlacementModel.deleteMany({ run: runId });
    await UnplacedChunkModel.deleteMany({ run: runId });
    await RunDetailsModel.deleteOne({ _id: runId });
    // A solving run has no offers yet, so no answers: nothing to clear in placement_answers.
  }

  /** Sets fields of a SOLVING run (its result, or its failure). */
  async finishSolving(runId: Types.ObjectId, fields: Record<string, unknown>): Promise<void> {
    await AllocationRunModel.updateOne({ _id: runId, status: AllocationRunStatus.SOLVING }, { $set: fields });
  }

  // ---- a run's outputs ----------------------------------------------------------------------

  /** Writes proposed placements in chunks; `afterFirstChunk` runs once the first is written (crash tests). */
  async writePlacements(runId: Types.ObjectId, placements: NewPlacement[], afterFirstChunk: () => void): Promise<void> {
    const now = new Date();
    for (let i = 0; i < placements.length; i += WRITE_CHUNK) {
      const chunk = placements.slice(i, i + WRITE_CHUNK).map((p) => ({
        _id: new Types.ObjectId(),
        run: runId,
        student: new Types.ObjectId(p.student),
        posting: new Types.ObjectId(p.posting),
        enterprise: new Types.ObjectId(p.enterprise),
        school: p.school,
        score: p.score,
        status: PlacementStatus.OFFERED,
        createdAt: now,
        updatedAt: now,
      }));
      // lean inserts: the documents are complete, so mongoose's hydration is skipped.
      await PlacementModel.insertMany(chunk, { ordered: false, lean: true });
      if (i === 0) afterFirstChunk();
    }
  }

  async writeUnplaced(runId: Types.ObjectId, unplaced: { student: string; school: string; reason: string }[]): Promise<void> {
    const now = new Date();
    const chunks = [];
    for (let i = 0; i < unplaced.length; i += WRITE_CHUNK) {
      const lines = unplaced.slice(i, i + WRITE_CHUNK).map((u) => `${u.student},${u.school},${u.reason}`).join("\n");
      chunks.push({ _id: new Types.ObjectId(), run: runId, seq: i / WRITE_CHUNK, lines, createdAt: now, updatedAt: now });
    }
    if (chunks.length) await UnplacedChunkModel.insertMany(chunks, { ordered: false, lean: true });
  }

  async writeDetails(runId: Types.ObjectId, enterprises: RunEnterprise[], slots: SlotValue[]): Promise<void> {
    const enterpriseLines = enterprises.map((e) => `${e.enterprise},${e.minInterns},${e.maxInterns},${e.placed},${e.shortfall},${e.ceilingValue ?? ""}`).join("\n");
    const slotLines = slots.map((v) => `${v.posting},${v.value},${v.exact ? 1 : 0}`).join("\n");
    await RunDetailsModel.replaceOne({ _id: runId }, { enterprises: enterpriseLines, slots: slotLines }, { upsert: true });
  }

  async enterprises(runId: Types.ObjectId): Promise<RunEnterprise[]> {
    const details = await RunDetailsModel.findById(runId, { enterprises: 1 }).lean();
    return unpackLines(details?.enterprises, ([enterprise, min, max, placed, shortfall, ceiling]) => ({
      enterprise: enterprise!, minInterns: Number(min), maxInterns: Number(max), placed: Number(placed), shortfall: Number(shortfall), ceilingValue: ceiling ? Number(ceiling) : null,
    }));
  }

  async slotValues(runId: Types.ObjectId): Promise<SlotValue[]> {
    const details = await RunDetailsModel.findById(runId, { slots: 1 }).lean();
    return unpackLines(details?.slots, ([posting, value, exact]) => ({ posting: posting!, value: Number(value), exact: exact === "1" }));
  }

  /** A run's unplaced students in their order (ids are run:position), optionally of one school. */
  async unplaced(runId: Types.ObjectId, school: string | null): Promise<UnplacedStudent[]> {
    const chunks = await UnplacedChunkModel.find({ run: runId }).sort({ seq: 1 }).lean();
    const all: UnplacedStudent[] = [];
    for (const chunk of chunks) {
      (chunk.lines ? chunk.lines.split("\n") : []).forEach((line, i) => {
        const [student, entrySchool, reason] = line.split(",");
        if (!school || entrySchool === school) {
          all.push({ id: `${String(runId)}:${chunk.seq * WRITE_CHUNK + i}`, student: new Types.ObjectId(student), school: new Types.ObjectId(entrySchool), reason: reason as UnplacedReason });
        }
      });
    }
    return all;
  }

  // ---- commit -------------------------------------------------------------------------------

  /** The run a commit key was used for, if any. */
  async runOfCommitKey(key: string): Promise<string | null> {
    const used = await CommitKeyModel.findById(key).lean();
    return used ? String(used.run) : null;
  }

  async recordCommitKey(key: string, runId: Types.ObjectId): Promise<void> {
    await CommitKeyModel.updateOne({ _id: key }, { $setOnInsert: { run: runId, at: new Date() } }, { upsert: true });
  }

  /** Takes the commit lock for (run, key): true if taken or already ours, false if another commit holds it. */
  async takeCommitLock(runId: Types.ObjectId, key: string): Promise<boolean> {
    for (;;) {
      try {
        await LockModel.create({ _id: COMMIT_LOCK, run: runId, key, at: new Date() });
        return true;
      } catch {
        const lock = await LockModel.findById(COMMIT_LOCK).lean();
        if (!lock) continue; // released meanwhile: try again
        return String(lock.run) === String(runId) && lock.key === key;
      }
    }
  }

  async holdsCommitLock(runId: Types.ObjectId, key: string): Promise<boolean> {
    const lock = await LockModel.findById(COMMIT_LOCK).lean();
    return !!lock && String(lock.run) === String(runId) && lock.key === key;
  }

  async releaseCommitLock(runId: Types.ObjectId, key: string): Promise<void> {
    await LockModel.deleteOne({ _id: COMMIT_LOCK, run: runId, key });
  }

  /** SOLVED (or COMMITTING with this key) -> COMMITTING with this key; null if the run changed. */
  markCommitting(runId: Types.ObjectId, key: string, supersedes: Types.ObjectId[]): Promise<AllocationRun | null> {
    return AllocationRunModel.findOneAndUpdate(
      { _id: runId, status: trusted({ $in: [AllocationRunStatus.SOLVED, AllocationRunStatus.COMMITTING] }), commitKey: trusted({ $in: [null, key] }) },
      { $set: { status: AllocationRunStatus.COMMITTING, commitKey: key, supersedes } },
      { returnDocument: "after" },
    ).lean<AllocationRun>().exec();
  }

  /** The flip: one guarded update makes every placement of the run an offer at once. */
  async flipCommitted(runId: Types.ObjectId, key: string, userId: string): Promise<AllocationRun> {
    const flipped = await AllocationRunModel.findOneAndUpdate(
      { _id: runId, status: AllocationRunStatus.COMMITTING, commitKey: key },
      { $set: { status: AllocationRunStatus.COMMITTED, committedAt: new Date(), committedBy: userId } },
      { returnDocument: "after" },
    ).lean<AllocationRun>();
    return flipped ?? (await this.byId(runId))!;
  }

  /** COMMITTED -> SUPERSEDED; true when this call changed it. */
  async markSuperseded(runId: Types.ObjectId): Promise<boolean> {
    const marked = await AllocationRunModel.updateOne({ _id: runId, status: AllocationRunStatus.COMMITTED }, { $set: { status: AllocationRunStatus.SUPERSEDED } });
    return marked.modifiedCount > 0;
  }

  // ---- placements ---------------------------------------------------------------------------

  /** A page of the placements of these runs, of one enterprise and/or school and status. */
  placementPage(runs: Types.ObjectId[], filter: { enterprise?: Types.ObjectId; school?: Types.ObjectId; status?: PlacementStatus | null }, page: PageArgs) {
    if (runs.length === 0) return this.placements.page({ run: [] }, page);
    return this.placements.page({ run: runs, enterprise: filter.enterprise, school: filter.school, status: filter.status }, page);
  }

  placementById(id: Types.ObjectId): Promise<Placement | null> {
    return this.placements.byId(id);
  }

  /** Places held in these runs (offered or accepted), as a follow-up run reads them. */
  async heldPlaces(runs: Types.ObjectId[]): Promise<PlacementProfile[]> {
    if (runs.length === 0) return [];
    const held = await this.placements.find({ run: runs, status: [PlacementStatus.OFFERED, PlacementStatus.ACCEPTED] });
    return held.map((p) => ({ id: String(p._id), student: String(p.student), posting: String(p.posting), enterprise: String(p.enterprise), school: String(p.school), status: p.status }));
  }

  /**
   * Answers an offer once: the first answer recorded (a primary-key insert) wins and is applied;
   * a later one gets null, after finishing the winner's write if a crash interrupted it.
   */
  async answer(id: Types.ObjectId, status: PlacementStatus, reason: string | null): Promise<Placement | null> {
    const at = new Date();
    try {
      await PlacementAnswerModel.create({ _id: id, status, reason, at });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await this.applyRecordedAnswer(id);
      return null;
    }
    return this.setAnswer(id, status, reason, at);
  }

  private setAnswer(id: Types.ObjectId, status: PlacementStatus, reason: string | null, at: Date): Promise<Placement | null> {
    return PlacementModel.findByIdAndUpdate(id, { $set: { status, reason, respondedAt: at } }, { returnDocument: "after" }).lean<Placement>().exec();
  }

  /** Applies a recorded answer to its placement if it is still OFFERED (idempotent). */
  private async applyRecordedAnswer(id: Types.ObjectId): Promise<void> {
    const recorded = await PlacementAnswerModel.findById(id).lean();
    const placement = await this.placements.byId(id);
    if (recorded && placement?.status === PlacementStatus.OFFERED) await this.setAnswer(id, recorded.status, recorded.reason, recorded.at);
  }
}

function unpackLines<T>(text: string | undefined, row: (fields: string[]) => T): T[] {
  return text ? text.split("\n").map((line) => row(line.split(","))) : [];
}
