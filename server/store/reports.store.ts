import pg from "pg";
import { Types } from "mongoose";
import { ClusterModel, type Cluster } from "../../schema/cluster.model";
import { EnterpriseModel, type Enterprise } from "../../schema/enterprise.model";
import { PostingKind, PostingStatus, type SchoolLevel } from "../../schema/enums";
import { EmploymentOutcomeModel } from "../../schema/outcome.model";
import type { OutcomeStatus } from "../../schema/outcome-status";
import { PlacementModel, PlacementStatus } from "../../schema/placement.model";
import { PostingModel } from "../../schema/posting.model";
import { SchoolModel } from "../../schema/school.model";
import { StudentModel } from "../../schema/student.model";
import { activeRunIds } from "./active-runs";
import { storeCache, type ReadCache } from "./read-cache";
import { AllocationRunModel } from "../../schema/allocation-run.model";
import { OutcomesStore, inParallel } from "./outcomes.store";
import { RetentionCounters } from "./counters";

const QUERY_TIMEOUT_MS = 10_000;

/** What a report groups current outcomes by, besides the school: nothing, major, industry division, work district. */
export type OutcomeDimension = "SCHOOL" | "MAJOR" | "INDUSTRY" | "DISTRICT";

/** Current outcomes of a year counted per (school, dimension key, status, in city, related to major). */
export interface OutcomeGroup {
  school: string;
  /** The dimension's value (null for SCHOOL, and where the record has none). */
  key: string | null;
  status: OutcomeStatus;
  inCity: boolean;
  relatedToMajor: boolean | null;
  n: number;
}

/** Students of a graduation year counted per (school, major). */
export interface GraduateGroup {
  school: string;
  major: string;
  n: number;
}

export interface ReportSchool {
  id: string;
  name: string;
  level: SchoolLevel;
  /** The school's code (学校标识码) when the registry has one. */
  code: string | null;
}

export interface OpenPosting {
  enterprise: string;
  capacity: number;
  majors: string[];
}

/** What the store needs of FerretDB's PostgreSQL (FerretSql in server/store/sql.ts). */
export interface SqlReader {
  table(collection: string): Promise<string | null>;
  query<R extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<pg.QueryResult<R>>;
}

/** The record field of each dimension (top-level, copied onto the outcome when it is written). */
const DIMENSION_FIELD: Record<OutcomeDimension, string | null> = { SCHOOL: null, MAJOR: "major", INDUSTRY: "industryDivision", DISTRICT: "workDistrict" };

/**
 * Every read of the monitoring reports. Groupings of outcomes and students are one `$match` +
 * `$group` on MongoDB; on the embedded FerretDB, which runs `$group` in Go (16 s for a year of
 * 1,000,000 outcomes), the same grouping is one SQL query on FerretDB's table (`sql`), served by
 * the GIN index on the graduation year. Both give the same groups (tests/api/reports.test.ts).
 * Everything else is an equality filter or an `_id` look-up.
 */
export class ReportsStore {
  /** Report reads are cached until a write to what they read (storeCache). */
  private readonly cache: ReadCache;

  constructor(private readonly sql: SqlReader | null = null) {
    this.cache = storeCache(sql !== null);
  }

  private cached<T>(key: string, models: { collection: { collectionName: string } }[], load: () => Promise<T>): Promise<T> {
    return this.cache.get(key, models.map((m) => m.collection.collectionName), load);
  }

  /** Current outcomes of a graduation year (of one school when given), grouped (see OutcomeGroup). */
  outcomeGroups(year: number, dimension: OutcomeDimension, school: string | null, via: "auto" | "mongo" = "auto"): Promise<OutcomeGroup[]> {
    return this.cached(`outcomes:${year}:${dimension}:${school}:${via}`, [EmploymentOutcomeModel], () => this.loadOutcomeGroups(year, dimension, school, via));
  }

  /** Students of a graduation year (of one school when given) per (school, major). */
  graduates(year: number, school: string | null, via: "auto" | "mongo" = "auto"): Promise<GraduateGroup[]> {
    return this.cached(`graduates:${year}:${school}:${via}`, [StudentModel], () => this.loadGraduates(year, school, via));
  }

