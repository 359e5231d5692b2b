import { ApplicationModel, type Application } from "../../schema/application.model";
import type { ApplyInput } from "../../schema/inputs/misc.input";
import { ApplicationStatus, PostingStatus } from "../../schema/enums";
import { canManageSchool, scopeApplications, type Viewer } from "../auth";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, isDuplicateKeyError } from "../errors";
import { paginate, toObjectId } from "./pagination";
import { PostingModel } from "../../schema/posting.model";
import { StudentModel } from "../../schema/student.model";

export const MAX_PREFERENCES = 10;

export class ApplicationService {
  async list(viewer: Viewer, filter: { postingId?: string; studentId?: string; status?: ApplicationStatus } | undefined, page: { first: number; after?: string | null }) {
    const query: Record<string, unknown>[] = [scopeApplications(viewer)];
    if (filter?.postingId) query.push({ posting: toObjectId("filter.postingId", filter.postingId) });
    if (filter?.studentId) query.push({ student: toObjectId("filter.studentId", filter.studentId) });
    if (filter?.status) query.push({ status: filter.status });
    return paginate(ApplicationModel, { $and: query }, page);
  }

  /** The student's active preferences, best rank first. */
  async preferencesOf(studentId: Application["student"]): Promise<Application[]> {
    return ApplicationModel.find({ student: studentId, status: ApplicationStatus.ACTIVE }).sort({ rank: 1 }).lean<Application[]>();
  }

  /** A school (or the bureau) records a student's preference for an open posting, rank 1–10. */
  async apply(viewer: Viewer, input: ApplyInput): Promise<Application> {
    if (!Number.isInteger(input.rank) || input.rank < 1 || input.rank > MAX_PREFERENCES) {
      throw new BadUserInputError("rank", `must be 1–${MAX_PREFERENCES}`);
    }
    const student = await StudentModel.findById(toObjectId("studentId", input.studentId)).lean();
    if (!student) throw new NotFoundError("student", input.studentId);
    if (!canManageSchool(viewer, String(student.school))) throw new ForbiddenError("not your school's student");
    const posting = await PostingModel.findById(toObjectId("postingId", input.postingId)).lean();
    if (!posting) throw new NotFoundError("posting", input.postingId);
    if (posting.status !== PostingStatus.OPEN) throw new BadUserInputError("postingId", "the posting is closed");
    const active = await this.preferencesOf(student._id);
    if (active.some((a) => String(a.posting) === String(posting._id))) throw new ConflictError("postingId", "the student already applied to this posting");
    if (active.some((a) => a.rank === input.rank)) throw new ConflictError("rank", `the student already has a preference ranked ${input.rank}`);
    if (active.length >= MAX_PREFERENCES) throw new BadUserInputError("postingId", `at most ${MAX_PREFERENCES} preferences`);
    const withdrawn = await ApplicationModel.findOneAndUpdate(
      { student: student._id, posting: posting._id, status: ApplicationStatus.WITHDRAWN },
      { $set: { status: ApplicationStatus.ACTIVE, rank: input.rank } },
      { returnDocument: "after" },
    ).lean<Application>();
    if (withdrawn) return withdrawn;
    try {
      const created = await ApplicationModel.create({
        student: student._id, posting: posting._id, school: student.school, enterprise: posting.enterprise,
        rank: input.rank, status: ApplicationStatus.ACTIVE,
      });
      return created.toObject();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ConflictError("postingId", "the student already applied to this posting");
      throw err;
    }
  }

  async withdraw(viewer: Viewer, id: string): Promise<Application> {
    const application = await ApplicationModel.findById(toObjectId("id", id)).lean<Application>();
    if (!application) throw new NotFoundError("application", id);
    if (!canManageSchool(viewer, String(application.school))) throw new NotFoundError("application", id);
    const updated = await ApplicationModel.findOneAndUpdate({ _id: application._id }, { $set: { status: ApplicationStatus.WITHDRAWN } }, { returnDocument: "after" }).lean<Application>();
    return updated!;
  }
}
