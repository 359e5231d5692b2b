import crypto from "node:crypto";
import { Types, trusted } from "mongoose";
import { AllocationRunModel, AllocationRunStatus, RunDetailsModel, SolverChoice, type AllocationRun, type RunEnterprise, type SlotValue } from "../../schema/allocation-run.model";
import { AuditAction } from "../../schema/audit-entry.model";
import { CommitKeyModel, LockModel } from "../../schema/commit.model";
import { PlacementModel, PlacementStatus, type Placement } from "../../schema/placement.model";
import { SchoolModel } from "../../schema/school.model";
import { UnplacedChunkModel, type UnplacedReason, type UnplacedStudent } from "../../schema/unplaced-student.model";
import type { PlacementFilter, StartAllocationRunInput } from "../../schema/inputs/allocation.input";
import { PlacementResponse } from "../../schema/inputs/allocation.input";
import { Role } from "../../schema/enums";
import { checkDistrict } from "../../schema/rules";
import { DEFAULT_POLICY, DEFAULT_WEIGHTS, type OptimalResult } from "../../matching";
import type { AllocationProfiles } from "../solver/profiles-instance";
import type { BuiltAndSolved } from "../solver/worker-pool";
import { scopeApplications, type Viewer } from "../auth";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { loadAllocationProfiles, type ProfileSources } from "./allocation-instance";
import { activeRunIds } from "./active-runs";
import type { AuditService } from "./audit.service";
import type { KeyClaims } from "./key-claims";
import { findByIds, paginate, paginateIds, toObjectId } from "./pagination";
import { PageInfo, type ConnectionShape } from "../../schema/connection";
import { Problems } from "./problems";

/** Steps of a commit at which ALLOCATION_CRASH_AT can kill the process (crash tests). */
export type CrashPoint = "commit:locked" | "commit:claimed" | "commit:flipped" | "solve:writing";

export interface AllocationOptions {
  /** Scores the edges and solves, off the request path (a killable worker thread). */
  solve: (profiles: AllocationProfiles, solver: SolverChoice) => Promise<BuiltAndSolved>;
  /** Called at each crash point; kills the process when it is the configured one. */
  crashPoint: (point: CrashPoint) => void;
  today: () => string;
  log: (message: string, details?: Record<string, unknown>) => void;
  /** Unique keys by _id: one answer per offer (see respond). */
  claims: KeyClaims;
}

const WRITE_CHUNK = 5000;
const COMMIT_LOCK = "allocation-commit";

/**
 * Allocation runs: build an instance from the database, solve it in a worker,
 * store the proposal, commit it, and let enterprises and schools answer offers.
 *
 * Without multi-document transactions (FerretDB), visibility hangs on one
 * field: a run's placements are offers only while the run is COMMITTED and not
 * superseded by another COMMITTED run. Children are written before that flip
 * (at solve time, idempotently under a unique index); the flip is one guarded
 * update; everything after it is idempotent clean-up, redone by a retry.
 */
