/**
 * Chinese labels of the API's enums and fields, and Chinese messages for the API's errors: the API
 * answers in short English sentences with a stable code and a field path; users read Chinese.
 */

export const ROLE_LABELS: Record<string, string> = { BUREAU: "市人社局", SCHOOL: "学校", ENTERPRISE: "企业", STUDENT: "学生" };
export const LEVEL_LABELS: Record<string, string> = {
  SECONDARY_VOCATIONAL: "中职",
  HIGHER_VOCATIONAL: "高职专科",
  VOCATIONAL_UNDERGRADUATE: "职业本科",
  UNDERGRADUATE: "普通本科",
};
export const SIZE_LABELS: Record<string, string> = { LARGE: "大型", MEDIUM: "中型", SMALL: "小型", MICRO: "微型" };
export const KIND_LABELS: Record<string, string> = { INTERNSHIP: "实习岗位", JOB: "就业岗位" };
export const POSTING_STATUS_LABELS: Record<string, string> = { OPEN: "招收中", CLOSED: "已关闭" };
export const APPLICATION_STATUS_LABELS: Record<string, string> = { ACTIVE: "有效", WITHDRAWN: "已撤回" };
export const PLACEMENT_STATUS_LABELS: Record<string, string> = { OFFERED: "待确认", ACCEPTED: "已接受", DECLINED: "已拒绝" };
export const RUN_STATUS_LABELS: Record<string, string> = {
  QUEUED: "排队中",
  SOLVING: "求解中",
  SOLVED: "已求解（待提交）",
  FAILED: "失败",
  COMMITTING: "提交中",
  COMMITTED: "已提交",
  SUPERSEDED: "已被取代",
};
export const UNPLACED_REASON_LABELS: Record<string, string> = {
  MAX_PLACEMENTS_ZERO: "该生不参与本次分配（可安排名额为 0）",
  NO_ELIGIBLE_POSTING: "没有符合其专业、层次的岗位",
  NO_FURTHER_ELIGIBLE_POSTING: "符合条件的岗位已在此前方案中安排或拒绝过",
  NEGATIVE_SCORE_ONLY: "符合条件的岗位匹配分均为负",
  NO_CAPACITY: "符合条件的岗位已无名额（或企业已达上限）",
  OUTCOMPETED: "名额被匹配分更高的学生占用",
  NO_GAIN: "安排该生不能提高总目标值",
};
export const GENDER_LABELS: Record<string, string> = { MALE: "男", FEMALE: "女" };
export const COMPLIANCE_LABELS: Record<string, string> = { BELOW: "低于下限", WITHIN: "达标", ABOVE: "超过上限" };

/** Field names of the inputs, for messages ("招收人数：…"). */
export const FIELD_LABELS: Record<string, string> = {
  name: "名称",
  creditCode: "统一社会信用代码",
  district: "所在区县",
  industry: "行业",
  clusters: "产业集群",
  headcount: "职工总数",
  annualRevenue: "年营业收入",
  recordedInterns: "平台外在岗实习生",
  title: "岗位名称",
  description: "岗位描述",
  majors: "接受专业",
  levels: "办学层次",
  capacity: "招收人数",
  monthlyPay: "实习月薪",
  regularWage: "同岗位正式员工月工资",
  startDate: "开始日期",
  endDate: "结束日期",
  nationalId: "身份证号",
  phone: "手机号",
  major: "专业代码",
  enrolmentYear: "入学年份",
  graduationYear: "毕业年份",
  homeDistrict: "生源地区县",
  skills: "技能",
  certificates: "证书",
  email: "邮箱",
  password: "密码",
  rank: "志愿顺序",
  rows: "导入数据",
};

