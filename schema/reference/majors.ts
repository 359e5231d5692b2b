/**
 * Major catalogue used by the platform.
 *
 * SUBSET of the 2021 catalogue (职业教育专业目录（2021年）) and of the 普通高等学校本科专业目录;
 * VERIFY CODES BEFORE RELYING ON THEM; EXTEND AS NEEDED.
 *
 * - Vocational codes (2021): 中职 categories 61–79, 高职专科 41–59, 高职本科 (职业本科) 21–39;
 *   the 19 专业大类 and their per-level 2-digit codes come from shared/reference/vocational-major-categories-2021.csv.
 *   The 97 专业类 are shared by the three levels: class "xxNN" has the same name at every level
 *   (e.g. 7102 / 5102 / 3102 are all 计算机类).
 * - Undergraduate (普通本科) codes: 6 digits, optional T (特设) or K (国家控制布点) suffix; 2-digit 学科门类 01–14.
 * - Each entry carries `confidence`: "high" where the compiler is sure of the code, "medium" where
 *   the name is right but the exact 6-digit code was written from memory and must be checked against
 *   the published catalogue. Tests rely on "high" entries only.
 * - Not included for lack of a code the compiler is sure of: vocational tea (茶叶生产与加工技术),
 *   ceramics (陶瓷设计与工艺), shoes (鞋类设计与工艺) and stone majors; undergraduate 茶学 covers tea.
 */
import type { SchoolLevel } from "../rules/school-level";

/** One major of the catalogue. */
export interface Major {
  /** 6 digits, undergraduate codes may end in T or K (e.g. 080910T); vocational control-listed codes end in K (570102K). */
  code: string;
  name: string;
  level: SchoolLevel;
  /** 4-digit 专业类 code. */
  classCode: string;
  className: string;
  /** 2-digit 专业大类 (vocational) or 学科门类 (undergraduate) code. */
  categoryCode: string;
  categoryName: string;
  confidence: "high" | "medium";
}

/** The 19 vocational 专业大类 with their per-level 2-digit codes (from the reference CSV). */
export const VOCATIONAL_CATEGORIES: ReadonlyArray<{ index: number; name: string; secondary: string; higher: string; undergraduate: string }> = [
  [1, "农林牧渔大类"], [2, "资源环境与安全大类"], [3, "能源动力与材料大类"], [4, "土木建筑大类"], [5, "水利大类"],
  [6, "装备制造大类"], [7, "生物与化工大类"], [8, "轻工纺织大类"], [9, "食品药品与粮食大类"], [10, "交通运输大类"],
  [11, "电子与信息大类"], [12, "医药卫生大类"], [13, "财经商贸大类"], [14, "旅游大类"], [15, "文化艺术大类"],
  [16, "新闻传播大类"], [17, "教育与体育大类"], [18, "公安与司法大类"], [19, "公共管理与服务大类"],
].map(([index, name]) => ({
  index: index as number,
  name: name as string,
  secondary: String(60 + (index as number)),
  higher: String(40 + (index as number)),
  undergraduate: String(20 + (index as number)),
}));

/** 学科门类 of the undergraduate catalogue (11 军事学 is reserved and not used by 普通本科 majors). */
export const UNDERGRADUATE_DISCIPLINES: Readonly<Record<string, string>> = {
  "01": "哲学", "02": "经济学", "03": "法学", "04": "教育学", "05": "文学", "06": "历史学", "07": "理学",
  "08": "工学", "09": "农学", "10": "医学", "11": "军事学", "12": "管理学", "13": "艺术学", "14": "交叉学科",
};

/**
 * Vocational 专业类 names keyed by "<category index>-<class number>" (level independent).
 * Only the classes used by this subset, plus a few neighbours whose names are certain.
 */
