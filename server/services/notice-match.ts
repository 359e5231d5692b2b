/**
 * How well two notices, or a job-seeking notice and a posting, fit each other, with the reason in
 * Chinese. Pure: no database, no clock. Major fit is the matching module's (`majorFit`, the score
 * an allocation gives a student and a posting); industry fit compares GB/T 4754 codes.
 */
import { DEFAULT_WEIGHTS, majorFit, QUANZHOU_PREFIX } from "../../matching";
import { findIndustry } from "../../schema/reference/industries";
import { findQuanzhouDivision } from "../../schema/reference/divisions";
import { majorClassName, findMajor } from "../../schema/reference/majors";

/** Every key a GB/T 4754 code is found by: its section letter and its prefixes of 2 digits or more. */
export function industryKeysOf(codes: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const code of codes) {
    const industry = findIndustry(code);
    if (industry) keys.add(industry.section);
    for (let n = 2; n <= code.length; n++) if (/^\d+$/.test(code)) keys.add(code.slice(0, n));
  }
  return [...keys];
}

/** The majors and their 4-digit classes. */
export function majorKeysOf(majors: readonly string[]): string[] {
  return [...new Set(majors.flatMap((m) => (m.length === 4 ? [m] : [m, m.slice(0, 4)])))];
}

/** Industry fit of two code lists: 4 same class (4 digits), 3 same group, 2 same division, 1 same section, 0 none; and the shared code. */
export function industryFit(a: readonly string[], b: readonly string[]): { level: 0 | 1 | 2 | 3 | 4; code: string | null } {
  let best: { level: 0 | 1 | 2 | 3 | 4; code: string | null } = { level: 0, code: null };
  for (const x of a) {
    for (const y of b) {
      let level: 0 | 1 | 2 | 3 | 4 = 0;
      let code: string | null = null;
      if (/^\d+$/.test(x) && /^\d+$/.test(y)) {
        let n = 0;
        while (n < Math.min(x.length, y.length, 4) && x[n] === y[n]) n++;
        if (n >= 2) {
          level = (n === 2 ? 2 : n === 3 ? 3 : 4) as 2 | 3 | 4;
          code = x.slice(0, n);
        }
      }
      if (level === 0) {
        const sx = findIndustry(x)?.section;
        if (sx && sx === findIndustry(y)?.section) { level = 1; code = sx; }
      }
      if (level > best.level) best = { level, code };
    }
  }
  return best;
}

/** Major fit of two lists (6-digit majors or 4-digit classes): 3 same major, 2 same class, 1 same category, 0 none (matching's majorFit). */
export function majorListFit(a: readonly string[], b: readonly string[]): { level: 0 | 1 | 2 | 3; code: string | null } {
  let best: { level: 0 | 1 | 2 | 3; code: string | null } = { level: 0, code: null };
  for (const x of a) {
    // A class on this side is compared at class level: pad it into a major of the class.
    const fit = x.length === 4 ? (Math.min(2, majorFit(`${x}00`, b)) as 0 | 1 | 2) : majorFit(x, b);
    if (fit > best.level) best = { level: fit, code: fit === 3 ? x : x.slice(0, fit === 2 ? 4 : 2) };
  }
  return best;
}

/** Words too common in notices to say two of them are about the same thing. */
const COMMON_WORDS = new Set(["泉州", "泉州市", "企业", "公司", "需求", "技术", "我们", "相关", "进行", "以及", "提供", "项目", "合作", "有限公司", "要求", "工作", "发展", "服务", "成果", "研究", "科技", "可以", "单位", "科研"]);

/** Terms that the title of either names and the text of the other contains, longest first (at most 5). */
export function sharedTerms(a: { titleTerms: readonly string[]; terms: readonly string[] }, b: { titleTerms: readonly string[]; terms: readonly string[] }): string[] {
  const inA = new Set(a.terms);
  const inB = new Set(b.terms);
  const shared = new Set<string>();
  for (const t of a.titleTerms) if (inB.has(t)) shared.add(t);
  for (const t of b.titleTerms) if (inA.has(t)) shared.add(t);
  return [...shared].filter((t) => !COMMON_WORDS.has(t) && !/^\d+$/.test(t)).sort((x, y) => [...y].length - [...x].length || (x < y ? -1 : 1)).slice(0, 5);
}

