/**
 * Each report as a table with Chinese headers, for CSV and XLSX exports. The same service calls
 * as the GraphQL fields, with the same viewer, so an export shows exactly what the API shows.
 */
import { Role } from "../../schema/enums";
import { RetentionGroupBy, SupplyDemandGroupBy } from "../../schema/inputs/report.input";
import type { Viewer } from "../auth";
import { BadUserInputError, ForbiddenError } from "../errors";
import type { Services } from "../services";

export type Cell = string | number | null;

export interface Column {
  header: string;
  /** "percent" cells hold a ratio (0.5) shown as 50.0% in XLSX and "50.0%" in CSV. */
  format?: "percent" | "integer" | "text";
  width?: number;
}

export interface ReportTable {
  /** Chinese title, also the file name and the sheet name. */
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export interface ExportQuery {
  year: number;
  groupBy?: string;
}

interface ExportDefinition {
  roles: Role[];
  build(services: Services, viewer: Viewer, query: ExportQuery): Promise<ReportTable>;
}

const RETENTION_GROUP_LABELS: Record<RetentionGroupBy, string> = {
  SCHOOL: "学校", MAJOR: "专业", MAJOR_CATEGORY: "专业大类", INDUSTRY: "行业大类", DISTRICT: "工作地区县", SCHOOL_LEVEL: "办学层次",
};
const SUPPLY_GROUP_LABELS: Record<SupplyDemandGroupBy, string> = { MAJOR_CATEGORY: "专业大类", INDUSTRY: "行业大类" };

/** The first column of each grouping: the code people know (学校标识码, GB/T codes), not a database id. */
const RETENTION_CODE_HEADERS: Record<RetentionGroupBy, string> = {
  SCHOOL: "学校标识码", MAJOR: "专业代码", MAJOR_CATEGORY: "专业大类代码", INDUSTRY: "行业代码（GB/T 4754）", DISTRICT: "区县代码（GB/T 2260）", SCHOOL_LEVEL: "办学层次",
};
const SUPPLY_CODE_HEADERS: Record<SupplyDemandGroupBy, string> = { MAJOR_CATEGORY: "专业大类代码", INDUSTRY: "行业代码（GB/T 4754）" };

function enumArg<T extends string>(value: string | undefined, allowed: Record<T, string>, fallback: T): T {
  if (value === undefined || value === "") return fallback;
  if (!(value in allowed)) throw new BadUserInputError("groupBy", `must be one of ${Object.keys(allowed).join(", ")}`);
  return value as T;
}

const pct: Column["format"] = "percent";
const int: Column["format"] = "integer";

/** The exportable reports, by the name used in /exports/:name.(csv|xlsx). */
export const EXPORTS: Record<string, ExportDefinition> = {
  retention: {
    roles: [Role.BUREAU, Role.SCHOOL],
    async build(services, viewer, { year, groupBy }) {
      const by = enumArg(groupBy, RETENTION_GROUP_LABELS, RetentionGroupBy.SCHOOL);
      const stats = await services.reports.retentionStats(viewer, year, by);
      const line = (r: (typeof stats.rows)[number]): Cell[] => [r.code, r.label, r.graduates, r.employed, r.employedInCity, r.furtherStudy, r.relatedToMajor, r.retentionRate, r.placementRate, r.majorMatchRate, r.gap];
      return {
        title: `${year}届毕业生留泉率（按${RETENTION_GROUP_LABELS[by]}）`,
        columns: [
          { header: RETENTION_CODE_HEADERS[by], format: "text" }, { header: RETENTION_GROUP_LABELS[by], width: 28 }, { header: "毕业生人数", format: int }, { header: "就业人数", format: int },
          { header: "在泉就业人数", format: int }, { header: "升学人数", format: int }, { header: "专业相关就业人数", format: int },
          { header: "留泉率", format: pct }, { header: "毕业去向落实率", format: pct }, { header: "专业对口率", format: pct }, { header: `距目标${(stats.target * 100).toFixed(0)}%差距`, format: pct },
        ],
        rows: [...stats.rows.map(line), line(stats.total)],
      };
    },
  },
  ranking: {
    roles: [Role.BUREAU, Role.SCHOOL],
    async build(services, viewer, { year }) {
      const ranking = await services.reports.schoolRetentionRanking(viewer, year);
      return {
        title: `${year}届学校留泉率排名`,
        columns: [
          { header: "学校标识码", format: "text" }, { header: "学校", width: 28 }, { header: "名次", format: int }, { header: "办学层次" }, { header: "就业人数", format: int }, { header: "在泉就业人数", format: int },
          { header: "留泉率", format: pct }, { header: "奖励金额（元）", format: int }, { header: "说明", width: 36 },
        ],
        rows: ranking.rows.map((r) => [r.schoolCode, r.schoolName, r.rank, r.levelLabel, r.employed, r.employedInCity, r.retentionRate, r.rewardYuan, r.note]),
      };
    },
  },
  fit: {
    roles: [Role.BUREAU, Role.SCHOOL],
    async build(services, viewer, { year }) {
      const fit = await services.reports.majorIndustryFit(viewer, year);
      return {
        title: `${year}届毕业生专业产业契合度`,
        columns: [{ header: "产业集群代码", format: "text" }, { header: "产业集群", width: 24 }, { header: "对应专业毕业生人数", format: int }, { header: "占毕业生比例", format: pct }],
        rows: [
          ...fit.clusters.map((c): Cell[] => [c.code, c.name, c.graduates, c.share]),
          ["FITTED", "合计（对应任一重点产业集群）", fit.fitted, fit.fitRate],
          ["TOTAL", `毕业生总数（目标契合度 ${(fit.target * 100).toFixed(0)}%）`, fit.graduates, null],
        ],
      };
    },
  },
  "supply-demand": {
    roles: [Role.BUREAU, Role.SCHOOL],
    async build(services, viewer, { year, groupBy }) {
      const by = enumArg(groupBy, SUPPLY_GROUP_LABELS, SupplyDemandGroupBy.MAJOR_CATEGORY);
      const report = await services.reports.supplyDemand(viewer, year, by);
      const line = (r: (typeof report.rows)[number]): Cell[] => [r.key, r.label, r.supply, r.demand, r.gap];
      return {
        title: `${year}届人才供需对比（按${SUPPLY_GROUP_LABELS[by]}）`,
        columns: [{ header: SUPPLY_CODE_HEADERS[by], format: "text" }, { header: SUPPLY_GROUP_LABELS[by], width: 28 }, { header: "供给（毕业生）", format: int }, { header: "需求（岗位招收人数）", format: int }, { header: "缺口（需求−供给）", format: int }],
        rows: [...report.rows.map(line), line(report.total)],
      };
    },
  },
  compliance: {
    roles: [Role.BUREAU, Role.ENTERPRISE],
    async build(services, viewer, { year }) {
      const report = await services.reports.quotaCompliance(viewer, year);
      return {
        title: `${year}年规模以上企业实习岗位比例`,
        columns: [
          { header: "统一社会信用代码", format: "text", width: 22 }, { header: "区县代码（GB/T 2260）", format: "text" }, { header: "行业代码（GB/T 4754）", format: "text" },
          { header: "企业名称", width: 32 }, { header: "所在区县" }, { header: "行业大类", width: 24 }, { header: "职工总数", format: int }, { header: "下限（2%）", format: int },
          { header: "上限（3%）", format: int }, { header: "平台分配实习生", format: int }, { header: "平台外登记实习生", format: int }, { header: "实习生合计", format: int }, { header: "状态" },
        ],
        rows: [
          ...report.rows.map((r): Cell[] => [r.creditCode, r.district, r.industry, r.name, r.districtName, r.industryName, r.headcount, r.floor, r.ceiling, r.placedInterns, r.recordedInterns, r.interns, r.statusLabel]),
          ["TOTAL", null, null, `合计（${report.total.enterprises} 家，低于下限 ${report.total.below}、达标 ${report.total.within}、超过上限 ${report.total.above}）`, null, null, report.total.headcount, report.total.floor, report.total.ceiling, null, null, report.total.interns, null],
        ],
      };
    },
  },
};

/** Builds one export for a viewer; FORBIDDEN for a role the report is not for. */
export async function buildExport(services: Services, viewer: Viewer, name: string, query: ExportQuery): Promise<ReportTable | undefined> {
  const definition = Object.prototype.hasOwnProperty.call(EXPORTS, name) ? EXPORTS[name] : undefined;
  if (!definition) return undefined;
  if (!definition.roles.includes(viewer.role)) throw new ForbiddenError(`requires role ${definition.roles.join(" or ")}`);
  return definition.build(services, viewer, query);
}
