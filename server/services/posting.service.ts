import type { Id, Posting, Enterprise } from "../store/documents";
import type { PostingFilter, PostingInput, UpdatePostingInput } from "../../schema/inputs/posting.input";
import { PostingKind, PostingStatus, Role } from "../../schema/enums";
import { checkDistrict, checkInternPay, checkMajorPattern } from "../../schema/rules";
import { canManageEnterprise, scopePostings } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { BadUserInputError, ForbiddenError, NotFoundError, type FieldProblem } from "../errors";
import { stripUndefined, type EnterpriseService } from "./enterprise.service";
import type { PageArgs, PostingsStore } from "../store";
import { toObjectId } from "./ids";
import { checkRowCount, throwRowProblems } from "./bulk";
import { Problems, checkDate, checkInt, checkText } from "./problems";

type PostingFields = Omit<Posting, "_id" | "createdAt">;

export class PostingService {
  constructor(private readonly enterprises: EnterpriseService, private readonly store: PostingsStore) {}

  /** Postings the viewer may list (an enterprise its own, a school the open ones, the bureau all), filtered, in _id order. */
  async list(viewer: Viewer, filter: PostingFilter | undefined, page: PageArgs) {
    const enterpriseId = filter?.enterpriseId ? String(toObjectId("filter.enterpriseId", filter.enterpriseId)) : undefined;
    let majors: string[] | undefined;
    if (filter?.major) {
      if (!/^\d{6}[TK]?$/.test(filter.major)) throw new BadUserInputError("filter.major", "must be a 6-digit major code");
      majors = [filter.major, filter.major.slice(0, 4)]; // a posting names a major or its class
    }
    const scope = scopePostings(viewer);
    // A filter that contradicts the viewer's scope matches nothing.
    if ((scope.enterprise && enterpriseId && scope.enterprise !== enterpriseId) || (scope.status && filter?.status && scope.status !== filter.status)) {
      return this.store.list({ majors: [] }, page);
    }
    return this.store.list({
      kind: filter?.kind ?? undefined,
      status: (scope.status as PostingStatus | undefined) ?? filter?.status ?? undefined,
      district: filter?.district ?? undefined,
      enterprise: scope.enterprise ?? enterpriseId,
      majors,
    }, page);
  }

  /** A posting the viewer may read, or NOT_FOUND. */
  async get(viewer: Viewer, id: string, field = "id"): Promise<Posting> {
    const posting = await this.store.inScope(toObjectId(field, id), scopePostings(viewer));
    if (!posting) throw new NotFoundError("posting", id);
    return posting;
  }

  byId(id: Id): Promise<Posting | null> {
    return this.store.byId(id);
  }

  async create(viewer: Viewer, input: PostingInput): Promise<Posting> {
    let enterpriseId = input.enterpriseId ?? null;
    if (viewer.role === Role.ENTERPRISE) {
      if (enterpriseId && enterpriseId !== viewer.enterpriseId) throw new ForbiddenError("not your enterprise");
      enterpriseId = viewer.enterpriseId;
    }
    if (!enterpriseId) throw new BadUserInputError("enterpriseId", "required");
    const enterprise = await this.enterprises.byId(toObjectId("enterpriseId", enterpriseId));
    if (!enterprise) throw new NotFoundError("enterprise", enterpriseId);
    return this.store.create(this.validate({ ...input, status: PostingStatus.OPEN }, enterprise));
  }

  async update(viewer: Viewer, id: string, input: UpdatePostingInput): Promise<Posting> {
    const current = await this.managed(viewer, id);
    const enterprise = await this.enterprises.byId(current.enterprise);
    if (!enterprise) throw new NotFoundError("enterprise", String(current.enterprise));
    const fields = this.validate({ ...current, ...stripUndefined(input) }, enterprise);
    return this.write(current, fields);
  }

  async close(viewer: Viewer, id: string): Promise<Posting> {
    const current = await this.managed(viewer, id);
    return this.write(current, { status: PostingStatus.CLOSED });
  }

  private async write(current: Posting, changes: Partial<PostingFields>): Promise<Posting> {
    const updated = await this.store.update(current._id, changes);
    if (!updated) throw new NotFoundError("posting", String(current._id));
    return updated;
  }

