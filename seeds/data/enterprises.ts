/**
 * Enterprises named in the seed documents (real organisations; the figures are plausible
 * estimates for a demo, NOT official data, and the credit codes are generated, NOT their real codes).
 *
 * Sources: 000 §2(二)3 (Jinjiang union member enterprises) and 002 annex 2 (Fengze project partners)
 * plus 匹克 / 南威 named in 002 §3(2)1. Skipped: government bodies, parks and associations
 * (泉州物流与供应链协会, 泉州市餐饮业行业协会), research institutes (福州大学晋江微电子研究院, 中国皮革和制鞋
 * 工业研究院（晋江）, 海西纺织新材料工业技术晋江研究院, 晋江—哈工大机器人研发中心, 福建（泉州）先进制造技术
 * 研究院, 泉州华中科技大学智能制造研究院) and 中国海峡（晋江）人才市场 (a public talent-market body).
 */

/** One enterprise row of the demo city. */
export interface EnterpriseSeed {
  key: string;
  name: string;
  /** GB/T 2260 county code; the company's real county where known, else the document's district. */
  district: string;
  /** GB/T 4754-2017 4-digit class. */
  industry: string;
  headcount: number;
  /** Annual main-business revenue, yuan. */
  annualRevenue: number;
  /** Typical monthly wage, yuan. */
  regularWage: number;
  /** Clusters beyond those implied by the industry (service firms working for a cluster). */
  extraClusters?: string[];
  /** Use a Fujian pilot code failing MOD 31 (exercises the FUJIAN_PILOT_CODE warning). */
  pilotCode?: boolean;
  source: "000" | "002";
}

const JINJIANG = "350582";
const FENGZE = "350503";

