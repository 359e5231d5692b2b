import { Role } from "../../schema/enums";
import { RetentionGroupBy, SupplyDemandGroupBy } from "../../schema/inputs/report.input";
import { districtName, industryName, majorName } from "../../schema/labels";
import { OutcomeStatus } from "../../schema/outcome-status";
import { majorCategoryName } from "../../schema/reference/majors";
import { SCHOOL_LEVEL_LABELS, SCHOOL_LEVELS, type SchoolLevel } from "../../schema/rules/school-level";
import {
  ComplianceStatus,
  type ClusterFit,
  type ComplianceTotal,
  type EnterpriseCompliance,
  type MajorIndustryFit,
  type QuotaCompliance,
  type RetentionRow,
  type RetentionStats,
  type RetentionYear,
  type SchoolRanking,
  type SchoolRetentionRanking,
  type SupplyDemand,
  type SupplyDemandRow,
} from "../../schema/report.types";
import { enterpriseBounds } from "../../matching/profiles";
import { type Viewer } from "../auth/token";
import { BadUserInputError, ForbiddenError } from "../errors";
import type { RetentionCounters } from "../store/counters";
import type { GraduateGroup, OutcomeDimension, OutcomeGroup, ReportSchool, ReportsStore } from "../store/reports.store";
import { DEFAULT_MIN_EMPLOYED, REWARD_ELIGIBLE_LEVELS, REWARD_TIERS_YUAN, fitTarget, gapTo, rate, retentionTarget } from "../reports/policy";

const zh = (a: string, b: string) => a.localeCompare(b, "zh-CN");

interface Tally {
  graduates: number;
  recorded: number;
  employed: number;
  employedInCity: number;
  furtherStudy: number;
  relatedToMajor: number;
}
const emptyTally = (): Tally => ({ graduates: 0, recorded: 0, employed: 0, employedInCity: 0, furtherStudy: 0, relatedToMajor: 0 });

/** Chinese labels of compliance statuses. */
export const COMPLIANCE_LABELS: Record<ComplianceStatus, string> = {
  [ComplianceStatus.BELOW]: "低于下限",
  [ComplianceStatus.WITHIN]: "达标",
  [ComplianceStatus.ABOVE]: "超过上限",
};

/**
 * The bureau's monitoring reports. Only $match and $group with $sum reach the database; every
 * ratio is computed here, and is null when its denominator is 0. Scope: the bureau sees all,
 * a school only its own graduates (retention, fit, supply), an enterprise only its own compliance.
 */
export class ReportService {
  constructor(private readonly store: ReportsStore, private readonly counters: RetentionCounters) {}

