/**
 * Administrative divisions (GB/T 2260) the platform needs:
 * Quanzhou's county-level divisions (from shared/reference/quanzhou-divisions.csv) and the
 * province-level prefixes of China, used to accept a code outside Quanzhou by its province.
 */

/** A division of Quanzhou (the city itself or a county-level unit). */
export interface QuanzhouDivision {
  code: string;
  name: string;
  type: "地级市" | "市辖区" | "县级市" | "县";
  note?: string;
}

/** Quanzhou City and its county-level divisions, as listed in GB/T 2260. */
export const QUANZHOU_DIVISIONS: readonly QuanzhouDivision[] = [
  { code: "350500", name: "泉州市", type: "地级市" },
  { code: "350502", name: "鲤城区", type: "市辖区" },
  { code: "350503", name: "丰泽区", type: "市辖区" },
  { code: "350504", name: "洛江区", type: "市辖区" },
  { code: "350505", name: "泉港区", type: "市辖区" },
  { code: "350581", name: "石狮市", type: "县级市" },
  { code: "350582", name: "晋江市", type: "县级市" },
  { code: "350583", name: "南安市", type: "县级市" },
  { code: "350521", name: "惠安县", type: "县" },
  { code: "350524", name: "安溪县", type: "县" },
  { code: "350525", name: "永春县", type: "县" },
  { code: "350526", name: "德化县", type: "县" },
  { code: "350527", name: "金门县", type: "县", note: "administered by Taiwan authorities; listed in GB/T 2260 only" },
];

/** Code of Quanzhou City; county-level codes of the city start with its first 4 digits. */
export const QUANZHOU_CITY_CODE = "350500";
/** 4-digit prefix shared by every Quanzhou division code. */
export const QUANZHOU_PREFIX = "3505";
/** 金门县: in GB/T 2260 but not administered by the city, so never a real work or study district. */
export const KINMEN_CODE = "350527";

/** County-level divisions where the city actually operates (excludes the city code and 金门县). */
export const QUANZHOU_COUNTIES: readonly QuanzhouDivision[] = QUANZHOU_DIVISIONS.filter(
  (division) => division.type !== "地级市" && division.code !== KINMEN_CODE,
);

/** Province-level divisions of GB/T 2260: the 31 of the mainland (11–65) and 71 / 81 / 82. */
export const PROVINCES: Readonly<Record<string, string>> = {
  "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
  "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
  "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
  "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
  "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
  "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
  "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
};

/** The 31 mainland province-level prefixes. */
export const MAINLAND_PROVINCE_PREFIXES: readonly string[] = Object.keys(PROVINCES).filter((prefix) => Number(prefix) <= 65);

const BY_CODE: ReadonlyMap<string, QuanzhouDivision> = new Map(QUANZHOU_DIVISIONS.map((division) => [division.code, division]));

/** Looks up a Quanzhou division by its 6-digit code. */
export function findQuanzhouDivision(code: string): QuanzhouDivision | undefined {
  return BY_CODE.get(code);
}

/** Name of the province-level division of a 2-digit prefix (or of a longer code). */
export function provinceName(code: string): string | undefined {
  return PROVINCES[code.slice(0, 2)];
}