/** The enterprise table (order is stable: keys and generated codes depend on it). */
export const ENTERPRISE_SEEDS: readonly EnterpriseSeed[] = [
  // 000: Jinjiang 市域产教联合体 member enterprises
  { key: "panpan", name: "福建盼盼食品有限公司", district: JINJIANG, industry: "1419", headcount: 8000, annualRevenue: 5_000_000_000, regularWage: 5600, pilotCode: true, source: "000" },
  { key: "anta-ecommerce", name: "厦门安踏电子商务有限公司", district: "350206", industry: "5292", headcount: 1500, annualRevenue: 3_000_000_000, regularWage: 8500, extraClusters: ["TEXTILE_SHOES"], source: "000" },
  { key: "anta-logistics", name: "福建安踏物流信息科技有限公司", district: JINJIANG, industry: "5920", headcount: 1200, annualRevenue: 600_000_000, regularWage: 6200, extraClusters: ["TEXTILE_SHOES"], source: "000" },
  { key: "361du", name: "三六一度（中国）有限公司", district: JINJIANG, industry: "1959", headcount: 8000, annualRevenue: 5_000_000_000, regularWage: 6500, source: "000" },
  { key: "lilang", name: "利郎（中国）有限公司", district: JINJIANG, industry: "1819", headcount: 4000, annualRevenue: 3_000_000_000, regularWage: 6300, source: "000" },
  { key: "kelme", name: "卡尔美体育用品有限公司", district: JINJIANG, industry: "1811", headcount: 1500, annualRevenue: 1_000_000_000, regularWage: 6000, source: "000" },
  { key: "septwolves", name: "福建七匹狼实业股份有限公司", district: JINJIANG, industry: "1819", headcount: 3000, annualRevenue: 3_000_000_000, regularWage: 6400, source: "000" },
  { key: "xinyingxiao", name: "心赢销服装（福建）有限公司", district: JINJIANG, industry: "1819", headcount: 300, annualRevenue: 120_000_000, regularWage: 5500, source: "000" },
  { key: "qipai", name: "福建柒牌时装科技股份有限公司", district: JINJIANG, industry: "1819", headcount: 5000, annualRevenue: 4_000_000_000, regularWage: 6200, source: "000" },
  { key: "huayu", name: "华宇铮蓥集团", district: JINJIANG, industry: "1761", headcount: 3000, annualRevenue: 2_500_000_000, regularWage: 6000, source: "000" },
  { key: "xintai", name: "信泰（福建）科技有限公司", district: JINJIANG, industry: "1761", headcount: 2500, annualRevenue: 2_000_000_000, regularWage: 6100, source: "000" },
  { key: "wanwu", name: "福建省万物智联科技有限公司", district: JINJIANG, industry: "6532", headcount: 200, annualRevenue: 50_000_000, regularWage: 7500, source: "000" },
  { key: "liba", name: "福建力霸机械科技股份有限公司", district: JINJIANG, industry: "3551", headcount: 600, annualRevenue: 300_000_000, regularWage: 6500, source: "000" },
  { key: "anta-machinery", name: "安塔（福建）机械设备实业有限公司", district: JINJIANG, industry: "3552", headcount: 200, annualRevenue: 80_000_000, regularWage: 6000, source: "000" },
  { key: "jingong", name: "福建晋工机械有限公司", district: JINJIANG, industry: "3514", headcount: 1200, annualRevenue: 1_500_000_000, regularWage: 6800, pilotCode: true, source: "000" },
  { key: "maidu", name: "福建省麦都食品发展有限公司", district: JINJIANG, industry: "1411", headcount: 800, annualRevenue: 400_000_000, regularWage: 5200, source: "000" },
  { key: "aile-hotel", name: "晋江爱乐国际酒店有限责任公司", district: JINJIANG, industry: "6110", headcount: 500, annualRevenue: 120_000_000, regularWage: 4800, source: "000" },
  { key: "hengfu-hotel", name: "泉州恒福酒店有限公司", district: JINJIANG, industry: "6110", headcount: 300, annualRevenue: 80_000_000, regularWage: 4600, source: "000" },
  { key: "jinyuan", name: "福建晋园发展集团有限责任公司", district: JINJIANG, industry: "7221", headcount: 400, annualRevenue: 500_000_000, regularWage: 6500, extraClusters: ["TRADE_FINANCE"], source: "000" },
  { key: "jj-hr", name: "福建省晋江人力资本有限公司", district: JINJIANG, industry: "7269", headcount: 150, annualRevenue: 100_000_000, regularWage: 5500, extraClusters: ["TRADE_FINANCE"], source: "000" },
  { key: "crayon", name: "蜡笔小新（福建）食品工业有限公司", district: JINJIANG, industry: "1421", headcount: 3000, annualRevenue: 2_000_000_000, regularWage: 5400, source: "000" },
  { key: "jielong", name: "福建佶龙机械科技股份有限公司", district: JINJIANG, industry: "3551", headcount: 500, annualRevenue: 300_000_000, regularWage: 6500, source: "000" },
  // 002: Fengze 2025 project table partners (and 匹克 / 南威 named in §3(2)1)
  { key: "wuxin", name: "泉州物信科技有限公司", district: FENGZE, industry: "6520", headcount: 120, annualRevenue: 30_000_000, regularWage: 8000, extraClusters: ["ELECTRONICS"], source: "002" },
  { key: "nanfang", name: "福建南方路面机械股份有限公司", district: "350504", industry: "3515", headcount: 2000, annualRevenue: 1_500_000_000, regularWage: 7200, source: "002" },
  { key: "huashu-robot", name: "泉州华数机器人有限公司", district: FENGZE, industry: "3491", headcount: 150, annualRevenue: 60_000_000, regularWage: 7000, source: "002" },
  { key: "qz-robot", name: "泉州市机器人有限公司", district: FENGZE, industry: "3491", headcount: 80, annualRevenue: 20_000_000, regularWage: 6800, source: "002" },
  { key: "tianfangbiao", name: "天纺标检测认证股份有限公司", district: FENGZE, industry: "7452", headcount: 300, annualRevenue: 150_000_000, regularWage: 6500, extraClusters: ["TEXTILE_SHOES"], source: "002" },
  { key: "liyong", name: "泉州利永机电有限公司", district: FENGZE, industry: "3453", headcount: 150, annualRevenue: 50_000_000, regularWage: 6000, source: "002" },
  { key: "nanbaiwan", name: "南柏万（泉州）进出口有限公司", district: FENGZE, industry: "5181", headcount: 50, annualRevenue: 30_000_000, regularWage: 6000, source: "002" },
  { key: "chaoran", name: "福建超燃体育有限公司", district: FENGZE, industry: "8392", headcount: 60, annualRevenue: 8_000_000, regularWage: 5000, extraClusters: ["CULTURE_TOURISM"], source: "002" },
  { key: "aokeliwen", name: "泉州市奥克利文旅游投资有限公司", district: FENGZE, industry: "7291", headcount: 80, annualRevenue: 20_000_000, regularWage: 5200, extraClusters: ["CULTURE_TOURISM"], source: "002" },
  { key: "quanmingxing", name: "泉州泉明星足球俱乐部有限公司", district: FENGZE, industry: "8919", headcount: 50, annualRevenue: 5_000_000, regularWage: 4800, source: "002" },
  { key: "jiatai", name: "泉州市佳泰印刷股份有限公司", district: FENGZE, industry: "2319", headcount: 400, annualRevenue: 200_000_000, regularWage: 5600, source: "002" },
  { key: "lijiujiayan", name: "泉州市鲤酒佳宴餐饮管理有限公司", district: FENGZE, industry: "6210", headcount: 150, annualRevenue: 30_000_000, regularWage: 4800, source: "002" },
  { key: "yuanzhiyuzhou", name: "源之宇宙（福建）科技集团有限公司", district: FENGZE, industry: "6579", headcount: 150, annualRevenue: 50_000_000, regularWage: 7000, extraClusters: ["CULTURE_TOURISM"], source: "002" },
  { key: "chuangxiang", name: "福建创享蓝途科技发展有限公司", district: FENGZE, industry: "3963", headcount: 80, annualRevenue: 30_000_000, regularWage: 6500, source: "002" },
  { key: "fengze-group", name: "泉州丰泽集团有限公司", district: FENGZE, industry: "7212", headcount: 300, annualRevenue: 500_000_000, regularWage: 6800, extraClusters: ["TRADE_FINANCE"], source: "002" },
  { key: "donghaiwan", name: "泉州东海湾产教融合有限公司", district: FENGZE, industry: "7221", headcount: 40, annualRevenue: 10_000_000, regularWage: 5500, extraClusters: ["TRADE_FINANCE", "PETROCHEMICAL"], source: "002" },
  { key: "peak", name: "匹克集团", district: FENGZE, industry: "1954", headcount: 6000, annualRevenue: 3_000_000_000, regularWage: 6200, source: "002" },
  { key: "nanwei", name: "南威软件股份有限公司", district: FENGZE, industry: "6513", headcount: 2500, annualRevenue: 1_500_000_000, regularWage: 9000, source: "002" },
];