  /**
   * Retention (留泉率), placement (去向落实率) and major-match (专业对口率) rates for one graduation
   * year, grouped. `graduates` counts students of that graduation year (SCHOOL, MAJOR,
   * MAJOR_CATEGORY, SCHOOL_LEVEL); INDUSTRY and DISTRICT exist only for employed graduates, so
   * there `graduates` = the employed graduates of the group (placement rate 1 by construction).
   * The total is always over all graduates of the viewer's scope, whatever the grouping.
   */
  async retentionStats(viewer: Viewer, year: number, groupBy: RetentionGroupBy): Promise<RetentionStats> {
    checkYear(year);
    const school = schoolScope(viewer);
    const [groups, graduates, schools] = await Promise.all([
      this.store.outcomeGroups(year, dimensionOf(groupBy), school),
      this.store.graduates(year, school),
      this.schools(),
    ]);
    const levelOf = (id: string) => schools.get(id)?.level;
    const groupOfOutcomes = (g: OutcomeGroup): string | undefined => {
      switch (groupBy) {
        case RetentionGroupBy.SCHOOL: return g.school;
        case RetentionGroupBy.MAJOR_CATEGORY: return g.key?.slice(0, 2);
        case RetentionGroupBy.SCHOOL_LEVEL: return levelOf(g.school);
        // Industry and work district exist only for employed graduates.
        default: return g.key ?? undefined;
      }
    };
    const groupOfGraduates = (g: GraduateGroup): string | undefined => {
      switch (groupBy) {
        case RetentionGroupBy.SCHOOL: return g.school;
        case RetentionGroupBy.MAJOR: return g.major;
        case RetentionGroupBy.MAJOR_CATEGORY: return g.major.slice(0, 2);
        case RetentionGroupBy.SCHOOL_LEVEL: return levelOf(g.school);
        default: return undefined;
      }
    };
    const tallies = new Map<string, Tally>();
    const tallyOf = (key: string) => {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = emptyTally()));
      return t;
    };
    const totalTally = emptyTally();
    for (const g of groups) {
      addGroup(totalTally, g);
      const key = groupOfOutcomes(g);
      if (key !== undefined) addGroup(tallyOf(key), g);
    }
    const byGroupOfEmployed = groupBy === RetentionGroupBy.INDUSTRY || groupBy === RetentionGroupBy.DISTRICT;
    if (byGroupOfEmployed) for (const t of tallies.values()) t.graduates = t.employed;
    else for (const g of graduates) {
      const key = groupOfGraduates(g);
      if (key !== undefined) tallyOf(key).graduates += g.n;
    }
    const target = retentionTarget(year);
    const label = (key: string) => labelOf(groupBy, key, schools);
    const rows = [...tallies.entries()].map(([key, t]) => toRow(key, codeOf(groupBy, key, schools), label(key), t, target));
    rows.sort(groupBy === RetentionGroupBy.SCHOOL ? (a, b) => zh(a.label, b.label) : groupBy === RetentionGroupBy.SCHOOL_LEVEL ? (a, b) => SCHOOL_LEVELS.indexOf(a.key as SchoolLevel) - SCHOOL_LEVELS.indexOf(b.key as SchoolLevel) : (a, b) => a.key.localeCompare(b.key));
    totalTally.graduates = graduates.reduce((sum, g) => sum + g.n, 0);
    const total = toRow("TOTAL", "TOTAL", "合计", totalTally, target);
    return { year, groupBy, rows, total, target, gap: total.gap };
  }

  /** City (or the school's) retention for every graduation year that has destinations, oldest first (from the counters). */
  async retentionTrend(viewer: Viewer): Promise<RetentionYear[]> {
    const school = schoolScope(viewer);
    const byYear = new Map<number, Tally>();
    for (const c of await this.counters.all(school)) {
      let t = byYear.get(c.year);
      if (!t) byYear.set(c.year, (t = emptyTally()));
      t.recorded += c.r;
      t.employed += c.e;
      t.employedInCity += c.c;
    }
    return [...byYear.entries()]
      .filter(([, t]) => t.recorded > 0)
      .sort(([a], [b]) => a - b)
      .map(([year, t]) => ({ year, employed: t.employed, employedInCity: t.employedInCity, retentionRate: rate(t.employedInCity, t.employed), target: retentionTarget(year) }));
  }

  /**
   * Schools ranked by retention for the reward of 001 §4(1) (top five: 500k…100k yuan).
   * Rules (ours where 001 is silent):
   * - eligible: undergraduate, vocational undergraduate and higher vocational schools with at least
   *   `minEmployed` employed graduates (default 30); 中职 schools are listed, unranked, "不在奖励范围";
   * - rank by retention rate (compared exactly as fractions); equal rates share a rank (1, 2, 2, 4);
   *   within a tie the school with more graduates employed in Quanzhou is listed first, then by name;
   * - a school of rank r ≤ 5 gets tier r, so schools tied at a boundary all get that tier (two
   *   schools tied 5th both get 100k).
   * A school account sees only its own row (with its rank among all).
   */
  async schoolRetentionRanking(viewer: Viewer, year: number, minEmployed = DEFAULT_MIN_EMPLOYED): Promise<SchoolRetentionRanking> {
    checkYear(year);
    if (!Number.isInteger(minEmployed) || minEmployed < 1 || minEmployed > 100_000) throw new BadUserInputError("minEmployed", "must be an integer in 1–100000");
    const [groups, schools] = await Promise.all([this.store.outcomeGroups(year, "SCHOOL", null), this.schools()]);
    const tallies = new Map<string, Tally>();
    for (const g of groups) {
      const t = tallies.get(g.school) ?? emptyTally();
      addGroup(t, g);
      tallies.set(g.school, t);
    }
    const entries = [...schools.values()].map((school) => {
      const t = tallies.get(school.id) ?? emptyTally();
      const levelEligible = REWARD_ELIGIBLE_LEVELS.includes(school.level);
      const eligible = levelEligible && t.employed >= minEmployed;
      const note = !levelEligible ? "中职学校不在奖励范围（001 §4(1)）" : t.employed < minEmployed ? `就业人数不足 ${minEmployed} 人，不参评` : "";
      return { school, t, eligible, note };
    });
    // a before b when a's rate is higher: compare inCity_a / employed_a with inCity_b / employed_b exactly.
    const byRate = (a: Tally, b: Tally) => b.employedInCity * a.employed - a.employedInCity * b.employed;
    const ranked = entries.filter((e) => e.eligible).sort((a, b) => byRate(a.t, b.t) || b.t.employedInCity - a.t.employedInCity || zh(a.school.name, b.school.name));
    const others = entries.filter((e) => !e.eligible).sort((a, b) => (b.t.employed > 0 ? 1 : 0) - (a.t.employed > 0 ? 1 : 0) || (a.t.employed > 0 && b.t.employed > 0 ? byRate(a.t, b.t) : 0) || zh(a.school.name, b.school.name));
    const rows: SchoolRanking[] = [];
    ranked.forEach((e, i) => {
      const previous = rows[i - 1];
      const rank = i > 0 && byRate(ranked[i - 1]!.t, e.t) === 0 ? previous!.rank! : i + 1;
      const reward = rank <= REWARD_TIERS_YUAN.length ? REWARD_TIERS_YUAN[rank - 1]! : null;
      rows.push(rankingRow(e.school, e.t, rank, true, reward, reward ? `第 ${rank} 名，奖励 ${reward / 10_000} 万元` : ""));
    });
    for (const e of others) rows.push(rankingRow(e.school, e.t, null, false, null, e.note));
    const visible = viewer.role === Role.SCHOOL ? rows.filter((r) => r.schoolId === viewer.schoolId) : rows;
    return { year, minEmployed, rows: visible };
  }

  /**
   * Major–industry fit (专业产业契合度): the share of the year's graduates whose major starts with a
   * major prefix of at least one key industrial cluster (the bureau edits the mapping), against
   * 80% by 2025 and 90% by 2030 (001 §1(2)), with the share of each cluster.
   */
  async majorIndustryFit(viewer: Viewer, year: number): Promise<MajorIndustryFit> {
    checkYear(year);
    const [graduates, clusters] = await Promise.all([this.store.graduates(year, schoolScope(viewer)), this.store.clusters()]);
    let total = 0;
    let fitted = 0;
    const perCluster = new Map<string, number>(clusters.map((c) => [c.code, 0]));
    for (const g of graduates) {
      total += g.n;
      const matching = clusters.filter((c) => c.majorPrefixes.some((prefix) => g.major.startsWith(prefix)));
      if (matching.length > 0) fitted += g.n;
      for (const c of matching) perCluster.set(c.code, perCluster.get(c.code)! + g.n);
    }
    const fitRate = rate(fitted, total);
    const target = fitTarget(year);
    const clusterRows: ClusterFit[] = clusters.map((c) => ({ code: c.code, name: c.name, graduates: perCluster.get(c.code)!, share: rate(perCluster.get(c.code)!, total) }));
    return { year, graduates: total, fitted, fitRate, target, gap: gapTo(target, fitRate), clusters: clusterRows };
  }

  /**
   * Supply (the year's graduates) against demand (capacity of OPEN postings, internships and jobs,
   * as they stand now). By MAJOR_CATEGORY: a posting counts in each 2-digit category its majors
   * accept (postings open to any major under "不限专业"); by INDUSTRY: demand by the posting
   * enterprise's GB/T 4754 division, supply = graduates whose major maps (through the clusters) to
   * that division, counted once per division; graduates of majors outside every cluster are shown
   * as "专业未对应重点产业". The total counts every graduate and every posting once.
   * gap = demand − supply (positive: too few graduates).
   */
  async supplyDemand(viewer: Viewer, year: number, groupBy: SupplyDemandGroupBy): Promise<SupplyDemand> {
    checkYear(year);
    const [graduates, postings, clusters] = await Promise.all([
      this.store.graduates(year, schoolScope(viewer)),
      this.store.openPostings(),
      this.store.clusters(),
    ]);
    const tallies = new Map<string, { supply: number; demand: number }>();
    const tallyOf = (key: string) => {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { supply: 0, demand: 0 }));
      return t;
    };
    let supplyTotal = 0;
    let demandTotal = 0;
    for (const g of graduates) supplyTotal += g.n;
    for (const p of postings) demandTotal += p.capacity;
    if (groupBy === SupplyDemandGroupBy.MAJOR_CATEGORY) {
      for (const g of graduates) tallyOf(g.major.slice(0, 2)).supply += g.n;
      for (const p of postings) {
        const categories = new Set(p.majors.map((m) => m.slice(0, 2)));
        if (categories.size === 0) tallyOf("ANY").demand += p.capacity;
        for (const c of categories) tallyOf(c).demand += p.capacity;
      }
    } else {
      for (const g of graduates) {
        const divisions = new Set(clusters.filter((c) => c.majorPrefixes.some((prefix) => g.major.startsWith(prefix))).flatMap((c) => c.industries));
        if (divisions.size === 0) tallyOf("NONE").supply += g.n;
        for (const d of divisions) tallyOf(d).supply += g.n;
      }
      const enterprises = await this.store.enterprises([...new Set(postings.map((p) => p.enterprise))]);
      const industryOf = new Map(enterprises.map((e) => [String(e._id), e.industry.slice(0, 2)]));
      for (const p of postings) tallyOf(industryOf.get(p.enterprise) ?? "NONE").demand += p.capacity;
    }
    const label = (key: string) => {
      if (key === "ANY") return "不限专业";
      if (key === "NONE") return "专业未对应重点产业";
      return (groupBy === SupplyDemandGroupBy.MAJOR_CATEGORY ? majorCategoryName(key) : industryName(key)) ?? key;
    };
    const rows: SupplyDemandRow[] = [...tallies.entries()]
      .map(([key, t]) => ({ key, label: label(key), supply: t.supply, demand: t.demand, gap: t.demand - t.supply }))
      .sort((a, b) => a.key.localeCompare(b.key));
    return { year, groupBy, rows, total: { key: "TOTAL", label: "合计", supply: supplyTotal, demand: demandTotal, gap: demandTotal - supplyTotal } };
  }

  /**
   * Above-scale enterprises against the 2%–3% internship rule (001 §3(3)): floor ⌈2% × headcount⌉,
   * ceiling ⌊3% × headcount⌋ (matching/profiles.ts enterpriseBounds, exact fractions; the floor is
   * clamped to the ceiling for tiny headcounts). Interns = ACCEPTED placements of COMMITTED runs on
   * internship postings whose period overlaps the year + the enterprise's recordedInterns (interns
   * placed outside the platform, a current figure). An enterprise account sees only itself.
   */
  async quotaCompliance(viewer: Viewer, year: number): Promise<QuotaCompliance> {
    checkYear(year);
    if (viewer.role === Role.SCHOOL) throw new ForbiddenError("schools do not see enterprise compliance");
    const [enterprises, placed] = await Promise.all([
      this.store.aboveScaleEnterprises(viewer.role === Role.ENTERPRISE ? viewer.enterpriseId ?? "" : null),
      this.store.acceptedInternsByEnterprise(year),
    ]);
    const rows: EnterpriseCompliance[] = enterprises.map((e) => {
      const { minInterns: floor, maxInterns: ceiling } = enterpriseBounds({ headcount: e.headcount, aboveScale: true }, 0);
      const placedInterns = placed.get(String(e._id)) ?? 0;
      const interns = placedInterns + (e.recordedInterns ?? 0);
      const status = interns < floor ? ComplianceStatus.BELOW : interns > ceiling ? ComplianceStatus.ABOVE : ComplianceStatus.WITHIN;
      const division = e.industry.slice(0, 2);
      return {
        enterpriseId: String(e._id), creditCode: e.creditCode, name: e.name, district: e.district, districtName: districtName(e.district) ?? e.district,
        industry: division, industryName: industryName(division) ?? division, headcount: e.headcount, floor, ceiling,
        placedInterns, recordedInterns: e.recordedInterns ?? 0, interns, status, statusLabel: COMPLIANCE_LABELS[status],
      };
    });
    rows.sort((a, b) => a.district.localeCompare(b.district) || zh(a.name, b.name));
    const totals = (keyOf: (r: EnterpriseCompliance) => string, labelOf: (r: EnterpriseCompliance) => string) => {
      const map = new Map<string, ComplianceTotal>();
      for (const r of rows) {
        const key = keyOf(r);
        let t = map.get(key);
        if (!t) map.set(key, (t = { key, label: labelOf(r), enterprises: 0, headcount: 0, floor: 0, ceiling: 0, interns: 0, below: 0, within: 0, above: 0 }));
        t.enterprises += 1;
        t.headcount += r.headcount;
        t.floor += r.floor;
        t.ceiling += r.ceiling;
        t.interns += r.interns;
        if (r.status === ComplianceStatus.BELOW) t.below += 1;
        else if (r.status === ComplianceStatus.ABOVE) t.above += 1;
        else t.within += 1;
      }
      return [...map.values()].sort((a, b) => a.key.localeCompare(b.key));
    };
    const all = totals(() => "TOTAL", () => "合计");
    return {
      year,
      rows,
      byDistrict: totals((r) => r.district, (r) => r.districtName),
      byIndustry: totals((r) => r.industry, (r) => r.industryName),
      total: all[0] ?? { key: "TOTAL", label: "合计", enterprises: 0, headcount: 0, floor: 0, ceiling: 0, interns: 0, below: 0, within: 0, above: 0 },
    };
  }

  private async schools(): Promise<Map<string, ReportSchool>> {
    return new Map((await this.store.schools()).map((s) => [s.id, s]));
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new BadUserInputError("year", "must be a year in 1990–2100");
}