export class AllocationService {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly audit: AuditService, private readonly profiles: ProfileSources, private readonly options: AllocationOptions) {}

  // ---- runs -------------------------------------------------------------------------------

  /** Validates the input, records a QUEUED run and queues its solve; returns at once. */
  async start(viewer: Viewer, input: StartAllocationRunInput): Promise<AllocationRun> {
    const problems = new Problems();
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (name.length < 1 || name.length > 100) problems.add("name", "length must be 1–100 characters");
    const scope = input.scope ?? { graduationYears: [], enrolmentYears: [], districts: [], schoolIds: [] };
    for (const [field, years] of [["scope.graduationYears", scope.graduationYears], ["scope.enrolmentYears", scope.enrolmentYears]] as const) {
      years.forEach((y, i) => { if (!Number.isInteger(y) || y < 1990 || y > 2100) problems.add(`${field}.${i}`, "must be a year 1990–2100"); });
    }
    scope.districts.forEach((d, i) => problems.check(`scope.districts.${i}`, checkDistrict(d)));
    const schoolIds: Types.ObjectId[] = [];
    for (const [i, id] of scope.schoolIds.entries()) {
      if (!Types.ObjectId.isValid(id)) { problems.add(`scope.schoolIds.${i}`, `not a valid id: "${id}"`); continue; }
      const oid = new Types.ObjectId(id);
      if (!(await SchoolModel.exists({ _id: oid }))) problems.add(`scope.schoolIds.${i}`, `unknown school ${id}`);
      schoolIds.push(oid);
    }
    const policy = { ...DEFAULT_POLICY, floorPenalty: 1000, maxCandidatesPerStudent: 30, ...(input.policy ?? {}) };
    for (const field of ["floorRate", "ceilingRate", "generalCeilingRate"] as const) {
      const rate = policy[field];
      if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0 || rate > 1) problems.add(`policy.${field}`, "must be a rate between 0 and 1");
    }
    if (policy.floorRate > policy.ceilingRate) problems.add("policy.floorRate", "must not be above policy.ceilingRate");
    if (!Number.isFinite(policy.floorPenalty) || policy.floorPenalty < 0 || policy.floorPenalty > 1e9) problems.add("policy.floorPenalty", "must be a number 0–1e9");
    if (!Number.isInteger(policy.maxCandidatesPerStudent) || policy.maxCandidatesPerStudent < 0 || policy.maxCandidatesPerStudent > 1000) {
      problems.add("policy.maxCandidatesPerStudent", "must be an integer 0–1000");
    }
    const weights = { ...DEFAULT_WEIGHTS };
    for (const [key, value] of Object.entries(input.weights ?? {})) {
      if (value === undefined || value === null) continue;
      if (!Number.isInteger(value) || Math.abs(value) > 1_000_000) problems.add(`weights.${key}`, "must be an integer of at most 1,000,000 in size");
      else (weights as Record<string, number>)[key] = value;
    }
    problems.throwIfAny();

    const run = await AllocationRunModel.create({
      name,
      status: AllocationRunStatus.QUEUED,
      scope: { graduationYears: scope.graduationYears, enrolmentYears: scope.enrolmentYears, districts: scope.districts, schoolIds },
      policy,
      weights,
      solver: input.solver ?? SolverChoice.auto,
      createdBy: viewer.userId,
    });
    await this.audit.record(viewer, AuditAction.RUN_STARTED, { runId: run._id });
    this.enqueue(run._id);
    return run.toObject();
  }

  async list(page: { first: number; after?: string | null }) {
    return paginate(AllocationRunModel, {}, page);
  }

  async get(id: string): Promise<AllocationRun> {
    const run = await AllocationRunModel.findById(toObjectId("id", id)).lean<AllocationRun>();
    if (!run) throw new NotFoundError("allocation run", id);
    return run;
  }

  /** Runs whose placements are live offers (see active-runs.ts). */
  activeRunIds(): Promise<Types.ObjectId[]> {
    return activeRunIds();
  }

  // ---- solving ----------------------------------------------------------------------------

  /** Queues a run's solve; runs are solved one at a time, off the request path. */
  enqueue(runId: Types.ObjectId): void {
    this.pending += 1;
    this.queue = this.queue
      .then(() => this.solve(runId))
      .catch((err: unknown) => this.options.log("allocation job failed", { runId: String(runId), err: String(err) }))
      .finally(() => { this.pending -= 1; });
  }

  /** Resolves when every queued solve has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  /** Re-queues runs left QUEUED or SOLVING by a stopped or crashed process. */
  async resumePending(): Promise<number> {
    const runs = await AllocationRunModel.find({ status: trusted({ $in: [AllocationRunStatus.QUEUED, AllocationRunStatus.SOLVING] }) }, { _id: 1 }).sort({ _id: 1 }).lean();
    for (const run of runs) this.enqueue(run._id);
    return runs.length;
  }

  private async solve(runId: Types.ObjectId): Promise<void> {
    const claimed = await AllocationRunModel.findOneAndUpdate(
      { _id: runId, status: trusted({ $in: [AllocationRunStatus.QUEUED, AllocationRunStatus.SOLVING] }) },
      { $set: { status: AllocationRunStatus.SOLVING, "timings.startedAt": new Date() } },
      { returnDocument: "before" },
    ).lean<AllocationRun>();
    if (!claimed) return;
    try {
      if (claimed.status === AllocationRunStatus.SOLVING) {
        // Resumed after a crash mid-solve: it may have written part of its children; start clean.
        // (A QUEUED run has none, and these filters read whole collections on FerretDB.)
        await PlacementModel.deleteMany({ run: runId });
        await UnplacedChunkModel.deleteMany({ run: runId });
        await RunDetailsModel.deleteOne({ _id: runId });
        await this.profiles.placements.dropGroup(runId);
      }
      const t0 = Date.now();
      const activeRuns = await this.activeRunIds();
      const { profiles, schoolOf } = await loadAllocationProfiles(claimed, activeRuns, this.options.today(), this.profiles);
      const t1 = Date.now();
      const { result, hash, edges } = await this.options.solve(profiles, claimed.solver);
      const t2 = Date.now();
      if (result.status !== "OPTIMAL") {
        const reason = result.status === "INVALID_INPUT" ? `invalid instance: ${result.errors.slice(0, 5).join("; ")}` : `${result.status}: ${result.message}`;
        await this.fail(runId, reason);
        return;
      }
      await this.writeResult(runId, schoolOf, result);
      await RunDetailsModel.replaceOne({ _id: runId }, { enterprises: packEnterprises(result), slots: packSlotValues(result) }, { upsert: true });
      const t3 = Date.now();
      await AllocationRunModel.updateOne(
        { _id: runId, status: AllocationRunStatus.SOLVING },
        {
          $set: {
            status: AllocationRunStatus.SOLVED,
            basedOn: activeRuns,
            instanceHash: hash,
            sizes: { students: profiles.students.length, postings: profiles.postings.length, enterprises: profiles.enterprises.length, edges },
            "timings.loadMillis": t1 - t0,
            "timings.solveMillis": t2 - t1,
            "timings.writeMillis": t3 - t2,
            "timings.finishedAt": new Date(),
            objective: result.objective,
            totalScore: result.totalScore,
            totalShortfall: result.totalShortfall,
            placedCount: result.placements.length,
            unplacedCount: result.unplaced.length,
          },
        },
      );
      await this.audit.record(null, AuditAction.RUN_SOLVED, { runId });
    } catch (err) {
      this.options.log("allocation run failed", { runId: String(runId), err: String(err) });
      await this.fail(runId, "internal error while solving (see the server log)");
    }
  }

  private async fail(runId: Types.ObjectId, reason: string): Promise<void> {
    await AllocationRunModel.updateOne(
      { _id: runId, status: AllocationRunStatus.SOLVING },
      { $set: { status: AllocationRunStatus.FAILED, failureReason: reason, "timings.finishedAt": new Date() } },
    );
    await this.audit.record(null, AuditAction.RUN_FAILED, { runId });
  }

  /** A solved run's per-enterprise bounds and counts. */
  async runEnterprises(runId: Types.ObjectId): Promise<RunEnterprise[]> {
    const details = await RunDetailsModel.findById(runId, { enterprises: 1 }).lean();
    return unpackLines(details?.enterprises, ([enterprise, min, max, placed, shortfall, ceiling]) => ({
      enterprise: enterprise!, minInterns: Number(min), maxInterns: Number(max), placed: Number(placed), shortfall: Number(shortfall), ceilingValue: ceiling ? Number(ceiling) : null,
    }));
  }

  /** A solved run's value of one more slot per posting. */
  async runSlotValues(runId: Types.ObjectId): Promise<SlotValue[]> {
    const details = await RunDetailsModel.findById(runId, { slots: 1 }).lean();
    return unpackLines(details?.slots, ([posting, value, exact]) => ({ posting: posting!, value: Number(value), exact: exact === "1" }));
  }

  /** Writes the proposal: placements (offers once committed) and unplaced students with reasons. */
  private async writeResult(runId: Types.ObjectId, schoolOf: Map<string, Types.ObjectId>, result: OptimalResult): Promise<void> {
    // lean inserts: the documents are complete (defaults and timestamps included), so mongoose's hydration is skipped.
    const now = new Date();
    for (let i = 0; i < result.placements.length; i += WRITE_CHUNK) {
      const chunk = result.placements.slice(i, i + WRITE_CHUNK).map((p) => ({
        _id: new Types.ObjectId(),
        run: runId,
        student: new Types.ObjectId(p.student),
        posting: new Types.ObjectId(p.posting),
        enterprise: new Types.ObjectId(p.enterprise),
        school: schoolOf.get(p.student)!, // every student of the instance has its school there
        score: p.score,
        status: PlacementStatus.OFFERED,
        // reason and respondedAt are left out until an answer sets them (FerretDB pays per stored field).
        profileChunk: `${String(runId)}-${i / WRITE_CHUNK}`,
        createdAt: now,
        updatedAt: now,
      }));
      await this.profiles.placements.open(chunk[0]!.profileChunk, runId);
      await PlacementModel.insertMany(chunk, { ordered: false, lean: true });
      await this.profiles.placements.complete(chunk[0]!.profileChunk, chunk);
      if (i === 0) this.options.crashPoint("solve:writing");
    }
    const chunks = [];
    for (let i = 0; i < result.unplaced.length; i += WRITE_CHUNK) {
      chunks.push({
        _id: new Types.ObjectId(),
        run: runId,
        seq: i / WRITE_CHUNK,
        lines: result.unplaced.slice(i, i + WRITE_CHUNK).map((u) => `${u.student},${String(schoolOf.get(u.student))},${u.reason}`).join("\n"),
        createdAt: now,
        updatedAt: now,
      });
    }
    if (chunks.length) await UnplacedChunkModel.insertMany(chunks, { ordered: false, lean: true });
  }

  // ---- commit -----------------------------------------------------------------------------

  /**
   * Commits a SOLVED run: its placements become offers. Idempotent per key: the
   * same key returns the same run without writing; an interrupted commit is
   * finished by retrying its key. Commits are serialised by one lock document;
   * a run whose scope overlaps an active run it was not built on is refused
   * unless it supersedes that run explicitly.
   */
  async commit(viewer: Viewer, id: string, key: string, supersede: string[]): Promise<AllocationRun> {
    if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) throw new BadUserInputError("idempotencyKey", "must be 8–100 letters, digits or _ . : -");
    const runId = toObjectId("id", id);
    const supersedeIds = supersede.map((s, i) => toObjectId(`supersede.${i}`, s));
    const run = await AllocationRunModel.findById(runId).lean<AllocationRun>();
    if (!run) throw new NotFoundError("allocation run", id);

    const used = await CommitKeyModel.findById(key).lean();
    if (used && String(used.run) !== String(runId)) throw new ConflictError("idempotencyKey", "this key was used to commit another run");
    if ((run.status === AllocationRunStatus.COMMITTED || run.status === AllocationRunStatus.SUPERSEDED) && run.commitKey === key) {
      await this.finishCommit(run, key); // clean-up left by an interrupted commit; nothing when complete
      return (await AllocationRunModel.findById(runId).lean<AllocationRun>())!;
    }
    if (run.status === AllocationRunStatus.COMMITTING && run.commitKey !== key) {
      throw new ConflictError("idempotencyKey", "this run is being committed with another key; retry with that key");
    }
    if (run.status !== AllocationRunStatus.SOLVED && run.status !== AllocationRunStatus.COMMITTING) {
      throw new ConflictError("id", `the run is ${run.status}; only a SOLVED run can be committed`);
    }

    await this.acquireLock(runId, key);
    this.options.crashPoint("commit:locked");
    await CommitKeyModel.updateOne({ _id: key }, { $setOnInsert: { run: runId, at: new Date() } }, { upsert: true });

    // Overlap: an active run this one was not built on, and that it does not supersede.
    const active = await this.activeRunIds();
    const basedOn = new Set(run.basedOn.map(String));
    const superseding = new Set(supersedeIds.map(String));
    for (const other of supersedeIds) {
      if (!active.some((a) => String(a) === String(other))) {
        await this.releaseLock(runId, key);
        throw new BadUserInputError("supersede", `run ${String(other)} is not an active committed run`);
      }
    }
    for (const otherId of active) {
      if (String(otherId) === String(runId) || basedOn.has(String(otherId)) || superseding.has(String(otherId))) continue;
      const other = await AllocationRunModel.findById(otherId).lean<AllocationRun>();
      if (other && scopesOverlap(run.scope, other.scope)) {
        await this.releaseLock(runId, key);
        throw new ConflictError("id", `run ${String(otherId)} is active for an overlapping scope; supersede it explicitly or start a new run`);
      }
    }

    const claimed = await AllocationRunModel.findOneAndUpdate(
      { _id: runId, status: trusted({ $in: [AllocationRunStatus.SOLVED, AllocationRunStatus.COMMITTING] }), commitKey: trusted({ $in: [null, key] }) },
      { $set: { status: AllocationRunStatus.COMMITTING, commitKey: key, supersedes: supersedeIds.length ? supersedeIds : run.supersedes } },
      { returnDocument: "after" },
    ).lean<AllocationRun>();
    if (!claimed) {
      await this.releaseLock(runId, key);
      throw new ConflictError("id", "the run changed meanwhile; read it again");
    }
    this.options.crashPoint("commit:claimed");

    // The flip: one guarded update makes every placement of the run an offer at once.
    const flipped = await AllocationRunModel.findOneAndUpdate(
      { _id: runId, status: AllocationRunStatus.COMMITTING, commitKey: key },
      { $set: { status: AllocationRunStatus.COMMITTED, committedAt: new Date(), committedBy: viewer.userId } },
      { returnDocument: "after" },
    ).lean<AllocationRun>();
    const committed = flipped ?? (await AllocationRunModel.findById(runId).lean<AllocationRun>())!;
    if (committed.status !== AllocationRunStatus.COMMITTED || committed.commitKey !== key) {
      throw new ConflictError("id", "the run changed meanwhile; read it again");
    }
    this.options.crashPoint("commit:flipped");
    await this.finishCommit(committed, key, viewer);
    return (await AllocationRunModel.findById(runId).lean<AllocationRun>())!;
  }

  /** After the flip: mark superseded runs, audit, release the lock. Idempotent. */
  private async finishCommit(run: AllocationRun, key: string, viewer: Viewer | null = null): Promise<void> {
    const lock = await LockModel.findById(COMMIT_LOCK).lean();
    if (!lock || String(lock.run) !== String(run._id) || lock.key !== key) return; // already finished
    for (const old of run.supersedes) {
      const marked = await AllocationRunModel.updateOne({ _id: old, status: AllocationRunStatus.COMMITTED }, { $set: { status: AllocationRunStatus.SUPERSEDED } });
      if (marked.modifiedCount) await this.audit.record(viewer, AuditAction.RUN_SUPERSEDED, { runId: old });
    }
    await this.audit.record(viewer, AuditAction.RUN_COMMITTED, { runId: run._id });
    await this.releaseLock(run._id, key);
  }

  private async acquireLock(runId: Types.ObjectId, key: string): Promise<void> {
    try {
      await LockModel.create({ _id: COMMIT_LOCK, run: runId, key, at: new Date() });
    } catch {
      const lock = await LockModel.findById(COMMIT_LOCK).lean();
      if (lock && String(lock.run) === String(runId) && lock.key === key) return; // resuming our own commit
      if (!lock) return this.acquireLock(runId, key);
      throw new ConflictError("id", "another allocation run is being committed; try again shortly");
    }
  }

  private async releaseLock(runId: Types.ObjectId, key: string): Promise<void> {
    await LockModel.deleteOne({ _id: COMMIT_LOCK, run: runId, key });
  }

  // ---- placements and offers --------------------------------------------------------------

  /** A run's proposed placements (the bureau's review), filterable by enterprise or school. */
  async runPlacements(runId: Types.ObjectId, filter: { enterpriseId?: string; schoolId?: string }, page: { first: number; after?: string | null }) {
    const owners: ["e" | "s", Types.ObjectId][] = [];
    if (filter.enterpriseId) owners.push(["e", toObjectId("enterpriseId", filter.enterpriseId)]);
    if (filter.schoolId) owners.push(["s", toObjectId("schoolId", filter.schoolId)]);
    return this.listedPlacements([runId], owners, null, page);
  }

  /** A run's unplaced students with reasons, optionally of one school; paged by position. */
  async runUnplaced(runId: Types.ObjectId, filter: { schoolId?: string }, page: { first: number; after?: string | null }): Promise<ConnectionShape<UnplacedStudent>> {
    const school = filter.schoolId ? String(toObjectId("schoolId", filter.schoolId)) : null;
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
    let start = 0;
    if (page.after) {
      const decoded = Buffer.from(page.after, "base64url").toString();
      if (!/^pos:\d+$/.test(decoded)) throw new BadUserInputError("after", "invalid cursor");
      start = Number(decoded.slice(4)) + 1;
    }
    const nodes = all.slice(start, start + page.first);
    const cursor = (i: number) => Buffer.from(`pos:${start + i}`).toString("base64url");
    const pageInfo = new PageInfo();
    pageInfo.hasNextPage = start + page.first < all.length;
    pageInfo.endCursor = nodes.length ? cursor(nodes.length - 1) : null;
    return { totalCount: all.length, edges: nodes.map((node, i) => ({ node, cursor: cursor(i) })), pageInfo };
  }

  /** Offers of active runs the viewer may see: an enterprise its own, a school its students'. */
  async placements(viewer: Viewer, filter: PlacementFilter | undefined, page: { first: number; after?: string | null }) {
    const active = await this.activeRunIds();
    const runs = filter?.runId ? active.filter((r) => String(r) === filter.runId) : active;
    // The viewer's scope picks the list to read: an enterprise's offers, or a school's students'.
    const scope = scopeApplications(viewer);
    const owners: ["e" | "s", Types.ObjectId][] = [];
    if (scope.enterprise) owners.push(["e", new Types.ObjectId(String(scope.enterprise))]);
    if (scope.school) owners.push(["s", new Types.ObjectId(String(scope.school))]);
    if (filter?.enterpriseId) owners.push(["e", toObjectId("filter.enterpriseId", filter.enterpriseId)]);
    if (filter?.schoolId) owners.push(["s", toObjectId("filter.schoolId", filter.schoolId)]);
    return this.listedPlacements(runs, owners, filter?.status ?? null, page);
  }

  /**
   * One page of the placements of `runs` that belong to every one of `owners`
   * (an enterprise, a school), optionally of one status: the ids from the runs'
   * placement profiles (kept in step with every answer), then only the page's
   * documents by _id.
   */
  private async listedPlacements(runs: Types.ObjectId[], owners: ["e" | "s", Types.ObjectId][], status: PlacementStatus | null, page: { first: number; after?: string | null }) {
    const profiles = runs.length ? await this.profiles.placements.load(runs) : [];
    const ids = profiles
      .filter((p) => owners.every(([kind, owner]) => (kind === "e" ? p.enterprise : p.school) === String(owner)) && (!status || p.status === status))
      .map((p) => p.id)
      .sort();
    return paginateIds(ids, placementsById, page);
  }

  /**
   * An enterprise accepts or declines an offer to it; a school may decline one
   * on its student's behalf. Only an OFFERED placement of an active run.
   */
  async respond(viewer: Viewer, id: string, response: PlacementResponse, reason: string | null | undefined): Promise<Placement> {
    const placement = await PlacementModel.findById(toObjectId("id", id)).lean<Placement>();
    const active = await this.activeRunIds();
    if (!placement || !active.some((r) => String(r) === String(placement.run))) throw new NotFoundError("placement", id);
    const ownEnterprise = viewer.role === Role.ENTERPRISE && viewer.enterpriseId === String(placement.enterprise);
    const ownSchool = viewer.role === Role.SCHOOL && viewer.schoolId === String(placement.school);
    if (!ownEnterprise && !ownSchool) throw new NotFoundError("placement", id);
    if (ownSchool && response === PlacementResponse.ACCEPT) throw new ForbiddenError("a school may only decline an offer on its student's behalf");
    const text = reason?.trim() ?? null;
    if (text && text.length > 200) throw new BadUserInputError("reason", "at most 200 characters");
    const status = response === PlacementResponse.ACCEPT ? PlacementStatus.ACCEPTED : PlacementStatus.DECLINED;
    const answered = (current: string) => new ConflictError("id", `the offer was already answered (${current})`);
    if (placement.status !== PlacementStatus.OFFERED) throw answered(placement.status);
    // One answer per offer: the first to claim its key writes it, by _id alone. (A guarded
    // { _id, status: OFFERED } update is not pushed down to SQLite by FerretDB: it read every
    // placement, ~1.6 s at 45,000.) A claim whose answer never got written (a crash) is taken over
    // after a minute.
    const stillOffered = async (): Promise<boolean> => (await PlacementModel.findById(placement._id).lean<Placement>())?.status === PlacementStatus.OFFERED;
    const conflicts = await this.options.claims.claim([{ key: `answer:${String(placement._id)}`, owner: placement._id }], crypto.randomUUID(), async () => !(await stillOffered()));
    if (conflicts.length > 0) {
      const current = (await PlacementModel.findById(placement._id).lean<Placement>())?.status;
      throw answered(current && current !== PlacementStatus.OFFERED ? current : "being answered");
    }
    const updated = await this.profiles.placements.writeOne(placement, () =>
      PlacementModel.findByIdAndUpdate(placement._id, { $set: { status, reason: text, respondedAt: new Date() } }, { returnDocument: "after" }).lean<Placement>(),
    );
    if (!updated) throw new NotFoundError("placement", id);
    await this.audit.record(viewer, status === PlacementStatus.ACCEPTED ? AuditAction.PLACEMENT_ACCEPTED : AuditAction.PLACEMENT_DECLINED, {
      runId: placement.run, placementId: placement._id, enterpriseId: placement.enterprise, schoolId: placement.school,
    });
    return updated;
  }

}

