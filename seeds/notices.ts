/**
 * Demo notices: a few hundred of each kind for the demo city (policies by the bureau, staffing and
 * technology needs by its enterprises, job seeking for its students, research results by its
 * schools), written in the words of the seed documents (鞋服, 纺织, 石材, 工艺制品, 智能制造...).
 * The generator is pure and deterministic; the loader publishes through the notice service, so
 * every notice passes the API's checks. The notices benchmark uses the same generator.
 */
import { Role } from "../schema/enums";
import type { NoticeInput } from "../schema/inputs/notice.input";
import { LicensingMode, NoticeKind, ResearchMaturity } from "../schema/notice.model";
import { QUANZHOU_COUNTIES } from "../schema/reference/divisions";
import { createRng, type Rng } from "../schema/rules/rng";
import type { Viewer } from "../server/auth";
import type { Services } from "../server/services";

const TOPICS = ["鞋服", "纺织服装", "石材", "建材家居", "工艺制品", "食品饮料", "纸业印刷", "机械装备", "电子信息", "新材料", "石油化工", "茶叶", "陶瓷", "智能制造", "数字经济", "跨境电商", "新能源", "半导体", "光伏", "碳纤维", "工业互联网", "5G应用", "人工智能", "大数据", "物联网", "工业机器人", "数控加工", "模具", "绿色包装", "现代物流"];
const ACTIONS = ["技术攻关", "人才引进", "产教融合", "实训基地建设", "数字化转型", "工艺改进", "质量检测", "节能降耗", "自动化改造", "研发合作", "成果转化", "专利许可", "技能培训", "订单班培养", "现代学徒制"];
const JOBS = ["软件开发工程师", "数控操作工", "电商运营专员", "质检员", "设备维护技术员", "服装设计师", "鞋类设计师", "市场营销专员", "物流专员", "会计", "机电一体化技术员", "工业机器人运维员", "直播电商主播", "模具设计师"];
const TECH = ["PLC", "MES", "ERP", "CAD", "Python", "Java", "3D打印", "AI视觉", "RFID", "IoT"];
const POLICY_TITLES = ["关于支持{t}产业{a}的若干措施", "泉州市{t}产业{a}扶持政策", "{d}{t}企业{a}补助实施细则", "关于加快{t}领域{a}的通知"];
const NEED_TITLES = ["{t}企业{a}需求", "寻求{t}{a}合作", "{t}生产线{a}技术需求"];
const RESULT_TITLES = ["{t}{a}关键技术", "面向{t}的{x}{a}方法", "{t}{a}成套工艺"];

const INDUSTRIES = ["1951", "1811", "1713", "3032", "2431", "1469", "2221", "3421", "3971", "2651", "2511", "1610", "3073", "3899", "6513", "5292", "4415", "3974", "3825", "2812", "6450", "6531", "6550", "6440", "3491", "3422", "3525", "2231", "5990"];
const MAJORS = ["510201", "510202", "460301", "460305", "460101", "530701", "530702", "530302", "530801", "5102", "4603", "5307", "4601", "480401"];

function fill(template: string, rng: Rng, district: string): string {
  return template.replace("{t}", rng.pick(TOPICS)).replace("{a}", rng.pick(ACTIONS)).replace("{x}", rng.pick(TECH)).replace("{d}", district);
}

function paragraph(rng: Rng, sentences: number, district: string): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    parts.push(rng.pick([
      `围绕${rng.pick(TOPICS)}产业，推动${rng.pick(ACTIONS)}，支持企业引进${rng.pick(TECH)}等技术。`,
      `${district}重点发展${rng.pick(TOPICS)}和${rng.pick(TOPICS)}，鼓励校企共建${rng.pick(ACTIONS)}平台。`,
      `计划在${2025 + rng.int(0, 3)}年前完成${rng.int(2, 30)}个${rng.pick(ACTIONS)}项目，投入资金${rng.int(50, 2000)}万元。`,
      `需要熟悉${rng.pick(TECH)}和${rng.pick(TECH)}的技术人员${rng.int(2, 50)}名，从事${rng.pick(JOBS)}相关工作。`,
      `对${rng.pick(TOPICS)}领域的${rng.pick(ACTIONS)}给予最高${rng.int(10, 500)}万元奖励。`,
      `联合职业院校开展${rng.pick(ACTIONS)}，培养${rng.pick(TOPICS)}产业急需的技术技能人才。`,
    ]));
  }
  return parts.join("");
}

function validity(rng: Rng): { validFrom: string; validUntil: string } {
  const year = 2025 + rng.int(0, 1);
  const month = rng.int(1, 12);
  const from = `${year}-${String(month).padStart(2, "0")}-01`;
  return { validFrom: from, validUntil: `${year + rng.int(1, 3)}-${String(month).padStart(2, "0")}-28` };
}

/** Who a generated notice is published by: the bureau, an enterprise, a school (for itself or a student). */
export interface NoticeAuthor {
  role: Role;
  enterpriseId?: string;
  schoolId?: string;
}

export interface NoticeRefs {
  enterprises: { id: string; industry: string; district: string }[];
  schools: { id: string; district: string; majors: string[] }[];
  students: { id: string; schoolId: string; major: string }[];
}

