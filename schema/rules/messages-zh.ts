/**
 * Chinese for the API's error messages. The API's errors carry a stable English code, a field path
 * and a short English sentence; users read Chinese. The server answers in Chinese unless the
 * request prefers English (server/i18n.ts); the web app shows the same words. Pure: no I/O.
 */

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
  idempotencyKey: "提交编号",
  studentId: "学生",
  employerId: "用人单位",
  employerName: "用人单位名称",
  employerCreditCode: "用人单位信用代码",
  status: "状态",
  date: "日期",
  relatedToMajor: "是否专业对口",
  workDistrict: "工作地区县",
  code: "代码",
  industries: "行业",
  majorPrefixes: "专业类",
  ids: "志愿",
  postingId: "岗位",
  schoolId: "学校",
  enterpriseId: "企业",
  after: "翻页游标",
  year: "年份",
  reason: "原因",
  id: "编号",
  role: "角色",
  minEmployed: "最少就业人数",
  kind: "类别",
  body: "正文",
  source: "来源",
  validFrom: "有效期起",
  validUntil: "有效期止",
  activeOn: "有效日期",
  attachments: "附件",
  url: "链接",
  postingIds: "关联岗位",
  openings: "需求人数",
  budgetMin: "预算下限",
  budgetMax: "预算上限",
  deadline: "截止日期",
  desiredDistricts: "意向工作区县",
  salaryMin: "期望月薪下限",
  salaryMax: "期望月薪上限",
  maturity: "成果成熟度",
  licensingModes: "转化方式",
  licensingTerms: "许可条件",
  query: "检索词",
  offset: "跳过条数",
  post: "实习岗位",
  postWage: "同岗位正式员工月工资",
  postStaff: "同岗位在岗职工数",
  workplaceIndustry: "实习场所行业",
  heavyPhysicalLabour: "高强度体力劳动",
  agreement: "三方协议",
  insurance: "实习责任保险",
  insurer: "保险公司",
  policyNumber: "保单号",
  party: "确认方",
  placementId: "录用",
  internshipId: "实习",
  from: "起始日期",
  to: "截止日期",
  month: "月份",
  amount: "金额",
  week: "周次",
  content: "内容",
  comment: "意见",
  logId: "周志",
  leaveId: "请假申请",
  start: "开始时间",
  end: "结束时间",
  on: "日期",
};

/** The Chinese label of a field path's last named part ("rows.3.nationalId" -> 身份证号). */
export function fieldLabel(field: string): string {
  const parts = field.split(".").filter((p) => !/^\d+$/.test(p));
  const last = parts[parts.length - 1] ?? "";
  return FIELD_LABELS[last] ?? last;
}

