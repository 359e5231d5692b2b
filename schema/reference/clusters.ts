/**
 * Quanzhou's key industrial clusters: the default list the bureau can later edit.
 *
 * Sources: 001 §2(3) names 石油化工、鞋服纺织、新材料、电子信息 and "9个超千亿产业集群" / the "8+4"
 * industry system without listing them; 003 annex 1 names Quanzhou's 石油化工 (泉港), 现代物流 (丰泽)
 * and 陶瓷工艺 (德化) unions; 002 §3(1)1 names 数字经济、总部经济、现代金融 for Fengze and §3(2)1
 * 智能制造、数字创意. The nine ¥100-billion clusters are usually given as 纺织服装、鞋业、石油化工、
 * 建材家居、食品饮料、机械装备、电子信息、纸业印刷、工艺制品 (not stated in the seed docs: verify);
 * here 纺织服装 and 鞋业 form one cluster 纺织鞋服 as in 001.
 *
 * `industries` are GB/T 4754-2017 2-digit divisions; `majorPrefixes` are 2- or 4-digit major
 * category/class prefixes (vocational classes at each level, undergraduate 专业类). A division or a
 * major class may belong to more than one cluster (ceramics is both 建材 and 工艺制品).
 */

/** An industrial cluster and what maps to it. */
export interface IndustrialCluster {
  /** Short ASCII id. */
  code: string;
  name: string;
  /** GB/T 4754-2017 division codes (2 digits). */
  industries: string[];
  /** Major category (2-digit) or class (4-digit) prefixes whose graduates serve the cluster. */
  majorPrefixes: string[];
}

/** The default cluster list (order = display order). */
export const DEFAULT_CLUSTERS: readonly IndustrialCluster[] = [
  {
    code: "TEXTILE_SHOES",
    name: "纺织鞋服",
    industries: ["17", "18", "19"],
    majorPrefixes: ["6804", "4804", "2804", "0816"],
  },
  {
    code: "PETROCHEMICAL",
    name: "石油化工",
    industries: ["25", "26", "28", "29"],
    majorPrefixes: ["6702", "4702", "2702", "0813", "0703"],
  },
  {
    code: "BUILDING_HOME",
    name: "建材家居",
    industries: ["20", "21", "30"],
    majorPrefixes: ["6403", "4401", "4403", "2403", "0804", "0810", "0828"],
  },
  {
    code: "FOOD_BEVERAGE",
    name: "食品饮料",
    industries: ["13", "14", "15"],
    majorPrefixes: ["6901", "4901", "2901", "0827", "0901"],
  },
  {
    code: "MACHINERY",
    name: "机械装备",
    industries: ["33", "34", "35", "36", "37", "40"],
    majorPrefixes: ["6601", "6603", "6607", "4601", "4603", "4606", "4607", "2601", "2603", "2607", "0802", "0803", "0806", "0808"],
  },
  {
    code: "ELECTRONICS",
    name: "电子信息",
    industries: ["38", "39"],
    majorPrefixes: ["7101", "5101", "5103", "5104", "3101", "3104", "0807"],
  },
  {
    code: "PAPER_PRINTING",
    name: "纸业印刷",
    industries: ["22", "23"],
    majorPrefixes: ["4802", "4803", "0817"],
  },
  {
    code: "CRAFTS",
    name: "工艺制品",
    industries: ["24", "30"],
    majorPrefixes: ["7501", "5501", "3501", "1304", "1305"],
  },
  {
    code: "HEALTH",
    name: "医药健康",
    industries: ["27", "84", "85"],
    majorPrefixes: ["7202", "7203", "5202", "5203", "3202", "3203", "1007", "1011"],
  },
  {
    code: "DIGITAL_ECONOMY",
    name: "数字经济",
    industries: ["63", "64", "65"],
    majorPrefixes: ["7102", "5102", "3102", "0809"],
  },
  {
    code: "LOGISTICS",
    name: "现代物流",
    industries: ["54", "55", "58", "59", "60"],
    majorPrefixes: ["7308", "5308", "3308", "1206"],
  },
  {
    code: "TRADE_FINANCE",
    name: "商贸金融",
    industries: ["51", "52", "66", "67", "68", "69"],
    majorPrefixes: ["7303", "7305", "7307", "5302", "5303", "5305", "5306", "5307", "3302", "3303", "3305", "3306", "3307", "0202", "0203", "0204", "1202", "1208"],
  },
  {
    code: "CULTURE_TOURISM",
    name: "文旅",
    industries: ["61", "62", "87", "88", "89", "90"],
    majorPrefixes: ["7401", "7402", "5401", "5402", "5703", "3401", "3402", "0402", "1209"],
  },
];

/** Cluster codes whose industries include the division of a GB/T 4754 code (2-, 3- or 4-digit). */
export function clustersOfIndustry(industryCode: string, clusters: readonly IndustrialCluster[] = DEFAULT_CLUSTERS): string[] {
  const division = industryCode.slice(0, 2);
  return clusters.filter((cluster) => cluster.industries.includes(division)).map((cluster) => cluster.code);
}

/** Cluster codes one of whose major prefixes starts the given major code. */
export function clustersOfMajor(majorCode: string, clusters: readonly IndustrialCluster[] = DEFAULT_CLUSTERS): string[] {
  return clusters.filter((cluster) => cluster.majorPrefixes.some((prefix) => majorCode.startsWith(prefix))).map((cluster) => cluster.code);
}
