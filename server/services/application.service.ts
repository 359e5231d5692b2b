import crypto from "node:crypto";
import { Types } from "mongoose";
import { ApplicationModel, type Application } from "../../schema/application.model";
import type { ApplyInput } from "../../schema/inputs/misc.input";
import { ApplicationStatus, PostingStatus } from "../../schema/enums";
import { canManageSchool, inScope, scopeApplications, type Viewer } from "../auth";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, isDuplicateKeyError } from "../errors";
import { findByIds, paginateIds, toObjectId } from "./pagination";
import { PostingModel } from "../../schema/posting.model";
import { StudentModel } from "../../schema/student.model";
import type { ApplicationProfile, ApplicationProfiles } from "./packed-profiles";

export const MAX_PREFERENCES = 10;

/**
 * Students' ranked preferences. Every look-up (a student's preferences, a
 * school's or an enterprise's list, a run's preferences) goes through the
 * applications' profiles (one chunk per school), then reads documents by _id:
 * on FerretDB a filter on `student` or `posting` reads every application.
 */
export class ApplicationService {
  constructor(private readonly profiles: ApplicationProfiles) {}

  async list(viewer: Viewer, filter: { postingId?: string; studentId?: string; status?: ApplicationStatus } | undefined, page: { first: number; after?: string | null }) {
    const postingId = filter?.postingId ? String(toObjectId("filter.postingId", filter.postingId)) : null;
    const studentId = filter?.studentId ? String(toObjectId("filter.studentId", filter.studentId)) : null;
    const scope = scopeApplications(viewer);
    const ids = (await this.profiles.load(scope.school ? [new Types.ObjectId(String(scope.school))] : []))
      .filter((a) =>
        inScope(scope, a) &&
        (!postingId || a.posting === postingId) &&
        (!studentId || a.student === studentId) &&
        (!filter?.status || a.status === filter.status))
      .map((a) => a.id)
      .sort();
    return paginateIds(ids, (page) => findByIds<Application>(ApplicationModel, page), page);
  }

  /** The student's active preferences, best rank first. */
  async preferencesOf(student: { _id: Types.ObjectId; school: Types.ObjectId }): Promise<Application[]> {
    const active = (await this.ofStudent(student)).filter((a) => a.status === ApplicationStatus.ACTIVE).sort((a, b) => a.rank - b.rank);
    return findByIds<Application>(ApplicationModel, active.map((a) => a.id));
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
    const mine = await this.ofStudent(student);
    const active = mine.filter((a) => a.status === ApplicationStatus.ACTIVE);
    if (active.some((a) => a.posting === String(posting._id))) throw new ConflictError("postingId", "the student already applied to this posting");
    if (active.some((a) => a.rank === input.rank)) throw new ConflictError("rank", `the student already has a preference ranked ${input.rank}`);
    if (active.length >= MAX_PREFERENCES) throw new BadUserInputError("postingId", `at most ${MAX_PREFERENCES} preferences`);
    const withdrawn = mine.find((a) => a.posting === String(posting._id) && a.status === ApplicationStatus.WITHDRAWN);
    const earlier = withdrawn ? await ApplicationModel.findById(withdrawn.id).lean<Application>() : null;
    if (earlier) {
      const reactivated = await this.write(earlier, { status: ApplicationStatus.WITHDRAWN }, { status: ApplicationStatus.ACTIVE, rank: input.rank });
      if (reactivated) return reactivated;
    }
    const record = {
      _id: new Types.ObjectId(), student: student._id, posting: posting._id, school: student.school, enterprise: posting.enterprise,
      rank: input.rank, status: ApplicationStatus.ACTIVE, profileChunk: this.profiles.singlesChunk(student.school),
    };
    return this.profiles.writeOne(record, async () => {
      try {
        return (await ApplicationModel.create(record)).toObject();
      } catch (err) {
        if (isDuplicateKeyError(err)) throw new ConflictError("postingId", "the student already applied to this posting");
        throw err;
      }
    });
  }

  async withdraw(viewer: Viewer, id: string): Promise<Application> {
    const application = await ApplicationModel.findById(toObjectId("id", id)).lean<Application>();
    if (!application) throw new NotFoundError("application", id);
    if (!canManageSchool(viewer, String(application.school))) throw new NotFoundError("application", id);
    return (await this.write(application, {}, { status: ApplicationStatus.WITHDRAWN }))!;
  }

  /**
   * Inserts applications checked by the caller (the demo loader), one chunk
   * per school, through the import protocol of the profiles.
   */
  async insertChecked(documents: Omit<Application, "_id" | "createdAt" | "profileChunk">[]): Promise<void> {
    const bySchool = new Map<string, Record<string, unknown>[]>();
    for (const d of documents) {
      const list = bySchool.get(String(d.school)) ?? bySchool.set(String(d.school), []).get(String(d.school))!;
      list.push({ ...d, _id: new Types.ObjectId() });
    }
    for (const list of bySchool.values()) {
      const chunk = crypto.randomUUID();
      for (const d of list) d.profileChunk = chunk;
      await this.profiles.open(chunk, list[0]!.school as Types.ObjectId);
      await ApplicationModel.insertMany(list, { ordered: false });
      await this.profiles.complete(chunk, list as unknown as Application[]);
    }
  }

  /** Every application (any status) of a student, from its school's profiles. */
  private async ofStudent(student: { _id: Types.ObjectId; school: Types.ObjectId }): Promise<ApplicationProfile[]> {
    return (await this.profiles.load([student.school])).filter((a) => a.student === String(student._id));
  }

  /** Changes an application (guarded by `expected`), keeping its profile in step; null when the guard failed. */
  private async write(application: Application, expected: Record<string, unknown>, changes: Record<string, unknown>): Promise<Application | null> {
    return this.profiles.writeOne(application, () =>
      ApplicationModel.findOneAndUpdate({ _id: application._id, ...expected }, { $set: changes }, { returnDocument: "after" }).lean<Application>(),
    );
  }
}
