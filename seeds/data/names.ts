/**
 * Name lists for generated people and employers. Surnames are weighted towards those common in
 * southern Fujian (闽南); given-name characters are ordinary ones. Generated names are fictitious.
 */

/** Surnames with relative weights. */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ["陈", 14], ["林", 12], ["黄", 9], ["王", 6], ["吴", 6], ["张", 5], ["李", 5], ["蔡", 5], ["许", 4], ["郑", 4],
  ["洪", 3], ["苏", 3], ["庄", 3], ["施", 3], ["杨", 3], ["刘", 3], ["谢", 2], ["曾", 2], ["周", 2], ["郭", 2],
  ["柯", 2], ["颜", 2], ["龚", 1], ["傅", 1], ["卢", 1], ["何", 1], ["高", 1], ["肖", 1], ["叶", 1], ["骆", 1],
  ["丁", 1], ["潘", 1], ["姚", 1], ["徐", 1], ["余", 1], ["戴", 1], ["尤", 1], ["邱", 1], ["粘", 1], ["留", 1],
];

/** Given-name characters more often used for boys. */
export const GIVEN_MALE: readonly string[] = [
  "伟", "强", "磊", "军", "杰", "涛", "斌", "鹏", "辉", "俊", "晨", "浩", "宇", "轩", "泽", "毅", "峰", "铭", "凯", "博",
  "志", "明", "建", "国", "文", "荣", "鸿", "锦", "振", "炜", "煌", "聪", "智", "航", "睿", "阳", "森", "彬", "坤", "源",
];

/** Given-name characters more often used for girls. */
export const GIVEN_FEMALE: readonly string[] = [
  "芳", "婷", "雅", "琳", "欣", "怡", "静", "丽", "敏", "颖", "莹", "佳", "雪", "梅", "燕", "萍", "晶", "慧", "洁", "璐",
  "思", "诗", "梦", "语", "涵", "可", "妍", "蓉", "霞", "玲", "娟", "倩", "月", "彤", "菲", "茹", "薇", "婧", "宁", "青",
];

/** Characters usable for either. */
export const GIVEN_COMMON: readonly string[] = ["子", "嘉", "一", "家", "文", "雨", "小", "晓", "艺", "锦", "清", "安", "心", "乐", "恩", "舒"];

/** Home districts outside Quanzhou (GB/T 2260 county codes) with weights, for students from elsewhere. */
export const OUTSIDE_HOME_DISTRICTS: ReadonlyArray<readonly [string, number]> = [
  ["350102", 2], // 福州市鼓楼区
  ["350203", 2], // 厦门市思明区
  ["350302", 3], // 莆田市城厢区
  ["350602", 3], // 漳州市芗城区
  ["350802", 2], // 龙岩市新罗区
  ["350902", 1], // 宁德市蕉城区
  ["360781", 2], // 江西省瑞金市
  ["511623", 2], // 四川省邻水县
  ["520102", 1], // 贵州省贵阳市南明区
  ["430102", 1], // 湖南省长沙市芙蓉区
  ["410102", 1], // 河南省郑州市中原区
  ["420102", 1], // 湖北省武汉市江岸区
  ["500101", 1], // 重庆市万州区
  ["530102", 1], // 云南省昆明市五华区
  ["450102", 1], // 广西南宁市兴宁区
  ["340102", 1], // 安徽省合肥市瑶海区
];

/** Work districts outside Quanzhou for graduates who leave, with weights. */
export const OUTSIDE_WORK_DISTRICTS: ReadonlyArray<readonly [string, number]> = [
  ["350206", 6], // 厦门市湖里区
  ["350203", 4], // 厦门市思明区
  ["350211", 2], // 厦门市集美区
  ["350102", 3], // 福州市鼓楼区
  ["350105", 2], // 福州市马尾区
  ["350302", 1], // 莆田市城厢区
  ["350602", 1], // 漳州市芗城区
  ["440305", 3], // 深圳市南山区
  ["440106", 2], // 广州市天河区
  ["310115", 3], // 上海市浦东新区
  ["330106", 2], // 杭州市西湖区
  ["320505", 1], // 苏州市虎丘区
  ["110108", 1], // 北京市海淀区
];

/** Place-name prefixes for generated employer names, by province prefix of the work district. */
export const EMPLOYER_PLACE: Readonly<Record<string, string>> = {
  "35": "福建", "44": "广东", "31": "上海", "33": "浙江", "32": "江苏", "11": "北京",
};

/** Brand-like words for generated employer names. */
export const EMPLOYER_WORDS: readonly string[] = [
  "鑫源", "恒达", "华兴", "盛泰", "宏发", "嘉禾", "闽丰", "海联", "晟泰", "永盛", "信达", "东升", "泉润", "通达",
  "锦程", "丰华", "聚鑫", "启明", "瑞丰", "建泰", "天成", "中科", "海峡", "万达", "金帆", "新航", "星河", "宏图",
];