/**
 * `perKind` notices of each kind (job seeking at most one per student), deterministic for a seed:
 * each the input a publisher would send and who sends it.
 */
export function demoNoticeInputs(refs: NoticeRefs, perKind: number, seed = 13): { author: NoticeAuthor; input: NoticeInput }[] {
  const rng = createRng(seed);
  const out: { author: NoticeAuthor; input: NoticeInput }[] = [];
  const districtName = () => rng.pick(QUANZHOU_COUNTIES);
  const base = (kind: NoticeKind, title: string, sentences: number, district: string, majors: string[], industries: string[]): NoticeInput => ({
    kind, title, body: paragraph(rng, sentences, districtName().name), source: "", district, industries, majors, attachments: [], ...validity(rng),
  });
  for (let i = 0; i < perKind; i++) {
    const d = districtName();
    const policy = base(NoticeKind.POLICY, fill(rng.pick(POLICY_TITLES), rng, d.name), rng.int(6, 14), d.code, rng.chance(0.5) ? [rng.pick(MAJORS)] : [], [rng.pick(INDUSTRIES)]);
    policy.source = rng.pick(["泉州市人力资源和社会保障局", "泉州市教育局", "泉州市工业和信息化局", `${d.name}人民政府`]);
    if (rng.chance(0.3)) policy.attachments = [{ title: "政策全文", url: `https://www.quanzhou.gov.cn/zfxxgkzl/notice-${i}.pdf` }];
    out.push({ author: { role: Role.BUREAU }, input: policy });
  }
  if (refs.enterprises.length) {
    for (let i = 0; i < perKind; i++) {
      const e = rng.pick(refs.enterprises);
      const staffing = base(NoticeKind.STAFFING_NEED, `招聘${rng.pick(JOBS)}${rng.int(2, 30)}名`, rng.int(3, 8), e.district, [rng.pick(MAJORS)], [e.industry]);
      staffing.openings = rng.int(2, 30);
      out.push({ author: { role: Role.ENTERPRISE, enterpriseId: e.id }, input: staffing });
      const e2 = rng.pick(refs.enterprises);
      const tech = base(NoticeKind.TECH_NEED, fill(rng.pick(NEED_TITLES), rng, ""), rng.int(4, 10), e2.district, [rng.pick(MAJORS)], [e2.industry]);
      tech.budgetMin = rng.int(10, 100);
      tech.budgetMax = tech.budgetMin + rng.int(0, 400);
      tech.deadline = tech.validUntil;
      out.push({ author: { role: Role.ENTERPRISE, enterpriseId: e2.id }, input: tech });
    }
  }
  for (const student of rng.sample(refs.students, Math.min(perKind, refs.students.length))) {
    const seeking = base(NoticeKind.JOB_SEEKING, `${rng.pick(JOBS)}求职意向`, rng.int(2, 5), rng.pick(QUANZHOU_COUNTIES).code, [student.major], []);
    seeking.studentId = student.id;
    seeking.desiredDistricts = rng.sample(QUANZHOU_COUNTIES, rng.int(1, 3)).map((c) => c.code);
    seeking.salaryMin = rng.int(30, 60) * 100;
    seeking.salaryMax = seeking.salaryMin + rng.int(10, 40) * 100;
    out.push({ author: { role: Role.SCHOOL, schoolId: student.schoolId }, input: seeking });
  }
  if (refs.schools.length) {
    for (let i = 0; i < perKind; i++) {
      const s = rng.pick(refs.schools);
      const result = base(NoticeKind.RESEARCH_RESULT, fill(rng.pick(RESULT_TITLES), rng, ""), rng.int(4, 10), s.district, s.majors.slice(0, 2), [rng.pick(INDUSTRIES)]);
      result.maturity = rng.pick(Object.values(ResearchMaturity));
      result.licensingModes = rng.sample(Object.values(LicensingMode), rng.int(1, 2));
      result.licensingTerms = rng.pick(["普通许可，许可期五年", "一次性转让，价格面议", "合作开发，知识产权共享"]);
      out.push({ author: { role: Role.SCHOOL, schoolId: s.id }, input: result });
    }
  }
  return out;
}

/** Publishes the demo notices (200 of each kind) through the notice service; returns how many. */
export async function loadDemoNotices(services: Services, perKind = 200): Promise<number> {
  const stores = services.stores;
  const enterprises = (await stores.enterprises.all()).map((e) => ({ id: String(e._id), industry: e.industry, district: e.district }));
  const schools = (await stores.schools.all()).map((s) => ({ id: String(s._id), district: s.district, majors: s.majors }));
  const students = (await stores.students.find({})).filter((s) => s.graduationYear >= 2025).map((s) => ({ id: String(s._id), schoolId: String(s.school), major: s.major }));
  let published = 0;
  for (const { author, input } of demoNoticeInputs({ enterprises, schools, students }, perKind)) {
    const viewer: Viewer = { userId: "seed", role: author.role, schoolId: author.schoolId ?? null, enterpriseId: author.enterpriseId ?? null };
    await services.notices.publish(viewer, input);
    published++;
  }
  return published;
}
