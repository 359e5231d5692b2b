import type { Id, Application } from "../store/documents";
import type { ApplyInput } from "../../schema/inputs/misc.input";
import { ApplicationStatus, PostingStatus } from "../../schema/enums";
import { canManageSchool, scopeApplications } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { DuplicateKey, type ApplicationsStore, type PageArgs, type Stores } from "../store";
import { toObjectId } from "./ids";

export const MAX_PREFERENCES = 10;

/** Students' ranked preferences: at most 10 active ones per student, ranks 1–10 each used once. */
export class ApplicationService {
  private readonly store: ApplicationsStore;

  constructor(private readonly stores: Pick<Stores, "applications" | "students" | "postings">) {
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