export const MESSAGE_PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^request body larger than (\d+) MB$/, (m) => `数据太大（超过 ${m[1]} MB），请分批导入`],
  [/^must be a number 0–([\de]+)$/, (m) => `须为 0–${m[1]} 之间的数`],
  [/^must be an integer (-?[\d,]+)–([\d,]+)$/, (m) => `须为 ${m[1]}–${m[2]} 之间的整数`],
  [/^must be an integer >= 0$/, () => "须为不小于 0 的整数"],
  [/^must be an integer of at most ([\d,]+) in size$/, (m) => `须为不超过 ${m[1]} 的整数`],
  [/^must be a year (?:in )?(\d+)–(\d+)$/, (m) => `须为 ${m[1]}–${m[2]} 之间的年份`],
  [/^must not be in the future$/, () => "不能晚于今天"],
  [/^must be upper-case letters, digits and _$/, () => "只能包含大写字母、数字和下划线"],
  [/^must be a division, group or class code/, () => "须为 2–4 位的大类、中类或小类代码，不能是门类字母"],
  [/^must be a 6-digit major code$/, () => "须为 6 位专业代码"],
  [/^must be 8–100 letters, digits or _ \. : -$/, () => "须为 8–100 个字母、数字或 _ . : -"],
  [/^invalid cursor$/, () => "翻页游标无效，请从第一页重新查询"],
  [/^not a valid id: "(.*)"$/, (m) => `编号“${m[1]}”无效`],
  [/^no rows to (\w+)$/, () => "没有可导入的数据"],
  [/^(\d+) of (\d+) rows invalid; nothing (imported|recorded)$/, (m) => `${m[2]} 行中有 ${m[1]} 行有误，未${m[3] === "recorded" ? "登记" : "导入"}任何数据`],
  [/^required for an? (ENTERPRISE|SCHOOL) account$/, (m) => (m[1] === "SCHOOL" ? "学校账号须指定学校" : "企业账号须指定企业")],
  [/^required$/, () => "必填"],
  [/^an application is listed twice$/, () => "同一志愿出现了两次"],
  [/^at least one application$/, () => "至少列出一个志愿"],
  [/^at most (\d+) preferences$/, (m) => `至多 ${m[1]} 个志愿`],
  [/^an enterprise with this credit code exists$/, () => "该统一社会信用代码已登记"],
  [/^an account (\S+) exists$/, (m) => `账号 ${m[1]} 已存在`],
  [/^a school named (.+) exists$/, (m) => `学校“${m[1]}”已存在`],
  [/^the student already applied to this posting$/, () => "该学生已报名此岗位"],
  [/^the student already has a preference ranked (\d+)$/, (m) => `该学生已有第 ${m[1]} 志愿`],
  [/^the preference was withdrawn meanwhile$/, () => "该志愿刚被撤回，请刷新"],
  [/^a row duplicates (a student added|an enterprise registered) meanwhile/, () => "有数据刚被他人登记，本次未导入任何数据，请重试"],
  [/row\(s\) duplicate registered enterprises/, () => "有企业已登记（信用代码重复），本次未导入任何数据"],
  [/^a destination of these students (changed|was recorded) meanwhile/, () => "这些学生的去向刚被他人修改，本次未登记任何数据，请刷新后重试"],
  [/^another allocation run is being committed/, () => "另一个分配方案正在提交，请稍后重试"],
  [/^the run changed meanwhile/, () => "方案状态刚刚变化，请刷新"],
  [/^run (\S+) is active for an overlapping scope/, () => "已有覆盖相同范围的已提交方案，请选择取代该方案"],
  [/^run (\S+) is not an active committed run$/, () => "要取代的方案不是当前有效的已提交方案"],
  [/^the run is (\w+)/, (m) => `方案当前状态为 ${m[1]}，不能进行此操作`],
  [/^this key was used to commit another run$/, () => "该提交编号已用于提交另一个方案"],
  [/^this run is being committed with another key/, () => "该方案正以另一个提交编号提交中"],
  [/^STUDENT accounts cannot be created here/, () => "学生账号不能在此创建"],
  [/^enterprises see applicants through applications only$/, () => "企业只能通过报名记录查看学生"],
  [/^graduate figures are for schools and the bureau$/, () => "毕业生数据仅向学校和市人社局开放"],
  [/^not your school's student$/, () => "只能操作本校学生"],
  [/^only schools and the bureau record destinations$/, () => "只有学校和市人社局可以登记毕业去向"],
  [/^only the bureau sets the above-scale override$/, () => "只有市人社局可以设置规上企业认定"],
  [/^schools do not see enterprise compliance$/, () => "学校不能查看企业实习比例达标情况"],
  [/^requires role /, () => "本账号无权进行此操作"],
  [/^row (\d+): not your enterprise$/, (m) => `第 ${m[1]} 行：只能操作本企业数据`],
  [/^the account no longer exists$/, () => "账号已不存在，请重新登录"],
  [/^the student graduates in (\d+), not (\d+)$/, (m) => `该生的毕业年份是 ${m[1]} 年，不是 ${m[2]} 年`],
  [/^same (credit code|student and graduation year) as row (\d+)$/, (m) => `与第 ${m[2]} 行${m[1] === "credit code" ? "信用代码" : "学生及毕业年份"}重复`],
  [/^is more than a year before graduation$/, () => "早于毕业一年以上"],
  [/^give either employerId or employerName with employerCreditCode$/, () => "请填写用人单位编号，或单位名称及统一社会信用代码"],
  [/^no such enterprise$/, () => "企业不存在"],
  [/^no student with this national ID in your scope$/, () => "本校（或管辖范围内）没有该身份证号的学生"],
  [/^no such student in your scope$/, () => "管辖范围内没有该学生"],
  [/^the student's school no longer exists$/, () => "该生所在学校已不存在"],
  [/^give either studentId or nationalId$/, () => "请填写学生编号或身份证号（二选一）"],
  [/^required for EMPLOYED$/, () => "就业状态下必填"],
  [/^only for EMPLOYED$/, () => "仅在就业状态下填写"],
  [/^unknown status$/, () => "状态无效"],
  [/^unknown school (\S+)$/, (m) => `学校 ${m[1]} 不存在`],
  [/^unknown industry "(.+)"$/, (m) => `行业代码 ${m[1]} 不存在`],
  [/depth limit of (\d+) exceeded/i, (m) => `查询嵌套过深（至多 ${m[1]} 层）`],
  [/aliases limit of (\d+) exceeded/i, (m) => `查询别名过多（至多 ${m[1]} 个）`],
  [/introspection is not allowed/i, () => "生产环境不开放接口结构查询（introspection）"],
  [/^must not contain the NUL character/, () => "不能包含空字符（U+0000）"],
  [/^the database is unavailable/, () => "数据库暂时不可用，请稍后重试"],
  [/^malformed JSON body$/, () => "请求内容不是有效的 JSON"],
  [/^Internal server error$/, () => "服务器内部错误，请稍后重试"],
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
  [/^only for (\w+) notices$/, (m) => `仅适用于${({ POLICY: "产业政策", STAFFING_NEED: "企业用工需求", TECH_NEED: "企业科技需求", JOB_SEEKING: "人才就业需求", RESEARCH_RESULT: "科研成果" } as Record<string, string>)[m[1]!] ?? m[1]}信息`],
  [/^must not be before validFrom$/, () => "不能早于有效期起始日期"],
  [/^must not be below (\w+)$/, () => "上限不能低于下限"],
  [/^at most (\d+) codes$/, (m) => `至多 ${m[1]} 个代码`],
  [/^at most (\d+) attachments$/, (m) => `至多 ${m[1]} 个附件`],
  [/^at most (\d+) postings$/, (m) => `至多关联 ${m[1]} 个岗位`],
  [/^must be an http or https URL$/, () => "须为 http 或 https 开头的链接"],
  [/^not a posting of this enterprise$/, () => "不是本企业的岗位"],
  [/^needs a word of two or more characters$/, () => "检索词须包含至少一个两字以上的词"],
  [/^only the bureau publishes policies$/, () => "只有市人社局可以发布产业政策"],
  [/^only an enterprise publishes its needs$/, () => "用工需求和科技需求只能由企业发布"],
  [/^only a school publishes research results$/, () => "科研成果只能由学校发布"],
  [/^only a school or the student publishes job seeking$/, () => "就业需求只能由学校或学生本人发布"],
  [/^only the publisher changes a notice$/, () => "只有发布方可以修改或撤回该信息"],
  [/^the notice is (WITHDRAWN|EXPIRED)$/, (m) => `该信息${m[1] === "WITHDRAWN" ? "已撤回" : "已过期"}，不能再修改`],
  [/^job-seeking notices are for enterprises, schools and the bureau$/, () => "人才就业需求仅向企业、学校和市人社局开放"],
  [/^unknown notice kind$/, () => "信息类别无效"],
  [/^a first-year student may not start a position internship/, () => "依据《职业学校学生实习管理规定》（2021）第十六条，不得安排一年级学生岗位实习"],
  [/^a student under (\d+) may not start a position internship/, (m) => `依据《职业学校学生实习管理规定》（2021）第十六条，不得安排未满 ${m[1]} 周岁的学生岗位实习`],
  [/^a position internship lasts at most (\d+) months: end by (\S+)$/, (m) => `依据《职业学校学生实习管理规定》（2021），岗位实习一般为 ${m[1]} 个月，结束日期不得晚于 ${m[2]}`],
  [/^no internship at a place of entertainment \(industry (\d+)\)/, (m) => `依据《职业学校学生实习管理规定》（2021）第十六条，不得安排学生到酒吧、歌舞厅、电子游戏厅、网吧等营业性娱乐场所实习（行业 ${m[1]}）`],
  [/^no internship in heavy physical labour/, () => "依据《职业学校学生实习管理规定》（2021）第十六条，不得安排学生从事高强度体力劳动"],
  [/^interns would exceed 10% of the enterprise's (\d+) staff: at most (\d+), (\d+) already/, (m) => `依据《职业学校学生实习管理规定》（2021），实习学生一般不超过企业在岗职工总数（${m[1]} 人）的 10%，至多 ${m[2]} 人，已有 ${m[3]} 人`],
  [/^interns would exceed 20% of the post's (\d+) staff: at most (\d+), (\d+) already/, (m) => `依据《职业学校学生实习管理规定》（2021），同一岗位实习学生一般不超过该岗位在岗职工（${m[1]} 人）的 20%，至多 ${m[2]} 人，已有 ${m[3]} 人`],
  [/^monthly pay below 80% of the post's wage (\S+): minimum (\d+)/, (m) => `依据《职业学校学生实习管理规定》（2021）第十八条，实习报酬不得低于同岗位工资（${m[1]} 元）的 80%，至少 ${m[2]} 元`],
  [/^(a night shift|overtime|work on a rest day or holiday) needs a filing with the school/, (m) => `依据《职业学校学生实习管理规定》（2021），未向学校报备不得安排学生${({ "a night shift": "上夜班", overtime: "加班", "work on a rest day or holiday": "在休息日或法定节假日实习" } as Record<string, string>)[m[1]!]}`],
  [/^the tripartite agreement lacks the confirmation of (.+)$/, (m) => `依据《职业学校学生实习管理规定》（2021），实习前须签订学校、企业、学生三方协议（未满 18 周岁须监护人同意），尚缺：${m[1]!.split(", ").map((p) => ({ SCHOOL: "学校", ENTERPRISE: "企业", STUDENT: "学生", GUARDIAN: "监护人" } as Record<string, string>)[p] ?? p).join("、")}`],
  [/^an internship needs liability insurance before it starts$/, () => "依据《职业学校学生实习管理规定》（2021），实习前须投保实习责任保险"],
  [/^the insurance period does not cover the internship$/, () => "依据《职业学校学生实习管理规定》（2021），实习责任保险期间须覆盖整个实习期"],
  [/^an internship exists for this offer$/, () => "该录用已建立实习"],
  [/^each party confirms the agreement from its own account$/, () => "三方协议须由各方用本方账号确认（监护人由学校或学生代为登记）"],
  [/^the internship has started$/, () => "实习已开始，不能再进行此操作"],
  [/^a guardian confirms only for a student under 18$/, () => "学生已满 18 周岁，无需监护人确认"],
  [/^this party has confirmed the agreement already$/, () => "该方已确认三方协议"],
  [/^required: the posting has no regular wage$/, () => "岗位未登记同岗位正式员工工资，须填写"],
  [/^must not be before from$/, () => "不能早于起始日期"],
  [/^must be within the internship period$/, () => "须在实习期内"],
  [/^must be a time HH:MM$/, () => "时间格式须为 HH:MM"],
  [/^must be a month YYYY-MM$/, () => "月份格式须为 YYYY-MM"],
  [/^the pay of this month is recorded already$/, () => "本月实习报酬已登记"],
  [/^no internship of yours is in progress today$/, () => "今天没有进行中的实习，无需签到"],
  [/^checked in already today$/, () => "今天已签到"],
  [/^the log of this week is submitted already$/, () => "本周周志已提交"],
  [/^only the two tutors review a weekly log$/, () => "周志由学校导师和企业导师批阅"],
  [/^this tutor has reviewed the log already$/, () => "该导师已批阅此周志"],
  [/^only the school tutor decides a leave$/, () => "请假由学校导师审批"],
  [/^the leave is decided already$/, () => "该请假已审批"],
  [/^the offer is not accepted$/, () => "该录用尚未被接受，不能建立实习"],
  [/^only ([a-z ]+) accounts do this$/, (m) => `只有${m[1]!.split(" or ").map((r) => ({ school: "学校", enterprise: "企业", student: "学生", bureau: "市人社局" } as Record<string, string>)[r] ?? r).join("或")}账号可以进行此操作`],
];

/** The Chinese of a known message, or null. */
export function knownMessage(message: string): string | null {
  for (const [pattern, render] of MESSAGE_PATTERNS) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return null;
}

/** A generic Chinese message for an error code (what is said when the message is not known). */
export function codeMessage(code: string | undefined, field = ""): string {
  const label = field ? fieldLabel(field) : "";
  switch (code) {
    case "UNAUTHENTICATED": return "请先登录";
    case "FORBIDDEN": return "本账号无权进行此操作";
    case "NOT_FOUND": return "记录不存在或无权查看";
    case "CONFLICT": return "数据已被修改或重复，请刷新后重试";
    case "BAD_USER_INPUT": return label ? `${label}填写有误` : "填写有误，请检查后重试";
    case "GRAPHQL_VALIDATION_FAILED": case "GRAPHQL_PARSE_FAILED": return "请求格式有误";
    case "PAYLOAD_TOO_LARGE": return "数据太大，请分批导入";
    case "DATABASE_UNAVAILABLE": return "数据库暂时不可用，请稍后重试";
    case "INTERNAL_SERVER_ERROR": return "服务器内部错误，请稍后重试";
    default: return "操作失败，请稍后重试";
  }
}

/** The Chinese message of one problem of a field: "身份证号：校验位错误（应为 X）". */
export function problemMessage(field: string, message: string, code?: string, row?: number): string {
  const text = knownMessage(message) ?? codeMessage(code ?? "BAD_USER_INPUT", field);
  const label = field ? fieldLabel(field) : "";
  const where = row !== undefined ? `第 ${row} 行` : "";
  const prefix = [where, label && !text.startsWith(label) ? label : ""].filter(Boolean).join(" ");
  return prefix ? `${prefix}：${text}` : text;
}

const KINDS_ZH: Record<string, string> = { student: "学生", enterprise: "企业", posting: "岗位" };

/** The allocation instance's validation messages (matching/validate.ts): "<where>: <what>". */
const INSTANCE_PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(\w+) must be an integer >= 0, got (.+)$/, (m) => `${m[1]} 须为不小于 0 的整数（现为 ${m[2]}）`],
  [/^expected a JSON object, got (.+)$/, (m) => `须为 JSON 对象（现为 ${m[1]}）`],
  [/^expected an object with (\w+), got (.+)$/, (m) => `须为含 ${m[1]} 的对象（现为 ${m[2]}）`],
  [/^expected an object, got (.+)$/, (m) => `须为对象（现为 ${m[1]}）`],
  [/^expected an array, got (.+)$/, (m) => `须为数组（现为 ${m[1]}）`],
  [/^expected (\d+), got (.+)$/, (m) => `须为 ${m[1]}（现为 ${m[2]}）`],
  [/^must be a finite number >= 0, got (.+)$/, (m) => `须为不小于 0 的有限数（现为 ${m[1]}）`],
  [/^id must be a non-empty string, got (.+)$/, (m) => `id 须为非空字符串（现为 ${m[1]}）`],
  [/^duplicate (student|enterprise|posting) id (.+)$/, (m) => `${KINDS_ZH[m[1]!]} id ${m[2]} 重复`],
  [/^minInterns (\S+) > maxInterns (\S+)$/, (m) => `实习生下限 minInterns ${m[1]} 大于上限 maxInterns ${m[2]}`],
  [/^unknown (student|enterprise|posting) (.+)$/, (m) => `${KINDS_ZH[m[1]!]} ${m[2]} 不存在`],
  [/^score must be an integer \(\|score\| <= 2\^40\), got (.+)$/, (m) => `匹配分 score 须为整数（绝对值不超过 2^40），现为 ${m[1]}`],
  [/^duplicate pair, first listed as (\S+)$/, (m) => `学生与岗位的组合重复，首次出现在 ${m[1]}`],
  [/^not valid JSON \((.*)\)$/, (m) => `不是有效的 JSON（${m[1]}）`],
];

/** The Chinese of one allocation-instance error, its location (an English path) kept as it is. */
export function instanceErrorZh(message: string): string {
  const more = /^\.\.\. and (\d+) more errors$/.exec(message);
  if (more) return `……另有 ${more[1]} 处错误`;
  const split = message.indexOf(": ");
  const where = split >= 0 ? message.slice(0, split) : "";
  const what = split >= 0 ? message.slice(split + 2) : message;
  for (const [pattern, render] of INSTANCE_PATTERNS) {
    const m = pattern.exec(what);
    if (m) return where ? `${where}：${render(m)}` : render(m);
  }
  return message;
}