const VOCATIONAL_CLASS_NAMES: Readonly<Record<string, string>> = {
  "4-01": "建筑设计类", "4-03": "土建施工类",
  "6-01": "机械设计制造类", "6-02": "机电设备类", "6-03": "自动化类", "6-06": "航空装备类", "6-07": "汽车制造类",
  "7-01": "生物技术类", "7-02": "化工技术类",
  "8-01": "轻化工类", "8-02": "包装类", "8-03": "印刷类", "8-04": "纺织服装类",
  "9-01": "食品类", "9-02": "药品与医疗器械类",
  "10-02": "道路运输类",
  "11-01": "电子信息类", "11-02": "计算机类", "11-03": "通信类", "11-04": "集成电路类",
  "12-02": "护理类", "12-03": "药学类",
  "13-01": "财政税务类", "13-02": "金融类", "13-03": "财务会计类", "13-05": "经济贸易类", "13-06": "工商管理类",
  "13-07": "电子商务类", "13-08": "物流类",
  "14-01": "旅游类", "14-02": "餐饮类",
  "15-01": "艺术设计类",
  "17-01": "教育类", "17-03": "体育类",
};

/** Undergraduate 专业类 names (4-digit) for the classes used by this subset. */
const UNDERGRADUATE_CLASS_NAMES: Readonly<Record<string, string>> = {
  "0201": "经济学类", "0202": "财政学类", "0203": "金融学类", "0204": "经济与贸易类",
  "0401": "教育学类", "0402": "体育学类",
  "0501": "中国语言文学类", "0502": "外国语言文学类", "0503": "新闻传播学类",
  "0701": "数学类", "0703": "化学类", "0711": "心理学类", "0712": "统计学类",
  "0802": "机械类", "0803": "仪器类", "0804": "材料类", "0806": "电气类", "0807": "电子信息类", "0808": "自动化类",
  "0809": "计算机类", "0810": "土木类", "0813": "化工与制药类", "0816": "纺织类", "0817": "轻工类",
  "0827": "食品科学与工程类", "0828": "建筑类",
  "0901": "植物生产类",
  "1007": "药学类", "1011": "护理学类",
  "1201": "管理科学与工程类", "1202": "工商管理类", "1206": "物流管理与工程类", "1208": "电子商务类", "1209": "旅游管理类",
  "1304": "美术学类", "1305": "设计学类",
};

type Row = readonly [code: string, name: string, confidence?: "m"];

/** 中职 (SECONDARY_VOCATIONAL), categories 61–79. */
const SECONDARY_ROWS: readonly Row[] = [
  ["640301", "建筑工程施工", "m"],
  ["660101", "机械制造技术", "m"], ["660103", "数控技术应用", "m"],
  ["660301", "机电技术应用"], ["660302", "电气设备运行与控制", "m"], ["660303", "工业机器人技术应用", "m"],
  ["660701", "汽车制造与检测", "m"],
  ["670201", "化学工艺", "m"],
  ["680401", "纺织技术与服务", "m"], ["680405", "服装设计与工艺", "m"],
  ["690101", "食品加工工艺", "m"], ["690102", "食品安全与检测技术", "m"],
  ["700206", "汽车运用与维修", "m"],
  ["710101", "电子信息技术", "m"], ["710102", "电子技术应用", "m"],
  ["710201", "计算机应用"], ["710202", "计算机网络技术", "m"], ["710203", "软件与信息服务", "m"], ["710204", "数字媒体技术应用", "m"],
  ["720201", "护理"], ["720301", "药剂", "m"],
  ["730301", "会计事务"], ["730501", "国际商务", "m"],
  ["730701", "电子商务"], ["730702", "跨境电子商务", "m"], ["730703", "直播电商服务", "m"],
  ["730801", "物流服务与管理"],
  ["740101", "旅游服务与管理"], ["740104", "高星级饭店运营与管理", "m"], ["740105", "茶艺与茶营销", "m"],
  ["740201", "中餐烹饪"], ["740202", "西餐烹饪"], ["740203", "中西面点"],
  ["750101", "工艺美术", "m"], ["750102", "艺术设计与制作", "m"],
  ["770101", "幼儿保育"],
];