  /** A posting of the viewer's enterprise (or any, for the bureau). */
  private async managed(viewer: Viewer, id: string): Promise<Posting> {
    const posting = await this.store.byId(toObjectId("id", id));
    if (!posting || !canManageEnterprise(viewer, String(posting.enterprise))) {
      // Another enterprise's posting is reported as missing, not as forbidden, to reveal nothing.
      if (posting && viewer.role === Role.BUREAU) throw new ForbiddenError();
      throw new NotFoundError("posting", id);
    }
    return posting;
  }

  /**
   * Publishes up to 5,000 postings at once, all or nothing, with every row's
   * problems reported together. An enterprise account posts for itself only.
   */
  async importMany(viewer: Viewer, rows: PostingInput[]): Promise<{ imported: number; ids: string[] }> {
    checkRowCount(rows);
    const wanted = new Set<string>();
    for (const row of rows) if (row.enterpriseId && /^[0-9a-f]{24}$/.test(row.enterpriseId)) wanted.add(row.enterpriseId);
    if (viewer.enterpriseId) wanted.add(viewer.enterpriseId);
    const enterprises = new Map((await this.enterprises.byIds([...wanted])).map((e) => [String(e._id), e]));
    const problems: FieldProblem[] = [];
    const documents: PostingFields[] = [];
    rows.forEach((row, index) => {
      const rowProblems = new Problems("", index + 1);
      let enterpriseId = row.enterpriseId ?? null;
      if (viewer.role === Role.ENTERPRISE) {
        if (enterpriseId && enterpriseId !== viewer.enterpriseId) throw new ForbiddenError(`row ${index + 1}: not your enterprise`);
        enterpriseId = viewer.enterpriseId;
      }
      const enterprise = enterpriseId ? enterprises.get(enterpriseId) : undefined;
      if (!enterprise) rowProblems.add("enterpriseId", enterpriseId ? `unknown enterprise ${enterpriseId}` : "required");
      else {
        const fields = this.check({ ...row, status: PostingStatus.OPEN }, enterprise, rowProblems);
        if (fields) documents.push(fields);
      }
      problems.push(...rowProblems.list);
    });
    throwRowProblems(problems, rows.length);
    const ids = await this.store.insertAll(documents);
    return { imported: documents.length, ids: ids.map(String) };
  }

  private validate(input: Omit<PostingInput, "enterpriseId"> & { status: PostingStatus }, enterprise: Enterprise): PostingFields {
    const problems = new Problems();
    const fields = this.check(input, enterprise, problems);
    problems.throwIfAny();
    return fields!;
  }

  private check(input: Omit<PostingInput, "enterpriseId"> & { status: PostingStatus }, enterprise: Enterprise, problems: Problems): PostingFields | undefined {
    const title = checkText(problems, "title", input.title, 2, 100);
    const description = typeof input.description === "string" ? input.description.trim() : "";
    if (!Array.isArray(input.majors) || input.majors.length === 0) problems.add("majors", "at least one major or major class");
    else input.majors.forEach((code, i) => problems.check(`majors.${i}`, checkMajorPattern(code)));
    const district = problems.check("district", checkDistrict(input.district ?? enterprise.district));
    const capacity = checkInt(problems, "capacity", input.capacity, 1, 10000);
    if (typeof input.monthlyPay !== "number" || !(input.monthlyPay >= 0)) problems.add("monthlyPay", "must be a number >= 0");
    else if (input.kind === PostingKind.INTERNSHIP) {
      // 2021 internship rules art. 18: intern pay at least 80% of the same post's wage.
      problems.check("monthlyPay", checkInternPay(input.monthlyPay, input.regularWage ?? undefined));
    }
    const startDate = checkDate(problems, "startDate", input.startDate);
    const endDate = checkDate(problems, "endDate", input.endDate);
    if (startDate && endDate && endDate < startDate) problems.add("endDate", "must not be before startDate");
    if (input.regularWage !== undefined && input.regularWage !== null && !(input.regularWage >= 0)) problems.add("regularWage", "must be a number >= 0");
    if (!problems.empty) return undefined;
    return {
      enterprise: enterprise._id,
      kind: input.kind,
      title: title!,
      description,
      majors: [...new Set(input.majors)],
      levels: [...new Set(input.levels ?? [])],
      district: district!.code,
      capacity: capacity!,
      monthlyPay: input.monthlyPay,
      regularWage: input.regularWage ?? null,
      startDate: startDate!,
      endDate: endDate!,
      status: input.status,
    };
  }
}