/** What a fit reads of a notice. */
export interface FitNotice {
  industries: readonly string[];
  majors: readonly string[];
  district: string;
  titleTerms: readonly string[];
  terms: readonly string[];
}

/** A score and its reason, in Chinese. */
export interface Fit {
  score: number;
  reason: string;
}

function industryReason(level: number, code: string | null): string | null {
  if (level === 0 || !code) return null;
  const name = findIndustry(code)?.name ?? code;
  const scope = ["", "同属行业门类", "同属行业大类", "同属行业中类", "同属行业小类"][level];
  return `${scope}“${name}”（${code}）`;
}

function majorReason(level: number, code: string | null): string | null {
  if (level === 0 || !code) return null;
  if (level === 3) return `专业相同：${findMajor(code)?.name ?? code}`;
  if (level === 2) return `专业同类：${majorClassName(code) ?? code}`;
  return `专业同属一个大类（${code}）`;
}

function districtName(code: string): string {
  return findQuanzhouDivision(code)?.name ?? code;
}

/**
 * How well two notices fit (a technology need and a research result, or either and another):
 * industry (same class 40, group 30, division 20, section 8), majors (same major 30, class 20,
 * category 8), shared terms (8 each, at most 5), same district 5. Zero when nothing is shared.
 */
export function noticeFit(a: FitNotice, b: FitNotice): Fit {
  const industry = industryFit(a.industries, b.industries);
  const major = majorListFit(a.majors, b.majors);
  const terms = sharedTerms(a, b);
  const reasons = [industryReason(industry.level, industry.code), majorReason(major.level, major.code)];
  if (terms.length) reasons.push(`共同关键词：${terms.join("、")}`);
  let score = [0, 8, 20, 30, 40][industry.level]! + [0, 8, 20, 30][major.level]! + 8 * terms.length;
  if (score > 0 && a.district === b.district) {
    score += 5;
    reasons.push(`同在${districtName(a.district)}`);
  }
  return { score, reason: reasons.filter((r): r is string => r !== null).join("；") };
}

/** What a job-seeking notice says of its seeker. */
export interface Seeker {
  majors: readonly string[];
  level: string | null;
  desiredDistricts: readonly string[];
  salaryMin: number | null;
  salaryMax: number | null;
}

/** What a fit reads of a posting. */
export interface FitPosting {
  kind: string;
  majors: readonly string[];
  levels: readonly string[];
  district: string;
  monthlyPay: number;
}

/**
 * How well an open posting fits a job seeker, on the allocation's weights (DEFAULT_WEIGHTS: same
 * major 40, same class 25, same category 10; Quanzhou 5; a desired district as the home district,
 * 15) and pay (at least the seeker's minimum +10, below it −10). Null when the posting cannot take
 * the seeker: its majors do not reach the seeker's class, or it excludes the seeker's level.
 */
export function postingFit(seeker: Seeker, posting: FitPosting): Fit | null {
  if (seeker.level && posting.levels.length > 0 && !posting.levels.includes(seeker.level)) return null;
  let fit: 0 | 1 | 2 | 3 = 0;
  let code: string | null = null;
  for (const major of seeker.majors) {
    const f = major.length === 4 ? (Math.min(2, majorFit(`${major}00`, posting.majors)) as 0 | 1 | 2) : majorFit(major, posting.majors);
    if (f > fit) { fit = f; code = major; }
  }
  if (fit < 2 || !code) return null;
  const w = DEFAULT_WEIGHTS;
  let score = fit === 3 ? w.sameMajor : w.sameClass;
  const reasons = [majorReason(fit, fit === 3 ? code : code.slice(0, 4))!];
  if (posting.district.startsWith(QUANZHOU_PREFIX)) score += w.inQuanzhou;
  if (seeker.desiredDistricts.includes(posting.district)) {
    score += w.homeDistrict;
    reasons.push(`工作地点在意向区县${districtName(posting.district)}`);
  }
  if (seeker.salaryMin !== null) {
    if (posting.monthlyPay >= seeker.salaryMin) {
      score += 10;
      reasons.push(`月薪 ${posting.monthlyPay} 元不低于期望`);
    } else {
      score -= 10;
      reasons.push(`月薪 ${posting.monthlyPay} 元低于期望的 ${seeker.salaryMin} 元`);
    }
  }
  reasons.push(posting.kind === "INTERNSHIP" ? "实习岗位" : "就业岗位");
  return { score, reason: reasons.join("；") };
}
