import type { Id, Enterprise } from "../store/documents";
import type { EnterpriseFilter } from "../../schema/inputs/misc.input";
import type { EnterpriseInput, UpdateEnterpriseInput } from "../../schema/inputs/enterprise.input";
import { Role } from "../../schema/enums";
import { checkCreditCode, checkDistrict, checkIndustry, isAboveScale, sizeClass } from "../../schema/rules";
import { canManageEnterprise, scopeEnterprises } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { ConflictError, ForbiddenError, NotFoundError, type FieldProblem } from "../errors";
import { DuplicateKey, type EnterprisesStore, type PageArgs } from "../store";
import { toObjectId } from "./ids";
import { checkRowCount, throwRowProblems } from "./bulk";
import { Problems, checkText } from "./problems";
import type { ClusterService } from "./cluster.service";

type EnterpriseFields = Omit<Enterprise, "_id" | "createdAt" | "updatedAt">;

export class EnterpriseService {
  constructor(private readonly store: EnterprisesStore, private readonly clusters: ClusterService) {}

  async list(viewer: Viewer, filter: EnterpriseFilter | undefined, page: PageArgs) {
    return this.store.page({
      ...scopeEnterprises(viewer),
      district: filter?.district,
      // An industry filter is a GB/T 4754 code or its prefix: every prefix of a code is stored.
      industryPrefixes: filter?.industry ? filter.industry.replace(/[^0-9A-Z]/g, "") : undefined,
      aboveScale: filter?.aboveScale ?? undefined,
      clusters: filter?.cluster,
    }, page);
  }

  /** One enterprise the viewer may read, or NOT_FOUND (also for ones hidden from the viewer). */
  async get(viewer: Viewer, id: string): Promise<Enterprise> {
    const enterprise = await this.store.inScope(toObjectId("id", id), scopeEnterprises(viewer));
    if (!enterprise) throw new NotFoundError("enterprise", id);
    return enterprise;
  }

  byIds(ids: string[]): Promise<Enterprise[]> {
    return this.store.byIds(ids);
  }

  async byId(id: Id): Promise<Enterprise | null> {
    return this.store.byId(id);
  }

  async create(input: EnterpriseInput): Promise<Enterprise> {
    const fields = await this.validate(input, null, "");
    try {
      return await this.store.create(fields);
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("creditCode", `an enterprise with credit code ${fields.creditCode} exists`);
      throw err;
    }
  }

  async update(viewer: Viewer, id: string, input: UpdateEnterpriseInput): Promise<Enterprise> {
    const current = await this.get(viewer, id);
    if (!canManageEnterprise(viewer, String(current._id))) throw new ForbiddenError();
    if (input.aboveScaleOverride !== undefined && viewer.role !== Role.BUREAU) {
      throw new ForbiddenError("only the bureau sets the above-scale override");
    }
    const fields = await this.validate({ ...current, ...stripUndefined(input) }, current, "");
    const updated = await this.store.update(current._id, fields);
    if (!updated) throw new NotFoundError("enterprise", id);
    return updated;
  }

  /**
   * Registers up to 5,000 enterprises at once (the bureau's registry import),
   * all or nothing: every row's problems are reported together; a credit code
   * already registered, or twice in the call, rejects the call.
   */
  async importMany(rows: EnterpriseInput[]): Promise<{ imported: number; ids: string[] }> {
    checkRowCount(rows);
    const clusters = await this.clusters.codes();
    const problems: FieldProblem[] = [];
    const documents: EnterpriseFields[] = [];
    const rowOfCode = new Map<string, number>();
    rows.forEach((row, index) => {
      const rowProblems = new Problems("", index + 1);
      const fields = this.check(row, null, rowProblems, clusters);
      if (fields) {
        const earlier = rowOfCode.get(fields.creditCode);
        if (earlier !== undefined) rowProblems.add("creditCode", `same credit code as row ${earlier}`);
        rowOfCode.set(fields.creditCode, index + 1);
        documents.push(fields);
      }
      problems.push(...rowProblems.list);
    });
    throwRowProblems(problems, rows.length);
    const existing = await this.store.takenCreditCodes([...rowOfCode.keys()]);
    if (existing.size > 0) {
      const conflicts = [...existing].map((code) => ({ row: rowOfCode.get(code)!, field: "creditCode", message: "an enterprise with this credit code exists" }));
      throw new ConflictError("rows", `${conflicts.length} row(s) duplicate registered enterprises; nothing imported`, conflicts);
    }
    let ids;
    try {
      ids = await this.store.insertAll(documents);
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("rows", "a row duplicates an enterprise registered meanwhile; nothing imported");
      throw err;
    }
    return { imported: documents.length, ids: ids.map(String) };
  }

  /** Checks every field and derives the computed ones; throws BAD_USER_INPUT with all problems. */
  private async validate(input: EnterpriseInput, current: Enterprise | null, prefix: string): Promise<EnterpriseFields> {
    const problems = new Problems(prefix);
    const fields = this.check(input, current, problems, await this.clusters.codes());
    problems.throwIfAny();
    return fields!;
  }

  /** Checks every field and derives the computed ones (in-city flag, above-scale, size class). */
  private check(input: EnterpriseInput, current: Enterprise | null, problems: Problems, known: Set<string>): EnterpriseFields | undefined {
    const name = checkText(problems, "name", input.name, 2, 100);
    let creditCode = current?.creditCode;
    let creditCodePilot = current?.creditCodePilot ?? false;
    if (!current) {
      const code = problems.check("creditCode", checkCreditCode(String(input.creditCode ?? "")));
      if (code) {
        creditCode = code.normalized;
        creditCodePilot = code.pilotCode;
      }
    }
    const district = problems.check("district", checkDistrict(String(input.district ?? "")));
    const industry = problems.check("industry", checkIndustry(String(input.industry ?? "")));
    const clusters = input.clusters ?? [];
    for (const code of clusters) if (!known.has(code)) problems.add("clusters", `unknown cluster "${code}"`);
    if (!Number.isInteger(input.headcount) || input.headcount < 1 || input.headcount > 1_000_000) problems.add("headcount", "must be an integer 1–1,000,000");
    if (typeof input.annualRevenue !== "number" || !(input.annualRevenue >= 0) || input.annualRevenue > 1e13) problems.add("annualRevenue", "must be a number 0–1e13");
    if (input.recordedInterns !== undefined && input.recordedInterns !== null && (!Number.isInteger(input.recordedInterns) || input.recordedInterns < 0)) {
      problems.add("recordedInterns", "must be an integer >= 0");
    }
    if (!problems.empty) return undefined;
    const aboveScaleOverride = input.aboveScaleOverride ?? null;
    const ruleAboveScale = isAboveScale({ industry: industry!.code, annualRevenue: input.annualRevenue });
    return {
      name: name!,
      creditCode: creditCode!,
      creditCodePilot,
      district: district!.code,
      inCity: district!.inCity,
      industry: industry!.code,
      industryPrefixes: Array.from({ length: industry!.code.length }, (_, i) => industry!.code.slice(0, i + 1)),
      clusters: [...new Set(clusters)],
      headcount: input.headcount,
      recordedInterns: input.recordedInterns ?? 0,
      annualRevenue: input.annualRevenue,
      aboveScaleOverride,
      aboveScale: aboveScaleOverride ?? ruleAboveScale,
      sizeClass: sizeClass({ headcount: input.headcount, annualRevenue: input.annualRevenue }) as Enterprise["sizeClass"],
    };
  }
}

/** Drops keys whose value is undefined, so a partial update keeps current values. */
export function stripUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