function fieldLabel(field: string): string {
  const parts = field.split(".").filter((p) => !/^\d+$/.test(p));
  const last = parts[parts.length - 1] ?? "";
  return FIELD_LABELS[last] ?? last;
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^length must be (\d+)–(\d+) characters$/, (m) => `长度须为 ${m[1]}–${m[2]} 个字`],
  [/^must be an integer in (\d+)–(\d+)$/, (m) => `须为 ${m[1]}–${m[2]} 之间的整数`],
  [/^must be an integer ([\d,]+)–([\d,]+)$/, (m) => `须为 ${m[1]}–${m[2]} 之间的整数`],
  [/^must be a date YYYY-MM-DD$/, () => "日期格式须为 YYYY-MM-DD"],
  [/^is not a real calendar date$/, () => "不是有效的日期"],
  [/^must not be before startDate$/, () => "不能早于开始日期"],
  [/^at least one major or major class$/, () => "至少选择一个专业或专业类"],
  [/^intern pay below 80% of the regular wage: minimum (\d+)/, (m) => `实习报酬不得低于同岗位正式员工工资的 80%，至少 ${m[1]} 元`],
  [/^intern pay must be positive$/, () => "实习报酬须大于 0"],
  [/^regular wage must be a positive amount$/, () => "正式员工月工资须大于 0"],
  [/must be a number >= 0$/, () => "须为不小于 0 的数"],
  [/^credit code must have 18 characters, got (\d+)$/, (m) => `统一社会信用代码须为 18 位（现为 ${m[1]} 位）`],
  [/^illegal character "(.)" at position (\d+)$/, (m) => `第 ${m[2]} 位字符“${m[1]}”不允许（不含 I、O、S、V、Z）`],
  [/^unknown registration authority/, () => "第 1 位登记管理部门代码无效"],
  [/^division code \(chars 3-8\)/, () => "第 3–8 位须为 6 位行政区划代码"],
  [/^unknown division code (\d+)$/, (m) => `第 3–8 位行政区划代码 ${m[1]} 不存在`],
  [/^organisation code check character mismatch/, () => "组织机构代码（第 9–17 位）校验位错误"],
  [/^check character mismatch: expected (.)$/, (m) => `校验位错误（应为 ${m[1]}）`],
  [/^an enterprise with credit code (\S+) exists$/, (m) => `统一社会信用代码 ${m[1]} 已登记`],
  [/^district code must be 6 digits$/, () => "区县代码须为 6 位数字"],
  [/^unknown district (\d+)/, (m) => `区县代码 ${m[1]} 不存在`],
  [/^industry code must be a section letter or 2-4 digits$/, () => "行业代码须为门类字母或 2–4 位数字"],
  [/^unknown industry code (\S+)$/, (m) => `行业代码 ${m[1]} 不存在`],
  [/^unknown cluster "(.+)"$/, (m) => `产业集群 ${m[1]} 不存在`],
  [/^major code must be 6 digits/, () => "专业代码须为 6 位数字（本科可带 T 或 K）"],
  [/^unknown major class (\S+)$/, (m) => `专业类 ${m[1]} 不在专业目录中`],
  [/^unknown major (\S+)$/, (m) => `专业代码 ${m[1]} 不在专业目录中`],
  [/^major level mismatch: (\S+) is (\S+), school is (\S+)$/, (m) => `专业 ${m[1]} 属于${m[2]}，与本校办学层次（${m[3]}）不符`],
  [/^national ID must have 18 characters, got (\d+)$/, (m) => `身份证号须为 18 位（现为 ${m[1]} 位）`],
  [/^national ID must be 17 digits and a digit or X$/, () => "身份证号须为 17 位数字加 1 位数字或 X"],
  [/^unknown province in address code/, () => "身份证号前 6 位地址码无效"],
  [/^impossible birth date (\d+)$/, (m) => `出生日期 ${m[1]} 不存在`],
  [/^birth year before 1900/, () => "出生年份早于 1900 年"],
  [/^birth date .* is in the future$/, () => "出生日期晚于今天"],
  [/^birth date is less than 10 years before enrolment$/, () => "出生日期距入学不足 10 年"],
  [/^a student with this national ID exists$/, () => "该身份证号的学生已登记"],
  [/^same national ID as row (\d+)$/, (m) => `与第 ${m[1]} 行身份证号重复`],
  [/^at most (\d+) rows per call, got (\d+)$/, (m) => `每次至多导入 ${m[1]} 行（本次 ${m[2]} 行），请分批导入`],
  [/^must be 1–(\d+)$/, (m) => `须为 1–${m[1]}`],
  [/^the offer was already answered/, () => "该录用已答复，不能再次答复"],
  [/^the student has (\d+) active preferences; list all of them$/, () => "志愿已有变化，请刷新后重新排序"],
  [/^not an active preference of this student$/, () => "该志愿已撤回或不属于本人，请刷新"],
  [/^a school may only decline an offer/, () => "学校只能代学生拒绝录用"],
  [/^the student account is not linked to a student$/, () => "该学生账号未关联学生信息，请联系学校"],
  [/^at most 200 characters$/, () => "至多 200 字"],
  [/^the posting is closed$/, () => "该岗位已关闭"],
  [/row\(s\) duplicate existing students/, () => "有学生已登记（身份证号重复），本次未导入任何数据"],
  [/^phone must contain digits only$/, () => "手机号只能包含数字"],
  [/^phone must have 11 digits, got (\d+)$/, (m) => `手机号须为 11 位（现为 ${m[1]} 位）`],
  [/^not a mainland mobile number/, () => "不是有效的手机号（1[3-9] 开头的 11 位）"],
  [/^must be 1 to 8 years after enrolmentYear$/, () => "须在入学年份后 1–8 年"],
  [/^must be at most (\d+) texts of at most (\d+) characters$/, (m) => `至多 ${m[1]} 项，每项至多 ${m[2]} 个字`],
  [/^must be a string$/, () => "须填写文字"],
  [/^must be a rate between 0 and 1$/, () => "须为 0–1 之间的比例"],
  [/^must not be above policy.ceilingRate$/, () => "下限不能高于上限"],
  [/^(wrong|invalid) email or password$/i, () => "邮箱或密码错误"],
  [/^login required$/, () => "请先登录"],
  [/^not allowed for this account$/, () => "本账号无权进行此操作"],
  [/^not your (enterprise|school)$/, (m) => (m[1] === "school" ? "只能操作本校数据" : "只能操作本企业数据")],
  [/^(\w+) (\S+) not found$/, () => "记录不存在或无权查看"],
  [/^request body larger than 1 MB$/, () => "数据太大（超过 1 MB），请分批导入"],
];

/** A Chinese message for an API error message of a field (falls back to a generic one by code). */
export function translateMessage(field: string, message: string, code?: string): string {
  const label = field ? fieldLabel(field) : "";
  for (const [pattern, render] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  if (/must be|unknown|invalid|required/i.test(message) && label) return `${label}填写有误`;
  switch (code) {
    case "UNAUTHENTICATED": return "登录已过期，请重新登录";
    case "FORBIDDEN": return "本账号无权进行此操作";
    case "NOT_FOUND": return "记录不存在或无权查看";
    case "CONFLICT": return "数据已被修改或重复，请刷新后重试";
    case "BAD_USER_INPUT": return label ? `${label}填写有误` : "填写有误，请检查后重试";
    case "GRAPHQL_VALIDATION_FAILED": return "请求格式有误";
    case "INTERNAL_SERVER_ERROR": return "服务器内部错误，请稍后重试";
    default: return /[\u4e00-\u9fff]/.test(message) ? message : "操作失败，请稍后重试";
  }
}

export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)}%`);
export const yuan = (x: number | null | undefined): string => (x === null || x === undefined ? "—" : `${x.toLocaleString("zh-CN")} 元`);
export const dateTime = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString("zh-CN", { hour12: false }) : "—");