const placementsById = (ids: string[]) => findByIds<Placement>(PlacementModel, ids);

function packEnterprises(result: OptimalResult): string {
  const ceiling = new Map((result.enterpriseCeilingValues ?? []).map((v) => [v.enterprise, v.value]));
  return result.enterprises.map((e) => `${e.id},${e.minInterns},${e.maxInterns},${e.placed},${e.shortfall},${ceiling.get(e.id) ?? ""}`).join("\n");
}

function packSlotValues(result: OptimalResult): string {
  return (result.postingSlotValues ?? []).map((v) => `${v.posting},${v.value},${v.exact ? 1 : 0}`).join("\n");
}

function unpackLines<T>(text: string | undefined, row: (fields: string[]) => T): T[] {
  return text ? text.split("\n").map((line) => row(line.split(","))) : [];
}

/** Two scopes overlap when they can share a student (schools and years) or a posting (districts). */
export function scopesOverlap(a: AllocationRun["scope"], b: AllocationRun["scope"]): boolean {
  const meets = <T>(x: T[], y: T[], key: (v: T) => string = String) => x.length === 0 || y.length === 0 || x.some((v) => y.map(key).includes(key(v)));
  const studentsMeet = meets(a.schoolIds, b.schoolIds) && meets(a.graduationYears, b.graduationYears) && meets(a.enrolmentYears, b.enrolmentYears);
  return studentsMeet || meets(a.districts, b.districts);
}