  /** Every school (a city has hundreds). */
  schools(): Promise<ReportSchool[]> {
    return this.cached("schools", [SchoolModel], () => this.loadSchools());
  }

  clusters(): Promise<Cluster[]> {
    return this.cached("clusters", [ClusterModel], () => this.loadClusters());
  }

  /** OPEN postings of any kind, as they stand now (equality on status). */
  openPostings(): Promise<OpenPosting[]> {
    return this.cached("openPostings", [PostingModel], () => this.loadOpenPostings());
  }

  /**
   * ACCEPTED placements of the active runs on internship postings whose period overlaps the year,
   * counted per enterprise.
   */
  acceptedInternsByEnterprise(year: number): Promise<Map<string, number>> {
    return this.cached(`accepted:${year}`, [PlacementModel, PostingModel, AllocationRunModel], () => this.loadAcceptedInterns(year));
  }

  private async loadOutcomeGroups(year: number, dimension: OutcomeDimension, school: string | null, via: "auto" | "mongo" = "auto"): Promise<OutcomeGroup[]> {
    const field = DIMENSION_FIELD[dimension];
    const table = via === "auto" && this.sql ? await this.sql.table(EmploymentOutcomeModel.collection.collectionName) : null;
    if (table) {
      const params: unknown[] = [JSON.stringify(year)];
      const bySchool = school ? ` and (_jsonb->'school') @> $2::jsonb` : "";
      if (school) params.push(JSON.stringify(school));
      // `current` is compared with =, not @>: its GIN index matches nearly every row and would only slow the scan.
      const rows = await this.sql!.query<{ school: string; key: string | null; status: OutcomeStatus; in_city: boolean; related: string | null; n: number }>(
        `select _jsonb->>'school' as school, ${field ? `_jsonb->>'${field}'` : "null"} as key, _jsonb->>'status' as status, (_jsonb->'inCity') = 'true'::jsonb as in_city,
          _jsonb->>'relatedToMajor' as related, count(*)::int as n
         from ${table} where (_jsonb->'graduationYear') @> $1::jsonb and _jsonb->'current' = 'true'::jsonb${bySchool} group by 1, 2, 3, 4, 5`, params);
      return rows.rows.map((r) => ({ school: r.school, key: r.key, status: r.status, inCity: r.in_city, relatedToMajor: r.related === null ? null : r.related === "true", n: r.n }));
    }
    const match: Record<string, unknown> = { graduationYear: year, current: true };
    if (school) match.school = new Types.ObjectId(school);
    const groups = await EmploymentOutcomeModel.aggregate<{ _id: { school: Types.ObjectId; key?: string | null; status: OutcomeStatus; inCity: boolean; relatedToMajor?: boolean | null }; n: number }>([
      { $match: match },
      { $group: { _id: { school: "$school", ...(field ? { key: `$${field}` } : {}), status: "$status", inCity: "$inCity", relatedToMajor: "$relatedToMajor" }, n: { $sum: 1 } } },
    ]).option({ maxTimeMS: QUERY_TIMEOUT_MS });
    return groups.map((g) => ({ school: String(g._id.school), key: g._id.key ?? null, status: g._id.status, inCity: g._id.inCity, relatedToMajor: g._id.relatedToMajor ?? null, n: g.n }));
  }

