import type { Id, Application, Placement } from "../store/documents";
import type { ApplyInput } from "../../schema/inputs/misc.input";
import { ApplicationStatus, PostingStatus } from "../../schema/enums";
import { canManageSchool, isOwnStudent, scopeApplications } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { DuplicateKey, type ApplicationsStore, type PageArgs, type Stores } from "../store";
import { toObjectId } from "./ids";

export const MAX_PREFERENCES = 10;

/** Students' ranked preferences: at most 10 active ones per student, ranks 1–10 each used once. */
export class ApplicationService {
  private readonly store: ApplicationsStore;

  constructor(private readonly stores: Pick<Stores, "applications" | "students" | "postings" | "runs">) {
    this.store = stores.applications;
  }

  async list(viewer: Viewer, filter: { postingId?: string; studentId?: string; status?: ApplicationStatus } | undefined, page: PageArgs) {
    const posting = filter?.postingId ? String(toObjectId("filter.postingId", filter.postingId)) : undefined;
    const student = filter?.studentId ? String(toObjectId("filter.studentId", filter.studentId)) : undefined;
    return this.store.list({ ...scopeApplications(viewer), posting, student, status: filter?.status ?? undefined }, page);
  }

  /** The student's active preferences, best rank first. */
  async preferencesOf(student: { _id: Id }): Promise<Application[]> {
    return (await this.store.ofStudent(student._id)).filter((a) => a.status === ApplicationStatus.ACTIVE).sort((a, b) => a.rank - b.rank);
  }

  /**
   * Reorders one student's active preferences: `ids` are all of them, best first, and become
   * ranks 1..n. The student herself, her school or the bureau may do it. Only changed ranks are
   * written; a concurrent withdrawal or new preference makes the set differ (CONFLICT).
   */
  async rank(viewer: Viewer, ids: string[]): Promise<Application[]> {
    if (ids.length === 0) throw new BadUserInputError("ids", "at least one application");
    if (ids.length > MAX_PREFERENCES) throw new BadUserInputError("ids", `at most ${MAX_PREFERENCES} preferences`);
    const wanted = ids.map((id, i) => String(toObjectId(`ids.${i}`, id)));
    if (new Set(wanted).size !== wanted.length) throw new BadUserInputError("ids", "an application is listed twice");
    const first = await this.store.byId(toObjectId("ids.0", wanted[0]!));
    const studentId = first ? String(first.student) : "";
    if (!first || !(isOwnStudent(viewer, studentId) || canManageSchool(viewer, String(first.school)))) throw new NotFoundError("application", ids[0]!);
    const active = await this.preferencesOf({ _id: first.student });
    const byId = new Map(active.map((a) => [String(a._id), a]));
    const unknown = wanted.findIndex((id) => !byId.has(id));
    if (unknown >= 0) throw new BadUserInputError(`ids.${unknown}`, "not an active preference of this student");
    if (wanted.length !== active.length) throw new ConflictError("ids", `the student has ${active.length} active preferences; list all of them`);
    const ranked: Application[] = [];
    for (const [i, id] of wanted.entries()) {
      const current = byId.get(id)!;
      if (current.rank === i + 1) { ranked.push(current); continue; }
      const updated = await this.store.update(current._id, { rank: i + 1 }, { status: ApplicationStatus.ACTIVE });
      if (!updated) throw new ConflictError(`ids.${i}`, "the preference was withdrawn meanwhile");
      ranked.push(updated);
    }
    return ranked;
  }

  /**
   * The student's offers (placements of runs in force), newest first: to the student herself,
   * her school and the bureau; to anyone else none (an enterprise sees its own through placements).
   */
  async offersOf(viewer: Viewer, student: { _id: Id; school: Id }): Promise<Placement[]> {
    if (!isOwnStudent(viewer, String(student._id)) && !canManageSchool(viewer, String(student.school))) return [];
    const runs = await this.stores.runs.activeRunIds();
    if (runs.length === 0) return [];
    const offers = await this.stores.runs.placements.find({ run: runs, student: student._id });
    return offers.reverse();
  }

  /** A school (or the bureau) records a student's preference for an open posting, rank 1–10. */
  async apply(viewer: Viewer, input: ApplyInput): Promise<Application> {
    if (!Number.isInteger(input.rank) || input.rank < 1 || input.rank > MAX_PREFERENCES) {
      throw new BadUserInputError("rank", `must be 1–${MAX_PREFERENCES}`);
    }
    const student = await this.stores.students.byId(toObjectId("studentId", input.studentId));
    if (!student) throw new NotFoundError("student", input.studentId);
    if (!canManageSchool(viewer, String(student.school))) throw new ForbiddenError("not your school's student");
    const posting = await this.stores.postings.byId(toObjectId("postingId", input.postingId));
    if (!posting) throw new NotFoundError("posting", input.postingId);
    if (posting.status !== PostingStatus.OPEN) throw new BadUserInputError("postingId", "the posting is closed");
    const mine = await this.store.ofStudent(student._id);
    const active = mine.filter((a) => a.status === ApplicationStatus.ACTIVE);
    if (active.some((a) => String(a.posting) === String(posting._id))) throw new ConflictError("postingId", "the student already applied to this posting");
    if (active.some((a) => a.rank === input.rank)) throw new ConflictError("rank", `the student already has a preference ranked ${input.rank}`);
    if (active.length >= MAX_PREFERENCES) throw new BadUserInputError("postingId", `at most ${MAX_PREFERENCES} preferences`);
    const withdrawn = mine.find((a) => String(a.posting) === String(posting._id) && a.status === ApplicationStatus.WITHDRAWN);
    if (withdrawn) {
      const reactivated = await this.store.update(withdrawn._id, { status: ApplicationStatus.ACTIVE, rank: input.rank }, { status: ApplicationStatus.WITHDRAWN });
      if (reactivated) return reactivated;
    }
    try {
      return await this.store.create({ student: student._id, posting: posting._id, school: student.school, enterprise: posting.enterprise, rank: input.rank, status: ApplicationStatus.ACTIVE });
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("postingId", "the student already applied to this posting");
      throw err;
    }
  }

  async withdraw(viewer: Viewer, id: string): Promise<Application> {
    const application = await this.store.byId(toObjectId("id", id));
    if (!application) throw new NotFoundError("application", id);
    if (!canManageSchool(viewer, String(application.school))) throw new NotFoundError("application", id);
    return (await this.store.update(application._id, { status: ApplicationStatus.WITHDRAWN }))!;
  }

  /** Inserts applications checked by the caller (the demo loader), all or nothing. */
  async insertChecked(documents: Omit<Application, "_id" | "createdAt">[]): Promise<void> {
    await this.store.insertAll(documents);
  }
}