/** 高职专科 (HIGHER_VOCATIONAL), categories 41–59. */
const HIGHER_ROWS: readonly Row[] = [
  ["440102", "建筑装饰工程技术", "m"], ["440301", "建筑工程技术"],
  ["460101", "机械设计与制造"], ["460102", "数字化设计与制造技术", "m"], ["460103", "数控技术"], ["460104", "机械制造及自动化", "m"],
  ["460301", "机电一体化技术"], ["460303", "智能控制技术", "m"], ["460305", "工业机器人技术"], ["460306", "电气自动化技术"],
  ["460609", "无人机应用技术", "m"],
  ["460702", "新能源汽车技术", "m"],
  ["470201", "应用化工技术"], ["470203", "石油化工技术", "m"], ["470208", "工业分析技术", "m"],
  ["480201", "包装工程技术", "m"], ["480301", "数字图文信息处理技术", "m"],
  ["480401", "现代纺织技术", "m"], ["480410", "服装设计与工艺", "m"],
  ["490101", "食品智能加工技术", "m"], ["490102", "食品质量与安全", "m"], ["490104", "食品检验检测技术", "m"],
  ["510101", "电子信息工程技术"], ["510102", "物联网应用技术"], ["510103", "应用电子技术"],
  ["510201", "计算机应用技术"], ["510202", "计算机网络技术"], ["510203", "软件技术"], ["510204", "数字媒体技术"],
  ["510205", "大数据技术"], ["510206", "云计算技术应用", "m"], ["510207", "信息安全技术应用", "m"],
  ["510208", "虚拟现实技术应用", "m"], ["510209", "人工智能技术应用"],
  ["510301", "现代通信技术", "m"], ["510401", "集成电路技术", "m"],
  ["520201", "护理"], ["520202", "助产"], ["520301", "药学"],
  ["530201", "金融服务与管理", "m"], ["530301", "大数据与财务管理"], ["530302", "大数据与会计"],
  ["530501", "国际经济与贸易"], ["530601", "工商企业管理", "m"], ["530605", "市场营销", "m"],
  ["530701", "电子商务"], ["530702", "跨境电子商务"], ["530703", "移动商务", "m"], ["530704", "网络营销与直播电商"],
  ["530706", "商务数据分析与应用", "m"], ["530801", "现代物流管理"],
  ["540101", "旅游管理"], ["540102", "导游"], ["540106", "酒店管理与数字化运营", "m"],
  ["540202", "烹饪工艺与营养", "m"], ["540203", "中西面点工艺", "m"],
  ["550101", "艺术设计", "m"], ["550102", "视觉传达设计", "m"], ["550103", "数字媒体艺术设计", "m"],
  ["550104", "产品艺术设计", "m"], ["550105", "服装与服饰设计", "m"], ["550106", "环境艺术设计", "m"],
  ["570102K", "学前教育"], ["570301", "运动训练", "m"], ["570303", "社会体育", "m"], ["570304", "休闲体育", "m"],
];

/** 高职本科 / 职业本科 (VOCATIONAL_UNDERGRADUATE), categories 21–39. All written from memory: verify. */
const VOCATIONAL_UNDERGRADUATE_ROWS: readonly Row[] = [
  ["240301", "建筑工程", "m"],
  ["260101", "机械设计制造及自动化", "m"], ["260102", "智能制造工程技术", "m"], ["260103", "数控技术", "m"],
  ["260302", "机械电子工程技术", "m"], ["260303", "自动化技术与应用", "m"], ["260304", "电气工程及自动化", "m"],
  ["260306", "机器人技术", "m"],
  ["260702", "新能源汽车工程技术", "m"],
  ["270201", "应用化工技术", "m"],
  ["280401", "现代纺织工程技术", "m"], ["280403", "服装工程技术", "m"],
  ["290101", "食品工程技术", "m"], ["290102", "食品质量与安全", "m"],
  ["310101", "电子信息工程技术", "m"], ["310102", "物联网工程技术", "m"],
  ["310201", "计算机应用工程", "m"], ["310202", "网络工程技术", "m"], ["310203", "软件工程技术", "m"],
  ["310204", "数字媒体技术", "m"], ["310205", "大数据工程技术", "m"], ["310206", "云计算技术", "m"],
  ["310207", "信息安全与管理", "m"], ["310208", "虚拟现实技术", "m"], ["310209", "人工智能工程技术", "m"],
  ["310401", "集成电路工程技术", "m"],
  ["320201", "护理", "m"], ["320301", "药学", "m"],
  ["330201", "金融管理", "m"], ["330301", "大数据与财务管理", "m"], ["330302", "大数据与会计", "m"], ["330303", "大数据与审计", "m"],
  ["330501", "国际经济与贸易", "m"], ["330601", "工商管理", "m"], ["330602", "市场营销", "m"],
  ["330701", "电子商务", "m"], ["330702", "跨境电子商务", "m"], ["330703", "全媒体电商运营", "m"],
  ["330801", "现代物流管理", "m"],
  ["340101", "旅游管理", "m"], ["340102", "酒店管理", "m"], ["340201", "烹饪与餐饮管理", "m"],
  ["350101", "工艺美术", "m"], ["350102", "视觉传达设计", "m"], ["350103", "数字媒体艺术", "m"],
  ["350104", "产品设计", "m"], ["350105", "服装与服饰设计", "m"], ["350106", "环境艺术设计", "m"],
];

