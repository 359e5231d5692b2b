import { toId, isIdText } from "../store/ids";
import { AllocationRunStatus, SolverChoice, AuditAction, PlacementStatus, type Id, type AllocationRun, type RunEnterprise, type SlotValue, type Placement, type UnplacedStudent } from "../store/documents";
import type { PlacementFilter, StartAllocationRunInput } from "../../schema/inputs/allocation.input";
import { PlacementResponse } from "../../schema/inputs/allocation.input";
import { Role } from "../../schema/enums";
import { checkDistrict } from "../../schema/rules";
import { DEFAULT_POLICY, DEFAULT_WEIGHTS, type OptimalResult } from "../../matching";
import type { AllocationProfiles } from "../solver/profiles-instance";
import type { BuiltAndSolved } from "../solver/worker-pool";
import { isOwnStudent, scopeApplications } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { loadAllocationProfiles } from "./allocation-instance";
import type { AuditService } from "./audit.service";
import { toObjectId } from "./ids";
import type { PageArgs, Stores } from "../store";
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
}

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

  private readonly runs: Stores["runs"];

  constructor(private readonly audit: AuditService, private readonly stores: Stores, private readonly options: AllocationOptions) {
    this.runs = stores.runs;
  }

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
    const schoolIds: Id[] = [];
    for (const [i, id] of scope.schoolIds.entries()) {
      if (!isIdText(id)) { problems.add(`scope.schoolIds.${i}`, `not a valid id: "${id}"`); continue; }
      const oid = toId(id);
      if (!(await this.stores.schools.exists(oid))) problems.add(`scope.schoolIds.${i}`, `unknown school ${id}`);
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

    const run = await this.runs.create({
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
    return run;
  }

  async list(page: PageArgs) {
    return this.runs.page(page);
  }

  async get(id: string): Promise<AllocationRun> {
    const run = await this.runs.byId(toObjectId("id", id));
    if (!run) throw new NotFoundError("allocation run", id);
    return run;
  }

  /** Runs whose placements are live offers (see active-runs.ts). */
  activeRunIds(): Promise<Id[]> {
    return this.runs.activeRunIds();
  }

  // ---- solving ----------------------------------------------------------------------------

  /** Queues a run's solve; runs are solved one at a time, off the request path. */
  enqueue(runId: Id): void {
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
    const runs = await this.runs.unfinished();
    for (const run of runs) this.enqueue(run);
    return runs.length;
  }

  private async solve(runId: Id): Promise<void> {
    const claimed = await this.runs.claimForSolving(runId);
    if (!claimed) return;
    try {
      // Resumed after a crash mid-solve: it may have written part of its children; start clean.
      if (claimed.status === AllocationRunStatus.SOLVING) await this.runs.clearOutputs(runId);
      const t0 = Date.now();
      const activeRuns = await this.activeRunIds();
      const { profiles, schoolOf } = await loadAllocationProfiles(claimed, activeRuns, this.options.today(), this.stores);
      const t1 = Date.now();
      const { result, hash, edges } = await this.options.solve(profiles, claimed.solver);
      const t2 = Date.now();
      if (result.status !== "OPTIMAL") {
        const reason = result.status === "INVALID_INPUT" ? `invalid instance: ${result.errors.slice(0, 5).join("; ")}` : `${result.status}: ${result.message}`;
        await this.fail(runId, reason);
        return;
      }
      await this.writeResult(runId, schoolOf, result);
      const t3 = Date.now();
      await this.runs.finishSolving(runId, {
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
      });
      await this.audit.record(null, AuditAction.RUN_SOLVED, { runId });
    } catch (err) {
      this.options.log("allocation run failed", { runId: String(runId), err: String(err) });
      await this.fail(runId, "internal error while solving (see the server log)");
    }
  }

  private async fail(runId: Id, reason: string): Promise<void> {
    await this.runs.finishSolving(runId, { status: AllocationRunStatus.FAILED, failureReason: reason, "timings.finishedAt": new Date() });
    await this.audit.record(null, AuditAction.RUN_FAILED, { runId });
  }

  /** A solved run's per-enterprise bounds and counts. */
  runEnterprises(runId: Id): Promise<RunEnterprise[]> {
    return this.runs.enterprises(runId);
  }

  /** A solved run's value of one more slot per posting. */
  runSlotValues(runId: Id): Promise<SlotValue[]> {
    return this.runs.slotValues(runId);
  }

  /** Writes the proposal: placements (offers once committed), unplaced students with reasons, figures. */
  private async writeResult(runId: Id, schoolOf: Map<string, Id>, result: OptimalResult): Promise<void> {
    // Every student of the instance has its school in schoolOf.
    const placements = result.placements.map((p) => ({ student: p.student, posting: p.posting, enterprise: p.enterprise, school: schoolOf.get(p.student)!, score: p.score }));
    await this.runs.writePlacements(runId, placements, () => this.options.crashPoint("solve:writing"));
    await this.runs.writeUnplaced(runId, result.unplaced.map((u) => ({ student: u.student, school: String(schoolOf.get(u.student)), reason: u.reason })));
    const ceiling = new Map((result.enterpriseCeilingValues ?? []).map((v) => [v.enterprise, v.value]));
    await this.runs.writeDetails(
      runId,
      result.enterprises.map((e) => ({ enterprise: e.id, minInterns: e.minInterns, maxInterns: e.maxInterns, placed: e.placed, shortfall: e.shortfall, ceilingValue: ceiling.get(e.id) ?? null })),
      (result.postingSlotValues ?? []).map((v) => ({ posting: v.posting, value: v.value, exact: v.exact })),
    );
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
    const run = await this.runs.byId(runId);
    if (!run) throw new NotFoundError("allocation run", id);

    const used = await this.runs.runOfCommitKey(key);
    if (used && used !== String(runId)) throw new ConflictError("idempotencyKey", "this key was used to commit another run");
    if ((run.status === AllocationRunStatus.COMMITTED || run.status === AllocationRunStatus.SUPERSEDED) && run.commitKey === key) {
      await this.finishCommit(run, key); // clean-up left by an interrupted commit; nothing when complete
      return (await this.runs.byId(runId))!;
    }
    if (run.status === AllocationRunStatus.COMMITTING && run.commitKey !== key) {
      throw new ConflictError("idempotencyKey", "this run is being committed with another key; retry with that key");
    }
    if (run.status !== AllocationRunStatus.SOLVED && run.status !== AllocationRunStatus.COMMITTING) {
      throw new ConflictError("id", `the run is ${run.status}; only a SOLVED run can be committed`);
    }

    if (!(await this.runs.takeCommitLock(runId, key))) throw new ConflictError("id", "another allocation run is being committed; try again shortly");
    this.options.crashPoint("commit:locked");
    await this.runs.recordCommitKey(key, runId);

    // Overlap: an active run this one was not built on, and that it does not supersede.
    const active = await this.activeRunIds();
    const basedOn = new Set(run.basedOn.map(String));
    const superseding = new Set(supersedeIds.map(String));
    for (const other of supersedeIds) {
      if (!active.some((a) => String(a) === String(other))) {
        await this.runs.releaseCommitLock(runId, key);
        throw new BadUserInputError("supersede", `run ${String(other)} is not an active committed run`);
      }
    }
    for (const otherId of active) {
      if (String(otherId) === String(runId) || basedOn.has(String(otherId)) || superseding.has(String(otherId))) continue;
      const other = await this.runs.byId(otherId);
      if (other && scopesOverlap(run.scope, other.scope)) {
        await this.runs.releaseCommitLock(runId, key);
        throw new ConflictError("id", `run ${String(otherId)} is active for an overlapping scope; supersede it explicitly or start a new run`);
      }
    }

    const claimed = await this.runs.markCommitting(runId, key, supersedeIds.length ? supersedeIds : run.supersedes);
    if (!claimed) {
      await this.runs.releaseCommitLock(runId, key);
      throw new ConflictError("id", "the run changed meanwhile; read it again");
    }
    this.options.crashPoint("commit:claimed");

    // The flip: one guarded update makes every placement of the run an offer at once.
    const committed = await this.runs.flipCommitted(runId, key, viewer.userId);
    if (committed.status !== AllocationRunStatus.COMMITTED || committed.commitKey !== key) {
      throw new ConflictError("id", "the run changed meanwhile; read it again");
    }
    this.options.crashPoint("commit:flipped");
    await this.finishCommit(committed, key, viewer);
    return (await this.runs.byId(runId))!;
  }

  /** After the flip: mark superseded runs, audit, release the lock. Idempotent. */
  private async finishCommit(run: AllocationRun, key: string, viewer: Viewer | null = null): Promise<void> {
    if (!(await this.runs.holdsCommitLock(run._id, key))) return; // already finished
    for (const old of run.supersedes) {
      if (await this.runs.markSuperseded(old)) await this.audit.record(viewer, AuditAction.RUN_SUPERSEDED, { runId: old });
    }
    await this.audit.record(viewer, AuditAction.RUN_COMMITTED, { runId: run._id });
    await this.runs.releaseCommitLock(run._id, key);
  }

  // ---- placements and offers --------------------------------------------------------------

  /** A run's proposed placements (the bureau's review), filterable by enterprise or school. */
  async runPlacements(runId: Id, filter: { enterpriseId?: string; schoolId?: string }, page: PageArgs) {
    return this.runs.placementPage([runId], {
      enterprise: filter.enterpriseId ? toObjectId("enterpriseId", filter.enterpriseId) : undefined,
      school: filter.schoolId ? toObjectId("schoolId", filter.schoolId) : undefined,
    }, page);
  }

  /** A run's unplaced students with reasons, optionally of one school; paged by position. */
  async runUnplaced(runId: Id, filter: { schoolId?: string }, page: PageArgs): Promise<ConnectionShape<UnplacedStudent>> {
    const school = filter.schoolId ? String(toObjectId("schoolId", filter.schoolId)) : null;
    const all = await this.runs.unplaced(runId, school);
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
  async placements(viewer: Viewer, filter: PlacementFilter | undefined, page: PageArgs) {
    const active = await this.activeRunIds();
    const runs = filter?.runId ? active.filter((r) => String(r) === filter.runId) : active;
    const scope = scopeApplications(viewer);
    const enterprise = owner(scope.enterprise, filter?.enterpriseId, "filter.enterpriseId");
    const school = owner(scope.school, filter?.schoolId, "filter.schoolId");
    // A filter outside the viewer's own scope matches nothing.
    if (enterprise === null || school === null) return this.runs.placementPage([], {}, page);
    return this.runs.placementPage(runs, { enterprise, school, status: filter?.status ?? null }, page);
  }

  /**
   * An enterprise accepts or declines an offer to it, and so may the student it is made to; a
   * school may decline one on its student's behalf. Only an OFFERED placement of an active run.
   */
  async respond(viewer: Viewer, id: string, response: PlacementResponse, reason: string | null | undefined): Promise<Placement> {
    const placement = await this.runs.placementById(toObjectId("id", id));
    const active = await this.activeRunIds();
    if (!placement || !active.some((r) => String(r) === String(placement.run))) throw new NotFoundError("placement", id);
    const ownEnterprise = viewer.role === Role.ENTERPRISE && viewer.enterpriseId === String(placement.enterprise);
    const ownSchool = viewer.role === Role.SCHOOL && viewer.schoolId === String(placement.school);
    const ownStudent = isOwnStudent(viewer, String(placement.student));
    if (!ownEnterprise && !ownSchool && !ownStudent) throw new NotFoundError("placement", id);
    if (ownSchool && response === PlacementResponse.ACCEPT) throw new ForbiddenError("a school may only decline an offer on its student's behalf");
    const text = reason?.trim() ?? null;
    if (text && text.length > 200) throw new BadUserInputError("reason", "at most 200 characters");
    const status = response === PlacementResponse.ACCEPT ? PlacementStatus.ACCEPTED : PlacementStatus.DECLINED;
    const answered = (current: string) => new ConflictError("id", `the offer was already answered (${current})`);
    if (placement.status !== PlacementStatus.OFFERED) throw answered(placement.status);
    // One answer per offer: the update is guarded by status OFFERED, so of two answers at once
    // exactly one is written.
    const updated = await this.runs.answer(placement._id, status, text);
    if (!updated) {
      const current = (await this.runs.placementById(placement._id))?.status;
      throw answered(current ?? "removed");
    }
    await this.audit.record(viewer, status === PlacementStatus.ACCEPTED ? AuditAction.PLACEMENT_ACCEPTED : AuditAction.PLACEMENT_DECLINED, {
      runId: placement.run, placementId: placement._id, enterpriseId: placement.enterprise, schoolId: placement.school,
    });
    return updated;
  }

}

/**
 * The owner (enterprise or school) a placement list is narrowed to: the viewer's own, a filter's,
 * or both when they agree; null when they differ (nothing to list), undefined when neither is set.
 */
function owner(scoped: unknown, filtered: string | undefined, field: string): Id | null | undefined {
  const fromFilter = filtered ? toObjectId(field, filtered) : undefined;
  if (scoped === undefined) return fromFilter;
  const own = toId(String(scoped));
  return fromFilter && !fromFilter.equals(own) ? null : own;
}

/** Two scopes overlap when they can share a student (schools and years) or a posting (districts). */
export function scopesOverlap(a: AllocationRun["scope"], b: AllocationRun["scope"]): boolean {
  const meets = <T>(x: T[], y: T[], key: (v: T) => string = String) => x.length === 0 || y.length === 0 || x.some((v) => y.map(key).includes(key(v)));
  const studentsMeet = meets(a.schoolIds, b.schoolIds) && meets(a.graduationYears, b.graduationYears) && meets(a.enrolmentYears, b.enrolmentYears);
  return studentsMeet || meets(a.districts, b.districts);
}