/** The school a viewer is limited to (null: all); enterprises see no graduate figures. */
function schoolScope(viewer: Viewer): string | null {
  if (viewer.role === Role.BUREAU) return null;
  if (viewer.role === Role.SCHOOL && viewer.schoolId) return viewer.schoolId;
  throw new ForbiddenError("graduate figures are for schools and the bureau");
}

function dimensionOf(groupBy: RetentionGroupBy): OutcomeDimension {
  switch (groupBy) {
    case RetentionGroupBy.SCHOOL:
    case RetentionGroupBy.SCHOOL_LEVEL: return "SCHOOL";
    case RetentionGroupBy.MAJOR:
    case RetentionGroupBy.MAJOR_CATEGORY: return "MAJOR";
    case RetentionGroupBy.INDUSTRY: return "INDUSTRY";
    case RetentionGroupBy.DISTRICT: return "DISTRICT";
  }
}

/** Adds `n` outcomes of one kind to a tally. */
function addGroup(t: Tally, g: OutcomeGroup): void {
  const employed = g.status === OutcomeStatus.EMPLOYED;
  t.recorded += g.n;
  if (employed) t.employed += g.n;
  if (employed && g.inCity) t.employedInCity += g.n;
  if (g.status === OutcomeStatus.FURTHER_STUDY) t.furtherStudy += g.n;
  if (employed && g.relatedToMajor === true) t.relatedToMajor += g.n;
}