/** 普通本科 (UNDERGRADUATE), 学科门类 01–14. */
const UNDERGRADUATE_ROWS: readonly Row[] = [
  ["020101", "经济学"], ["020201K", "财政学"], ["020301K", "金融学"], ["020401", "国际经济与贸易"],
  ["040101", "教育学"], ["040106", "学前教育"], ["040107", "小学教育"], ["040201", "体育教育"], ["040203", "社会体育指导与管理"],
  ["050101", "汉语言文学"], ["050201", "英语"], ["050261", "翻译"], ["050262", "商务英语"], ["050301", "新闻学"], ["050303", "广告学"],
  ["070101", "数学与应用数学"], ["070302", "应用化学"], ["071102", "应用心理学"], ["071201", "统计学"],
  ["080202", "机械设计制造及其自动化"], ["080204", "机械电子工程"], ["080205", "工业设计"], ["080213T", "智能制造工程"],
  ["080301", "测控技术与仪器"],
  ["080401", "材料科学与工程"], ["080406", "无机非金属材料工程"], ["080407", "高分子材料与工程"],
  ["080601", "电气工程及其自动化"],
  ["080701", "电子信息工程"], ["080702", "电子科学与技术"], ["080703", "通信工程"], ["080704", "微电子科学与工程"],
  ["080705", "光电信息科学与工程"], ["080717T", "人工智能"],
  ["080801", "自动化"], ["080803T", "机器人工程"],
  ["080901", "计算机科学与技术"], ["080902", "软件工程"], ["080903", "网络工程"], ["080904K", "信息安全"],
  ["080905", "物联网工程"], ["080906", "数字媒体技术"], ["080910T", "数据科学与大数据技术"],
  ["081001", "土木工程"],
  ["081301", "化学工程与工艺"], ["081302", "制药工程"],
  ["081601", "纺织工程"], ["081602", "服装设计与工程"],
  ["081701", "轻化工程"], ["081702", "包装工程"], ["081703", "印刷工程"],
  ["082701", "食品科学与工程"], ["082702", "食品质量与安全"],
  ["082801", "建筑学"],
  ["090107T", "茶学"],
  ["100701", "药学"], ["101101", "护理学"],
  ["120102", "信息管理与信息系统"], ["120201K", "工商管理"], ["120202", "市场营销"], ["120203K", "会计学"],
  ["120204", "财务管理"], ["120206", "人力资源管理"],
  ["120601", "物流管理"], ["120801", "电子商务"], ["120803T", "跨境电子商务"],
  ["120901K", "旅游管理"], ["120902", "酒店管理"], ["120903", "会展经济与管理"],
  ["130401", "美术学"], ["130502", "视觉传达设计"], ["130503", "环境设计"], ["130504", "产品设计"],
  ["130505", "服装与服饰设计"], ["130507", "工艺美术"], ["130508", "数字媒体艺术"],
];

const MAJOR_CODE = /^\d{6}[TK]?$/;

