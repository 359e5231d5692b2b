/**
 * Schools named in the seed documents (real institutions; majors offered are a plausible demo
 * selection from the catalogue subset, not each school's official list).
 *
 * Sources: 000 §2(二)2 (Jinjiang union schools); 002 annex 2 (华侨大学, 泉州信息工程学院, 黎明职业大学,
 * 仰恩大学, 南安工业学校, 泉州工程职业技术学院, 泉州经贸学院, 泉州华侨职业学院; 泉州师范学院 also in 000).
 * Not included: "泉州技术学院" / 泉州技师学院 (a 技工院校 under the human-resources bureau with its own
 * major catalogue) and the unnamed "泉州市中专、职业学校".
 */
import type { SchoolLevel } from "../../schema/rules/school-level";

/** One school row of the demo city. */
export interface SchoolSeed {
  key: string;
  name: string;
  level: SchoolLevel;
  district: string;
  /** Catalogue codes consistent with `level`. */
  majors: string[];
  /** Demo head count of generated students. */
  students: number;
  /** Added to the city-wide share of graduates employed in Quanzhou (retention varies by school). */
  retentionOffset: number;
}

/** The school table (order is stable: generated students depend on it). */
export const SCHOOL_SEEDS: readonly SchoolSeed[] = [
  {
    key: "fzu-jinjiang", name: "福州大学晋江校区", level: "UNDERGRADUATE", district: "350582", students: 120, retentionOffset: -0.06,
    majors: ["080202", "080213T", "080601", "080704", "080705", "080901", "080910T", "081301"],
  },
  {
    key: "qztc", name: "泉州师范学院", level: "UNDERGRADUATE", district: "350503", students: 140, retentionOffset: 0.02,
    majors: ["020401", "040106", "040107", "050101", "050201", "070101", "070302", "080701", "080901", "080906", "081601", "081602", "120203K", "120801", "130502", "130505", "130508"],
  },
  {
    key: "hqu", name: "华侨大学", level: "UNDERGRADUATE", district: "350503", students: 140, retentionOffset: -0.14,
    majors: ["020101", "020301K", "020401", "050261", "080202", "080601", "080701", "080901", "080902", "081001", "081301", "082801", "120201K", "120203K", "120901K", "120902", "130504"],
  },
  {
    key: "qzit", name: "泉州信息工程学院", level: "UNDERGRADUATE", district: "350503", students: 120, retentionOffset: -0.02,
    majors: ["080202", "080204", "080601", "080701", "080717T", "080803T", "080901", "080902", "080905", "080910T", "120601", "120801", "130502"],
  },
  {
    key: "yangen", name: "仰恩大学", level: "UNDERGRADUATE", district: "350504", students: 100, retentionOffset: -0.08,
    majors: ["020301K", "020401", "050201", "050262", "080901", "120202", "120203K", "120204", "120601"],
  },
  {
    key: "qzvtu", name: "泉州职业技术大学", level: "VOCATIONAL_UNDERGRADUATE", district: "350582", students: 260, retentionOffset: 0.06,
    majors: ["260101", "260102", "260306", "280403", "290101", "310201", "310203", "310205", "310209", "330302", "330701", "330702", "330801", "340101", "350102", "350105"],
  },
  {
    key: "qz-light", name: "泉州轻工职业学院", level: "HIGHER_VOCATIONAL", district: "350582", students: 220, retentionOffset: 0.08,
    majors: ["460103", "460301", "460305", "480401", "480410", "490101", "490104", "510201", "510203", "530302", "530701", "530704", "550102", "550105"],
  },
  {
    key: "liming", name: "黎明职业大学", level: "HIGHER_VOCATIONAL", district: "350503", students: 260, retentionOffset: 0.04,
    majors: ["460101", "460103", "460301", "460306", "460609", "470201", "480301", "480401", "480410", "490104", "510102", "510201", "510203", "510205", "530302", "530501", "530701", "530702", "530801", "540101", "540106", "540202", "550102", "550105", "570303", "570304"],
  },
  {
    key: "qz-engineering", name: "泉州工程职业技术学院", level: "HIGHER_VOCATIONAL", district: "350582", students: 200, retentionOffset: 0.05,
    majors: ["440102", "440301", "460101", "460103", "460301", "460305", "460306", "460702", "470201", "470203", "510101", "510201", "530302", "530801"],
  },
  {
    key: "qz-trade", name: "泉州经贸学院", level: "HIGHER_VOCATIONAL", district: "350503", students: 200, retentionOffset: 0.0,
    majors: ["510201", "530201", "530301", "530302", "530501", "530601", "530605", "530701", "530702", "530704", "530706", "530801", "540101", "540106", "550103"],
  },
  {
    key: "qz-overseas", name: "泉州华侨职业学院", level: "HIGHER_VOCATIONAL", district: "350503", students: 180, retentionOffset: 0.0,
    majors: ["510201", "520201", "530302", "530701", "530702", "530801", "540101", "540106", "540202", "540203", "550102", "570102K"],
  },
  {
    key: "jj-vocational", name: "晋江职业中专学校", level: "SECONDARY_VOCATIONAL", district: "350582", students: 150, retentionOffset: 0.12,
    majors: ["660103", "660301", "680405", "710201", "710204", "730301", "730701", "730801", "740201", "770101"],
  },
  {
    key: "jj-overseas", name: "晋江华侨职业中专学校", level: "SECONDARY_VOCATIONAL", district: "350582", students: 150, retentionOffset: 0.12,
    majors: ["660301", "660302", "680401", "680405", "690101", "710102", "710201", "730701", "730702"],
  },
  {
    key: "jj-anhai", name: "晋江安海职业中专学校", level: "SECONDARY_VOCATIONAL", district: "350582", students: 140, retentionOffset: 0.14,
    majors: ["660103", "660301", "690101", "690102", "710201", "730301", "730701", "740101", "740201", "740203"],
  },
  {
    key: "jj-jinxing", name: "晋江晋兴职业中专学校", level: "SECONDARY_VOCATIONAL", district: "350582", students: 140, retentionOffset: 0.12,
    majors: ["660101", "660103", "660301", "660303", "700206", "710201", "710202", "730701", "730801"],
  },
  {
    key: "nanan-industrial", name: "南安工业学校", level: "SECONDARY_VOCATIONAL", district: "350583", students: 140, retentionOffset: 0.1,
    majors: ["640301", "660101", "660103", "660301", "660303", "660701", "700206", "710102", "710201"],
  },
];