function toRow(key: string, code: string, label: string, t: Tally, target: number): RetentionRow {
  const retentionRate = rate(t.employedInCity, t.employed);
  return {
    key, code, label, graduates: t.graduates, recorded: t.recorded, employed: t.employed, employedInCity: t.employedInCity,
    furtherStudy: t.furtherStudy, relatedToMajor: t.relatedToMajor, retentionRate,
    placementRate: rate(t.employed + t.furtherStudy, t.graduates), majorMatchRate: rate(t.relatedToMajor, t.employed),
    gap: gapTo(target, retentionRate),
  };
}

function labelOf(groupBy: RetentionGroupBy, key: string, schools: Map<string, ReportSchool>): string {
  switch (groupBy) {
    case RetentionGroupBy.SCHOOL: return schools.get(key)?.name ?? key;
    case RetentionGroupBy.MAJOR: return majorName(key) ?? key;
    case RetentionGroupBy.MAJOR_CATEGORY: return majorCategoryName(key) ?? key;
    case RetentionGroupBy.INDUSTRY: return industryName(key) ?? key;
    case RetentionGroupBy.DISTRICT: return districtName(key) ?? key;
    case RetentionGroupBy.SCHOOL_LEVEL: return SCHOOL_LEVEL_LABELS[key as SchoolLevel] ?? key;
  }
}

function rankingRow(school: ReportSchool, t: Tally, rank: number | null, eligible: boolean, rewardYuan: number | null, note: string): SchoolRanking {
  return {
    rank, schoolId: school.id, schoolCode: school.code, schoolName: school.name, level: school.level, levelLabel: SCHOOL_LEVEL_LABELS[school.level],
    eligible, employed: t.employed, employedInCity: t.employedInCity, retentionRate: rate(t.employedInCity, t.employed), rewardYuan, note,
  };
}

/**
 * The code people know for a row's key: the school's code (学校标识码) for schools (empty while the
 * registry has none), the key itself for majors, categories, industries, districts (GB/T codes)
 * and levels.
 */
function codeOf(groupBy: RetentionGroupBy, key: string, schools: Map<string, ReportSchool>): string {
  return groupBy === RetentionGroupBy.SCHOOL ? schools.get(key)?.code ?? "" : key;
}