  private async loadGraduates(year: number, school: string | null, via: "auto" | "mongo" = "auto"): Promise<GraduateGroup[]> {
    const table = via === "auto" && this.sql ? await this.sql.table(StudentModel.collection.collectionName) : null;
    if (table) {
      const params: unknown[] = [JSON.stringify(year)];
      if (school) params.push(JSON.stringify(school));
      const rows = await this.sql!.query<GraduateGroup>(
        `select _jsonb->>'school' as school, _jsonb->>'major' as major, count(*)::int as n from ${table}
         where (_jsonb->'graduationYear') @> $1::jsonb${school ? ` and (_jsonb->'school') @> $2::jsonb` : ""} group by 1, 2`, params);
      return rows.rows;
    }
    const match: Record<string, unknown> = { graduationYear: year };
    if (school) match.school = new Types.ObjectId(school);
    const groups = await StudentModel.aggregate<{ _id: { school: Types.ObjectId; major: string }; n: number }>([
      { $match: match },
      { $group: { _id: { school: "$school", major: "$major" }, n: { $sum: 1 } } },
    ]).option({ maxTimeMS: QUERY_TIMEOUT_MS });
    return groups.map((g) => ({ school: String(g._id.school), major: g._id.major, n: g.n }));
  }

  private async loadSchools(): Promise<ReportSchool[]> {
    const list = await SchoolModel.find({}).lean<{ _id: Types.ObjectId; name: string; level: SchoolLevel; code?: string | null }[]>();
    return list.map((s) => ({ id: String(s._id), name: s.name, level: s.level, code: s.code ?? null }));
  }

  private loadClusters(): Promise<Cluster[]> {
    return ClusterModel.find({}).sort({ code: 1 }).lean<Cluster[]>().exec();
  }

  private async loadOpenPostings(): Promise<OpenPosting[]> {
    const list = await PostingModel.find({ status: PostingStatus.OPEN }, { enterprise: 1, capacity: 1, majors: 1 }).maxTimeMS(QUERY_TIMEOUT_MS).lean<{ enterprise: Types.ObjectId; capacity: number; majors: string[] }[]>();
    return list.map((p) => ({ enterprise: String(p.enterprise), capacity: p.capacity, majors: p.majors ?? [] }));
  }

  /** Enterprises by id (missing ones left out). */
  async enterprises(ids: readonly string[]): Promise<Enterprise[]> {
    const found = await inParallel(ids, (id) => EnterpriseModel.findById(id).lean<Enterprise>().exec());
    return found.filter((e): e is Enterprise => e !== null);
  }

  /** Above-scale enterprises: all, or the one given (an enterprise's own view). */
  async aboveScaleEnterprises(only: string | null): Promise<Enterprise[]> {
    if (only !== null) return (await this.enterprises([only])).filter((e) => e.aboveScale);
    return this.cached("aboveScale", [EnterpriseModel], () => EnterpriseModel.find({ aboveScale: true }).maxTimeMS(QUERY_TIMEOUT_MS).lean<Enterprise[]>().exec());
  }

  private async loadAcceptedInterns(year: number): Promise<Map<string, number>> {
    const placed = new Map<string, number>();
    const runs = await activeRunIds();
    if (runs.length === 0) return placed;
    const [postings, placements] = await Promise.all([
      PostingModel.find({ kind: PostingKind.INTERNSHIP }, { startDate: 1, endDate: 1 }).maxTimeMS(QUERY_TIMEOUT_MS).lean<{ _id: Types.ObjectId; startDate: string; endDate: string }[]>(),
      inParallel(runs, (run) => PlacementModel.find({ run, status: PlacementStatus.ACCEPTED }, { enterprise: 1, posting: 1 }).maxTimeMS(QUERY_TIMEOUT_MS).lean<{ enterprise: Types.ObjectId; posting: Types.ObjectId }[]>()),
    ]);
    const inYear = new Set(postings.filter((p) => p.startDate <= `${year}-12-31` && p.endDate >= `${year}-01-01`).map((p) => String(p._id)));
    for (const p of placements.flat()) {
      if (inYear.has(String(p.posting))) placed.set(String(p.enterprise), (placed.get(String(p.enterprise)) ?? 0) + 1);
    }
    return placed;
  }
}

/** The stores of graduate outcomes and reports over one SQL reader (null on MongoDB). */
export function createOutcomeStores(sql: SqlReader | null): { outcomes: OutcomesStore; reports: ReportsStore; counters: RetentionCounters } {
  const reports = new ReportsStore(sql);
  return { outcomes: new OutcomesStore(), reports, counters: new RetentionCounters(reports) };
}