/** School level implied by a major code's 2-digit prefix; undefined when the prefix fits no level. */
export function majorLevelOf(code: string): SchoolLevel | undefined {
  if (!MAJOR_CODE.test(code) && !/^\d{2,4}$/.test(code)) return undefined;
  const category = Number(code.slice(0, 2));
  if (category >= 1 && category <= 14) return "UNDERGRADUATE";
  if (category >= 21 && category <= 39) return "VOCATIONAL_UNDERGRADUATE";
  if (category >= 41 && category <= 59) return "HIGHER_VOCATIONAL";
  if (category >= 61 && category <= 79) return "SECONDARY_VOCATIONAL";
  return undefined;
}

/** 4-digit 专业类 code of a major code (or of a 4-digit class code itself). */
export function majorClassOf(code: string): string {
  return code.slice(0, 4);
}

/** 2-digit 专业大类 / 学科门类 code of a major or class code. */
export function majorCategoryOf(code: string): string {
  return code.slice(0, 2);
}

/** Index 1..19 of the vocational 专业大类 for a vocational code; undefined for undergraduate codes. */
function vocationalCategoryIndex(code: string): number | undefined {
  const category = Number(code.slice(0, 2));
  const level = majorLevelOf(code);
  if (level === "SECONDARY_VOCATIONAL") return category - 60;
  if (level === "HIGHER_VOCATIONAL") return category - 40;
  if (level === "VOCATIONAL_UNDERGRADUATE") return category - 20;
  return undefined;
}

/** Name of the 专业大类 (vocational, from the 2021 CSV) or 学科门类 (undergraduate) of a code. */
export function majorCategoryName(code: string): string | undefined {
  const index = vocationalCategoryIndex(code);
  if (index !== undefined) return VOCATIONAL_CATEGORIES[index - 1]?.name;
  if (majorLevelOf(code) === "UNDERGRADUATE") return UNDERGRADUATE_DISCIPLINES[code.slice(0, 2)];
  return undefined;
}

/** Name of the 4-digit 专业类 of a code, as far as this subset knows it. */
export function majorClassName(code: string): string | undefined {
  if (code.length < 4) return undefined;
  const index = vocationalCategoryIndex(code);
  if (index !== undefined) return VOCATIONAL_CLASS_NAMES[`${index}-${code.slice(2, 4)}`];
  if (majorLevelOf(code) === "UNDERGRADUATE") return UNDERGRADUATE_CLASS_NAMES[code.slice(0, 4)];
  return undefined;
}

function toMajors(rows: readonly Row[], level: SchoolLevel): Major[] {
  return rows.map(([code, name, confidence]) => {
    if (majorLevelOf(code) !== level) throw new Error(`major ${code} is not a ${level} code`);
    return {
      code,
      name,
      level,
      classCode: majorClassOf(code),
      className: majorClassName(code) ?? "",
      categoryCode: majorCategoryOf(code),
      categoryName: majorCategoryName(code) ?? "",
      confidence: confidence === "m" ? "medium" : "high",
    };
  });
}

/** Every major of the subset, grouped by level in catalogue order. */
export const MAJORS: readonly Major[] = [
  ...toMajors(SECONDARY_ROWS, "SECONDARY_VOCATIONAL"),
  ...toMajors(HIGHER_ROWS, "HIGHER_VOCATIONAL"),
  ...toMajors(VOCATIONAL_UNDERGRADUATE_ROWS, "VOCATIONAL_UNDERGRADUATE"),
  ...toMajors(UNDERGRADUATE_ROWS, "UNDERGRADUATE"),
];

const MAJOR_BY_CODE: ReadonlyMap<string, Major> = new Map(MAJORS.map((major) => [major.code, major]));
const KNOWN_CLASSES: ReadonlySet<string> = new Set(MAJORS.map((major) => major.classCode));

/** Looks up a major by its catalogue code (upper-case suffix); undefined when not in the subset. */
export function findMajor(code: string): Major | undefined {
  return MAJOR_BY_CODE.get(code.toUpperCase());
}

/** Majors of one school level. */
export function majorsOfLevel(level: SchoolLevel): Major[] {
  return MAJORS.filter((major) => major.level === level);
}

/** Whether a 4-digit 专业类 code has at least one major in the subset. */
export function isKnownMajorClass(classCode: string): boolean {
  return KNOWN_CLASSES.has(classCode);
}
