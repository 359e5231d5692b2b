import type { Enterprise, Id, Posting, School } from "../store/documents";
import { AuditAction } from "../store/documents";
import { NoticeKind, NoticeStatus, type Notice, type NoticeCriteria, type NoticesStore } from "../store/notice-documents";
import type { EnterprisesStore, PageArgs, PostingsStore, SchoolsStore, StudentsStore } from "../store";
import type { Equality } from "../store/filters";
import type { NoticeFilter, NoticeInput, UpdateNoticeInput } from "../../schema/inputs/notice.input";
import { PostingStatus, Role } from "../../schema/enums";
import { checkDistrict, checkIndustry, checkMajorPattern } from "../../schema/rules";
import { QUANZHOU_CITY_CODE } from "../../schema/reference/divisions";
import { canManageEnterprise, canManageSchool, isOwnStudent } from "../auth/scopes";
import type { Viewer } from "../auth/token";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import type { AuditService } from "./audit.service";
import { stripUndefined } from "./enterprise.service";
import { toObjectId } from "./ids";
import { Problems, checkDate, checkInt, checkText } from "./problems";
import { documentTerms, highlight, maskName, maskPersonalText, queryTerms, rank, snippet, type TextFragment } from "./notice-text";
import { industryKeysOf, majorKeysOf, noticeFit, postingFit, type Fit } from "./notice-match";

/** Body length limit (characters), as the issue sets it. */
export const MAX_BODY = 20000;
/** Search ranks at most this many candidates (the newest matching ones). */
export const CANDIDATE_LIMIT = 300;
const BUREAU_NAME = "泉州市人力资源和社会保障局";
const KIND_OF_FIELD: Record<string, NoticeKind> = {
  postingIds: NoticeKind.STAFFING_NEED, openings: NoticeKind.STAFFING_NEED,
  budgetMin: NoticeKind.TECH_NEED, budgetMax: NoticeKind.TECH_NEED, deadline: NoticeKind.TECH_NEED,
  studentId: NoticeKind.JOB_SEEKING, desiredDistricts: NoticeKind.JOB_SEEKING, salaryMin: NoticeKind.JOB_SEEKING, salaryMax: NoticeKind.JOB_SEEKING,
  maturity: NoticeKind.RESEARCH_RESULT, licensingModes: NoticeKind.RESEARCH_RESULT, licensingTerms: NoticeKind.RESEARCH_RESULT,
};
const PUBLIC_KINDS = [NoticeKind.POLICY, NoticeKind.STAFFING_NEED, NoticeKind.TECH_NEED, NoticeKind.RESEARCH_RESULT];

type NoticeFields = Omit<Notice, "_id" | "createdAt" | "updatedAt">;
type Publisher = Pick<NoticeFields, "publisherRole" | "publisherName" | "publishedBy" | "enterprise" | "school" | "student" | "seekerName" | "seekerLevel" | "graduationYear"> & {
  /** The default district (the publisher's own) and the majors a job seeker studies. */
  district: string;
  seekerMajor?: string;
};

export interface NoticeHitShape {
  notice: Notice;
  score: number;
  title: TextFragment[];
  snippet: TextFragment[];
}

export interface Recommended<T> {
  item: T;
  score: number;
  reason: string;
}

/**
 * The information service platform (001 §5(3)): notices of five kinds, published, edited,
 * withdrawn and expired by their publishers, each change audited; lists with filters, search in
 * Chinese with ranked, highlighted hits; and what fits what (needs, results, schools, postings).
 */
export class NoticeService {
  constructor(
    private readonly store: NoticesStore,
    private readonly registries: { enterprises: EnterprisesStore; schools: SchoolsStore; students: StudentsStore; postings: PostingsStore },
    private readonly audit: AuditService,
    private readonly today: () => string,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

  /** What the viewer may read: published notices (job-seeking ones not for students), and its own in any status. */
  visible(viewer: Viewer, notice: Notice): boolean {
    if (viewer.role === Role.BUREAU || this.manages(viewer, notice)) return true;
    if (notice.status !== NoticeStatus.PUBLISHED) return false;
    return notice.kind !== NoticeKind.JOB_SEEKING || viewer.role === Role.ENTERPRISE || viewer.role === Role.SCHOOL;
  }

  /** May the viewer change this notice? Policies: the bureau; others: their enterprise, school or student (and the bureau). */
  manages(viewer: Viewer, notice: Notice): boolean {
    switch (notice.kind) {
      case NoticeKind.POLICY: return viewer.role === Role.BUREAU;
      case NoticeKind.STAFFING_NEED: case NoticeKind.TECH_NEED: return !!notice.enterprise && canManageEnterprise(viewer, String(notice.enterprise));
      case NoticeKind.RESEARCH_RESULT: return !!notice.school && canManageSchool(viewer, String(notice.school));
      case NoticeKind.JOB_SEEKING: return (!!notice.school && canManageSchool(viewer, String(notice.school))) || (!!notice.student && isOwnStudent(viewer, String(notice.student)));
    }
  }

  /** The viewer's own notices as a filter (its enterprise's, school's, its own; the bureau's policies). */
  private own(viewer: Viewer): Equality {
    switch (viewer.role) {
      case Role.ENTERPRISE: return { enterprise: viewer.enterpriseId! };
      case Role.SCHOOL: return { school: viewer.schoolId! };
      case Role.STUDENT: return { student: viewer.studentId ?? "none" };
      default: return { publisherRole: Role.BUREAU };
    }
  }

  /** The store's criteria of a filter within what the viewer may read. */
  criteria(viewer: Viewer, filter: NoticeFilter | undefined | null): NoticeCriteria {
    const f = filter ?? {};
    const equality: Equality = {};
    if (f.kind) equality.kind = f.kind;
    if (f.industry) {
      const industry = checkIndustry(f.industry);
      if (!industry.ok) throw new BadUserInputError("filter.industry", industry.message);
      equality.industryKeys = industry.value.code;
    }
    if (f.major) {
      const major = checkMajorPattern(f.major);
      if (!major.ok) throw new BadUserInputError("filter.major", major.message);
      // A major finds notices naming it or its class; a class finds every notice of the class.
      if (major.value.kind === "MAJOR") equality.majors = [major.value.code, major.value.code.slice(0, 4)];
      else equality.majorKeys = major.value.code;
    }
    if (f.district) {
      const district = checkDistrict(f.district);
      if (!district.ok) throw new BadUserInputError("filter.district", district.message);
      equality.district = district.value.code;
    }
    let activeOn: string | undefined;
    if (f.activeOn) {
      const problems = new Problems("filter.");
      activeOn = checkDate(problems, "activeOn", f.activeOn);
      problems.throwIfAny();
    }
    const status = f.status ?? NoticeStatus.PUBLISHED;
    // Withdrawn and expired notices: the bureau's to see, and each publisher's own.
    const ownOnly = f.mine === true || (status !== NoticeStatus.PUBLISHED && viewer.role !== Role.BUREAU);
    if (ownOnly) Object.assign(equality, this.own(viewer));
    equality.status = status;
    if (viewer.role === Role.STUDENT && !ownOnly) {
      if (f.kind === NoticeKind.JOB_SEEKING) throw new ForbiddenError("job-seeking notices are for enterprises, schools and the bureau");
      if (!f.kind) equality.kind = PUBLIC_KINDS;
    }
    return { equality, activeOn };
  }

  list(viewer: Viewer, filter: NoticeFilter | undefined | null, page: PageArgs) {
    return this.store.list(this.criteria(viewer, filter), page);
  }

  /** A notice the viewer may read, or NOT_FOUND. */
  async get(viewer: Viewer, id: string, field = "id"): Promise<Notice> {
    const notice = await this.store.byId(toObjectId(field, id));
    if (!notice || !this.visible(viewer, notice)) throw new NotFoundError("notice", id);
    return notice;
  }

  /** The audit entries of a notice, for its publisher and the bureau. */
  async history(viewer: Viewer, id: string, page: PageArgs) {
    const notice = await this.managed(viewer, id);
    return this.audit.list({ noticeId: notice._id }, page);
  }

  /**
   * Search in Chinese, English and numbers: the query's words (two or more characters) must all be
   * among a notice's terms; when no notice has all of them, any of them will do. The newest
   * CANDIDATE_LIMIT matches are ranked (title above text, longer words above shorter), the page of
   * hits read with highlights.
   */
  async search(viewer: Viewer, query: string, filter: NoticeFilter | undefined | null, first: number, offset: number): Promise<{ totalCount: number; terms: string[]; hits: NoticeHitShape[] }> {
    if (typeof query !== "string" || query.trim().length === 0 || query.length > 100) throw new BadUserInputError("query", "length must be 1–100 characters");
    const { required, all: terms } = queryTerms(query);
    if (required.length === 0) throw new BadUserInputError("query", "needs a word of two or more characters");
    if (!Number.isInteger(offset) || offset < 0 || offset > CANDIDATE_LIMIT) throw new BadUserInputError("offset", `must be an integer in 0–${CANDIDATE_LIMIT}`);
    const criteria = this.criteria(viewer, filter);
    let candidates = await this.store.candidates({ ...criteria, allTerms: required }, terms, CANDIDATE_LIMIT);
    if (candidates.length === 0 && required.length > 1) candidates = await this.store.candidates({ ...criteria, anyTerms: required }, terms, CANDIDATE_LIMIT);
    const ranked = rank(candidates, terms, query);
    const page = ranked.slice(offset, offset + first);
    const notices = new Map((await this.store.byIds(page.map((r) => r.candidate.id))).map((n) => [String(n._id), n]));
    const hits: NoticeHitShape[] = [];
    for (const { candidate, score } of page) {
      const notice = notices.get(candidate.id);
      if (!notice) continue;
      const title = highlight(notice.title, terms);
      hits.push({ notice, score, title: title.length ? title : [{ text: notice.title, match: false }], snippet: snippet(notice.body, terms) });
    }
    return { totalCount: ranked.length, terms: required, hits };
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Publishes a notice. Policies only by the bureau, needs by an enterprise, results by a school, job seeking by a school (for its student) or the student. */
  async publish(viewer: Viewer, input: NoticeInput): Promise<Notice> {
    const publisher = await this.publisher(viewer, input);
    const fields = await this.validate(input.kind, input, publisher);
    const notice = await this.store.create({ ...fields, status: NoticeStatus.PUBLISHED });
    await this.record(viewer, AuditAction.NOTICE_PUBLISHED, notice);
    return notice;
  }

  async update(viewer: Viewer, id: string, input: UpdateNoticeInput): Promise<Notice> {
    const current = await this.managed(viewer, id);
    if (current.status !== NoticeStatus.PUBLISHED) throw new ConflictError("status", `the notice is ${current.status}`);
    const merged: NoticeInput = { ...inputOf(current), ...stripUndefined(input) } as NoticeInput;
    const fields = await this.validate(current.kind, merged, publisherOf(current));
    const updated = await this.store.update(current._id, { ...fields });
    if (!updated) throw new NotFoundError("notice", id);
    await this.record(viewer, AuditAction.NOTICE_UPDATED, updated);
    return updated;
  }

  async withdraw(viewer: Viewer, id: string): Promise<Notice> {
    const current = await this.managed(viewer, id);
    if (current.status !== NoticeStatus.PUBLISHED) throw new ConflictError("status", `the notice is ${current.status}`);
    const updated = await this.store.update(current._id, { status: NoticeStatus.WITHDRAWN });
    if (!updated) throw new NotFoundError("notice", id);
    await this.record(viewer, AuditAction.NOTICE_WITHDRAWN, updated);
    return updated;
  }

  /** Every published notice whose validity ended before today becomes EXPIRED (each audited). */
  async expireEnded(viewer: Viewer | null): Promise<number> {
    const ids = await this.store.expireEndedBefore(this.today());
    for (const noticeId of ids) await this.audit.record(viewer, AuditAction.NOTICE_EXPIRED, { noticeId });
    return ids.length;
  }

  private record(viewer: Viewer, action: AuditAction, notice: Notice): Promise<void> {
    return this.audit.record(viewer, action, { noticeId: notice._id, enterpriseId: notice.enterprise ?? undefined, schoolId: notice.school ?? undefined });
  }

  /** A notice the viewer may change; one it may only read is FORBIDDEN, one it may not read NOT_FOUND. */
  private async managed(viewer: Viewer, id: string): Promise<Notice> {
    const notice = await this.store.byId(toObjectId("id", id));
    if (!notice || !this.visible(viewer, notice)) throw new NotFoundError("notice", id);
    if (!this.manages(viewer, notice)) throw new ForbiddenError("only the publisher changes a notice");
    return notice;
  }

  /** Who publishes a new notice of this kind, from the viewer (the token) only. */
  private async publisher(viewer: Viewer, input: NoticeInput): Promise<Publisher> {
    const base = { publishedBy: viewer.userId, enterprise: null, school: null, student: null, seekerName: null, seekerLevel: null, graduationYear: null };
    switch (input.kind) {
      case NoticeKind.POLICY:
        if (viewer.role !== Role.BUREAU) throw new ForbiddenError("only the bureau publishes policies");
        return { ...base, publisherRole: Role.BUREAU, publisherName: BUREAU_NAME, district: QUANZHOU_CITY_CODE };
      case NoticeKind.STAFFING_NEED:
      case NoticeKind.TECH_NEED: {
        if (viewer.role !== Role.ENTERPRISE || !viewer.enterpriseId) throw new ForbiddenError("only an enterprise publishes its needs");
        const enterprise = await this.registries.enterprises.byId(toObjectId("enterpriseId", viewer.enterpriseId));
        if (!enterprise) throw new NotFoundError("enterprise", viewer.enterpriseId);
        return { ...base, publisherRole: Role.ENTERPRISE, publisherName: enterprise.name, enterprise: enterprise._id, district: enterprise.district };
      }
      case NoticeKind.RESEARCH_RESULT: {
        if (viewer.role !== Role.SCHOOL || !viewer.schoolId) throw new ForbiddenError("only a school publishes research results");
        const school = await this.registries.schools.byId(toObjectId("schoolId", viewer.schoolId));
        if (!school) throw new NotFoundError("school", viewer.schoolId);
        return { ...base, publisherRole: Role.SCHOOL, publisherName: school.name, school: school._id, district: school.district };
      }
      case NoticeKind.JOB_SEEKING: {
        let studentId: string | null = null;
        if (viewer.role === Role.STUDENT) studentId = viewer.studentId ?? null;
        else if (viewer.role === Role.SCHOOL) {
          if (!input.studentId) throw new BadUserInputError("studentId", "required");
          studentId = input.studentId;
        } else throw new ForbiddenError("only a school or the student publishes job seeking");
        const student = studentId ? await this.registries.students.byId(toObjectId("studentId", studentId)) : null;
        if (!student || (viewer.role === Role.SCHOOL && String(student.school) !== viewer.schoolId)) throw new BadUserInputError("studentId", "no such student in your scope");
        const school = await this.registries.schools.byId(student.school);
        if (!school) throw new BadUserInputError("studentId", "the student's school no longer exists");
        return {
          ...base, publisherRole: viewer.role, publisherName: school.name, school: school._id, student: student._id,
          seekerName: maskName(student.name), seekerLevel: school.level, graduationYear: student.graduationYear,
          district: student.homeDistrict, seekerMajor: student.major,
        };
      }
      default:
        throw new BadUserInputError("kind", "unknown notice kind");
    }
  }

  /** Every field checked, every problem reported with its path; the stored fields with their search terms and keys. */
  private async validate(kind: NoticeKind, input: NoticeInput, publisher: Publisher): Promise<Omit<NoticeFields, "status">> {
    const problems = new Problems();
    const record = input as unknown as Record<string, unknown>;
    for (const [field, owner] of Object.entries(KIND_OF_FIELD)) {
      const value = record[field];
      if (owner !== kind && value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && !(field === "studentId" && kind === NoticeKind.JOB_SEEKING)) {
        problems.add(field, `only for ${owner} notices`);
      }
    }
    const mask = kind === NoticeKind.JOB_SEEKING ? maskPersonalText : (text: string) => text;
    const title = checkText(problems, "title", input.title, 2, 200);
    const body = checkText(problems, "body", input.body, 1, MAX_BODY);
    const source = checkText(problems, "source", input.source ?? "", 0, 200);
    const district = problems.check("district", checkDistrict(input.district ?? publisher.district));
    const industries = codes(problems, "industries", input.industries, 20, (code) => checkIndustry(code));
    let majors = codes(problems, "majors", input.majors, 30, (code) => checkMajorPattern(code));
    if (kind === NoticeKind.JOB_SEEKING && majors.length === 0 && publisher.seekerMajor) majors = [publisher.seekerMajor];
    const validFrom = checkDate(problems, "validFrom", input.validFrom);
    const validUntil = checkDate(problems, "validUntil", input.validUntil);
    if (validFrom && validUntil && validUntil < validFrom) problems.add("validUntil", "must not be before validFrom");
    const attachments = checkAttachments(problems, input.attachments);

    const extra: Partial<NoticeFields> = {};
    if (kind === NoticeKind.STAFFING_NEED) {
      extra.postings = await this.checkPostings(problems, input.postingIds ?? [], publisher.enterprise ?? null);
      extra.openings = input.openings === undefined || input.openings === null ? null : checkInt(problems, "openings", input.openings, 1, 100000) ?? null;
    }
    if (kind === NoticeKind.TECH_NEED) {
      const range = checkRange(problems, "budgetMin", "budgetMax", input.budgetMin, input.budgetMax, 1e6);
      extra.budgetMin = range[0];
      extra.budgetMax = range[1];
      extra.deadline = input.deadline === undefined || input.deadline === null ? null : checkDate(problems, "deadline", input.deadline) ?? null;
      if (extra.deadline && validFrom && extra.deadline < validFrom) problems.add("deadline", "must not be before validFrom");
    }
    if (kind === NoticeKind.JOB_SEEKING) {
      extra.desiredDistricts = codes(problems, "desiredDistricts", input.desiredDistricts ?? [], 13, (code) => checkDistrict(code));
      const range = checkRange(problems, "salaryMin", "salaryMax", input.salaryMin, input.salaryMax, 1e6);
      extra.salaryMin = range[0];
      extra.salaryMax = range[1];
    }
    if (kind === NoticeKind.RESEARCH_RESULT) {
      if (!input.maturity) problems.add("maturity", "required");
      extra.maturity = input.maturity ?? null;
      extra.licensingModes = [...new Set(input.licensingModes ?? [])];
      extra.licensingTerms = input.licensingTerms === undefined || input.licensingTerms === null ? null : checkText(problems, "licensingTerms", input.licensingTerms, 0, 2000) ?? null;
    }
    problems.throwIfAny();
    const maskedTitle = mask(title!);
    const maskedBody = mask(body!);
    const maskedSource = mask(source!);
    return {
      kind, title: maskedTitle, body: maskedBody, source: maskedSource, district: district!.code, industries, majors,
      validFrom: validFrom!, validUntil: validUntil!, attachments,
      publisherRole: publisher.publisherRole, publisherName: publisher.publisherName, publishedBy: publisher.publishedBy,
      enterprise: publisher.enterprise, school: publisher.school, student: publisher.student,
      seekerName: publisher.seekerName, seekerLevel: publisher.seekerLevel, graduationYear: publisher.graduationYear,
      postings: [], openings: null, budgetMin: null, budgetMax: null, deadline: null, desiredDistricts: [], salaryMin: null, salaryMax: null,
      maturity: null, licensingModes: [], licensingTerms: null,
      ...extra,
      terms: documentTerms(maskedTitle, maskedSource, maskedBody),
      titleTerms: documentTerms(maskedTitle),
      industryKeys: industryKeysOf(industries),
      majorKeys: majorKeysOf(majors),
    };
  }

  /** A staffing need's postings: the publishing enterprise's own. */
  private async checkPostings(problems: Problems, ids: string[], enterprise: Id | null): Promise<Id[]> {
    if (!Array.isArray(ids) || ids.length > 50) {
      problems.add("postingIds", "at most 50 postings");
      return [];
    }
    const valid = ids.filter((id, i) => {
      if (/^[0-9a-f]{24}$/.test(id)) return true;
      problems.add(`postingIds.${i}`, `not a valid id: "${id}"`);
      return false;
    });
    const found = new Map((await this.registries.postings.byIds(valid)).map((p) => [String(p._id), p]));
    ids.forEach((id, i) => {
      const posting = found.get(id);
      if (valid.includes(id) && (!posting || String(posting.enterprise) !== String(enterprise))) problems.add(`postingIds.${i}`, "not a posting of this enterprise");
    });
    return [...new Set(valid)].filter((id) => found.has(id)).map((id) => found.get(id)!._id);
  }

  // ---- what fits what ------------------------------------------------------------------------

  /** Published notices of `kind` that share an industry division, a major class or a title word with `notice`. */
  private async related(notice: Notice, kind: NoticeKind, limit = 300): Promise<Notice[]> {
    const base: Equality = { kind, status: NoticeStatus.PUBLISHED };
    const divisions = notice.industryKeys.filter((k) => /^\d{2}$/.test(k));
    const classes = notice.majorKeys.filter((k) => k.length === 4);
    const words = notice.titleTerms.filter((t) => [...t].length >= 2 && !/^\d+$/.test(t)).slice(0, 8);
    const reads: Promise<Notice[]>[] = [];
    if (divisions.length) reads.push(this.store.newest({ equality: { ...base, industryKeys: divisions } }, limit));
    if (classes.length) reads.push(this.store.newest({ equality: { ...base, majorKeys: classes } }, limit));
    if (words.length) reads.push(this.store.newest({ equality: base, anyTerms: words }, limit));
    const byId = new Map<string, Notice>();
    for (const list of await Promise.all(reads)) for (const n of list) if (String(n._id) !== String(notice._id)) byId.set(String(n._id), n);
    return [...byId.values()];
  }

  private best<T>(items: Recommended<T>[], limit: number): Recommended<T>[] {
    return items.filter((r) => r.score > 0).sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /** For a notice: the notices, schools, enterprises and postings that fit it, each with its reason. */
  async matchesFor(viewer: Viewer, id: string, limit = 10) {
    const notice = await this.get(viewer, id);
    const result = { notices: [] as Recommended<Notice>[], schools: [] as Recommended<School>[], enterprises: [] as Recommended<Enterprise>[], postings: [] as Recommended<Posting>[] };
    const partner = notice.kind === NoticeKind.TECH_NEED ? NoticeKind.RESEARCH_RESULT : notice.kind === NoticeKind.RESEARCH_RESULT ? NoticeKind.TECH_NEED : notice.kind === NoticeKind.STAFFING_NEED ? NoticeKind.JOB_SEEKING : null;
    if (partner) {
      const scored = (await this.related(notice, partner)).filter((n) => this.visible(viewer, n)).map((n) => ({ item: n, ...noticeFit(notice, n) }));
      result.notices = this.best(scored, limit);
      if (notice.kind === NoticeKind.TECH_NEED) result.schools = await this.schoolsFor(notice, scored, limit);
      if (notice.kind === NoticeKind.RESEARCH_RESULT) result.enterprises = await this.enterprisesFor(notice, scored, limit);
    }
    if (notice.kind === NoticeKind.JOB_SEEKING) result.postings = await this.postingsFor(notice, limit);
    return result;
  }

  /** Schools most likely to answer a technology need: those whose results fit it, and those teaching its majors. */
  private async schoolsFor(need: Notice, results: (Fit & { item: Notice })[], limit: number): Promise<Recommended<School>[]> {
    const bySchool = new Map<string, { score: number; reasons: string[] }>();
    for (const r of results.filter((x) => x.score > 0 && x.item.school).sort((a, b) => b.score - a.score)) {
      const entry = bySchool.get(String(r.item.school)) ?? { score: 0, reasons: [] };
      // The best result counts fully, each further one a little (a school with many fitting results is likelier).
      entry.score += entry.reasons.length === 0 ? r.score : 5;
      if (entry.reasons.length < 2) entry.reasons.push(`科研成果《${r.item.title}》相符（${r.reason}）`);
      bySchool.set(String(r.item.school), entry);
    }
    const schools = await this.registries.schools.all();
    const out: Recommended<School>[] = [];
    for (const school of schools) {
      const entry = bySchool.get(String(school._id));
      const teaching = need.majors.length ? noticeFit({ ...need, industries: [], titleTerms: [], terms: [], district: "" }, { industries: [], majors: school.majors, district: "-", titleTerms: [], terms: [] }) : { score: 0, reason: "" };
      const score = (entry?.score ?? 0) + Math.round(teaching.score / 2);
      if (score === 0) continue;
      const reasons = [...(entry?.reasons ?? []), ...(teaching.score > 0 ? [`开设相关专业（${teaching.reason}）`] : [])];
      out.push({ item: school, score, reason: reasons.join("；") });
    }
    return this.best(out, limit);
  }

  /** Enterprises whose needs fit a research result: those with fitting technology needs, and those of its industries. */
  private async enterprisesFor(result: Notice, needs: (Fit & { item: Notice })[], limit: number): Promise<Recommended<Enterprise>[]> {
    const byEnterprise = new Map<string, { score: number; reasons: string[] }>();
    for (const n of needs.filter((x) => x.score > 0 && x.item.enterprise).sort((a, b) => b.score - a.score)) {
      const entry = byEnterprise.get(String(n.item.enterprise)) ?? { score: 0, reasons: [] };
      entry.score += entry.reasons.length === 0 ? n.score : 5;
      if (entry.reasons.length < 2) entry.reasons.push(`科技需求《${n.item.title}》相符（${n.reason}）`);
      byEnterprise.set(String(n.item.enterprise), entry);
    }
    const classes = result.industryKeys.filter((k) => /^\d{4}$/.test(k));
    const sameIndustry = classes.length ? await this.registries.enterprises.find({ industry: classes }) : [];
    const ids = [...new Set([...byEnterprise.keys(), ...sameIndustry.map((e) => String(e._id))])];
    const enterprises = await this.registries.enterprises.byIds(ids);
    const out: Recommended<Enterprise>[] = [];
    for (const enterprise of enterprises) {
      const entry = byEnterprise.get(String(enterprise._id));
      const industry = classes.includes(enterprise.industry);
      const score = (entry?.score ?? 0) + (industry ? 20 : 0);
      const reasons = [...(entry?.reasons ?? []), ...(industry ? [`企业所属行业与成果相同（${enterprise.industry}）`] : [])];
      out.push({ item: enterprise, score, reason: reasons.join("；") });
    }
    return this.best(out, limit);
  }

  /** Open postings that fit a job seeker (matching's major fit, desired districts, pay). */
  private async postingsFor(seeking: Notice, limit: number): Promise<Recommended<Posting>[]> {
    const keys = majorKeysOf(seeking.majors);
    if (keys.length === 0) return [];
    const postings = await this.registries.postings.open({ majors: keys });
    const seeker = { majors: seeking.majors, level: seeking.seekerLevel ?? null, desiredDistricts: seeking.desiredDistricts, salaryMin: seeking.salaryMin ?? null, salaryMax: seeking.salaryMax ?? null };
    const out: Recommended<Posting>[] = [];
    for (const posting of postings) {
      if (posting.status !== PostingStatus.OPEN) continue;
      const fit = postingFit(seeker, posting);
      if (fit) out.push({ item: posting, ...fit });
    }
    return this.best(out, limit);
  }

  /**
   * "Recommended for you": an enterprise, the research results and job seekers that fit its own
   * needs; a school, the technology needs that fit its results and the needs of its majors; the
   * bureau, technology needs with the result that best answers each (to broker); a student, the
   * staffing needs of its major. Each item with its reason.
   */
  async recommendedFor(viewer: Viewer, limit = 20): Promise<Recommended<Notice>[]> {
    const out = new Map<string, Recommended<Notice>>();
    const add = (notice: Notice, score: number, reason: string) => {
      if (score <= 0 || !this.visible(viewer, notice) || isOwn(viewer, notice)) return;
      const seen = out.get(String(notice._id));
      if (!seen || seen.score < score) out.set(String(notice._id), { item: notice, score, reason });
    };
    const fromOwn = async (kinds: NoticeKind[], partner: (k: NoticeKind) => NoticeKind, label: string) => {
      const own = await this.store.newest({ equality: { ...this.own(viewer), kind: kinds, status: NoticeStatus.PUBLISHED } }, 20);
      for (const mine of own) {
        for (const n of await this.related(mine, partner(mine.kind), 100)) {
          const fit = noticeFit(mine, n);
          add(n, fit.score, `与${label}《${mine.title}》相符：${fit.reason}`);
        }
      }
    };
    if (viewer.role === Role.ENTERPRISE) {
      await fromOwn([NoticeKind.TECH_NEED, NoticeKind.STAFFING_NEED], (k) => (k === NoticeKind.TECH_NEED ? NoticeKind.RESEARCH_RESULT : NoticeKind.JOB_SEEKING), "贵企业发布的需求");
      const enterprise = await this.registries.enterprises.byId(toObjectId("enterpriseId", viewer.enterpriseId!));
      if (enterprise) {
        const policies = await this.store.newest({ equality: { kind: NoticeKind.POLICY, status: NoticeStatus.PUBLISHED, industryKeys: enterprise.industry.slice(0, 2) } }, 20);
        for (const p of policies) add(p, 15, `与贵企业所属行业（${enterprise.industry.slice(0, 2)} 大类）相关的产业政策`);
      }
    } else if (viewer.role === Role.SCHOOL) {
      await fromOwn([NoticeKind.RESEARCH_RESULT], () => NoticeKind.TECH_NEED, "本校科研成果");
      const school = await this.registries.schools.byId(toObjectId("schoolId", viewer.schoolId!));
      const classes = [...new Set((school?.majors ?? []).map((m) => m.slice(0, 4)))];
      if (classes.length) {
        const needs = await this.store.newest({ equality: { kind: [NoticeKind.TECH_NEED, NoticeKind.STAFFING_NEED], status: NoticeStatus.PUBLISHED, majorKeys: classes } }, 100);
        for (const n of needs) {
          const fit = noticeFit({ industries: [], majors: school!.majors, district: school!.district, titleTerms: [], terms: [] }, n);
          add(n, fit.score, `与本校开设的专业相符：${fit.reason}`);
        }
      }
    } else if (viewer.role === Role.BUREAU) {
      const needs = await this.store.newest({ equality: { kind: NoticeKind.TECH_NEED, status: NoticeStatus.PUBLISHED } }, 30);
      for (const need of needs) {
        let best: { notice: Notice; fit: Fit } | null = null;
        for (const r of await this.related(need, NoticeKind.RESEARCH_RESULT, 50)) {
          const fit = noticeFit(need, r);
          if (!best || fit.score > best.fit.score) best = { notice: r, fit };
        }
        if (best) add(need, best.fit.score, `可撮合：${best.notice.publisherName}的科研成果《${best.notice.title}》与之相符（${best.fit.reason}）`);
      }
    } else if (viewer.role === Role.STUDENT && viewer.studentId) {
      const student = await this.registries.students.byId(toObjectId("studentId", viewer.studentId));
      if (student) {
        const needs = await this.store.newest({ equality: { kind: NoticeKind.STAFFING_NEED, status: NoticeStatus.PUBLISHED, majors: [student.major, student.major.slice(0, 4)] } }, 50);
        for (const n of needs) {
          const fit = noticeFit({ industries: [], majors: [student.major], district: student.homeDistrict, titleTerms: [], terms: [] }, n);
          add(n, fit.score, `与你的专业相符：${fit.reason}`);
        }
      }
    }
    return [...out.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

/** Is this one of the viewer's own notices (its enterprise's, school's, its own, or for the bureau a policy)? */
function isOwn(viewer: Viewer, notice: Notice): boolean {
  switch (viewer.role) {
    case Role.ENTERPRISE: return String(notice.enterprise) === viewer.enterpriseId;
    case Role.SCHOOL: return String(notice.school) === viewer.schoolId;
    case Role.STUDENT: return String(notice.student) === viewer.studentId;
    default: return notice.publisherRole === Role.BUREAU;
  }
}

/** A list of codes, each checked; duplicates dropped. */
function codes<T extends { code: string }>(problems: Problems, field: string, value: unknown, max: number, check: (code: string) => { ok: true; value: T } | { ok: false; message: string }): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > max) {
    problems.add(field, `at most ${max} codes`);
    return [];
  }
  const out: string[] = [];
  value.forEach((code, i) => {
    const result = check(String(code));
    if (result.ok) out.push(result.value.code);
    else problems.add(`${field}.${i}`, result.message);
  });
  return [...new Set(out)];
}

/** A range of two optional amounts (each 0–max, the upper not below the lower). */
function checkRange(problems: Problems, minField: string, maxField: string, min: unknown, max: unknown, limit: number): [number | null, number | null] {
  const one = (field: string, value: unknown): number | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > limit) {
      problems.add(field, `must be a number 0–${limit}`);
      return null;
    }
    return value;
  };
  const low = one(minField, min);
  const high = one(maxField, max);
  if (low !== null && high !== null && high < low) problems.add(maxField, `must not be below ${minField}`);
  return [low, high];
}

/** Attachments by link: at most 10, each a title and an http or https URL. */
function checkAttachments(problems: Problems, value: unknown): { title: string; url: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 10) {
    problems.add("attachments", "at most 10 attachments");
    return [];
  }
  return value.flatMap((a: { title?: unknown; url?: unknown }, i) => {
    const title = checkText(problems, `attachments.${i}.title`, a?.title, 1, 100);
    const url = typeof a?.url === "string" ? a.url.trim() : "";
    let ok = false;
    try {
      const parsed = new URL(url);
      ok = (parsed.protocol === "http:" || parsed.protocol === "https:") && url.length <= 2000 && !!parsed.hostname;
    } catch {
      ok = false;
    }
    if (!ok) problems.add(`attachments.${i}.url`, "must be an http or https URL");
    return title && ok ? [{ title, url }] : [];
  });
}

/** A stored notice as the input that would write it (for edits, which check the merged whole again). */
function inputOf(notice: Notice): NoticeInput {
  return {
    kind: notice.kind, title: notice.title, body: notice.body, source: notice.source, district: notice.district,
    industries: notice.industries, majors: notice.majors, validFrom: notice.validFrom, validUntil: notice.validUntil,
    attachments: notice.attachments.map((a) => ({ title: a.title, url: a.url })),
    postingIds: notice.kind === NoticeKind.STAFFING_NEED ? notice.postings.map(String) : null,
    openings: notice.openings ?? null, budgetMin: notice.budgetMin ?? null, budgetMax: notice.budgetMax ?? null, deadline: notice.deadline ?? null,
    desiredDistricts: notice.kind === NoticeKind.JOB_SEEKING ? notice.desiredDistricts : null, salaryMin: notice.salaryMin ?? null, salaryMax: notice.salaryMax ?? null,
    maturity: notice.maturity ?? null, licensingModes: notice.kind === NoticeKind.RESEARCH_RESULT ? notice.licensingModes : null, licensingTerms: notice.licensingTerms ?? null,
  };
}

/** The publisher of a stored notice (an edit keeps it). */
function publisherOf(notice: Notice): Publisher {
  return {
    publisherRole: notice.publisherRole, publisherName: notice.publisherName, publishedBy: notice.publishedBy,
    enterprise: notice.enterprise ?? null, school: notice.school ?? null, student: notice.student ?? null,
    seekerName: notice.seekerName ?? null, seekerLevel: notice.seekerLevel ?? null, graduationYear: notice.graduationYear ?? null,
    district: notice.district,
  };
}
