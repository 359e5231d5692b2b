/**
 * Per-cluster material for generated data: representative GB/T 4754-2017 classes (for employers
 * outside the enterprise table), an employer-name word, student skills and certificates (Chinese).
 * The key "" holds the material for majors that map to no cluster (education, languages, ...).
 */

/** Generation material for one cluster. */
export interface ClusterProfile {
  industryClasses: string[];
  employerWord: string;
  skills: string[];
  certificates: string[];
}

/** Profiles keyed by cluster code ("" = no cluster). */
export const CLUSTER_PROFILES: Readonly<Record<string, ClusterProfile>> = {
  TEXTILE_SHOES: {
    industryClasses: ["1811", "1819", "1951", "1954", "1761", "1830"],
    employerWord: "鞋服",
    skills: ["服装CAD制版", "鞋样设计", "面料检测", "服装工艺单编制", "立体裁剪", "电脑横机编程", "3D鞋服建模"],
    certificates: ["服装制版师（四级）", "纺织面料设计师（四级）", "1+X服装陈列设计职业技能等级证书（初级）"],
  },
  PETROCHEMICAL: {
    industryClasses: ["2511", "2614", "2651", "2929"],
    employerWord: "化工",
    skills: ["化工总控操作", "化学分析检验", "DCS操作", "安全生产管理", "仪器分析"],
    certificates: ["化工总控工（四级）", "化学检验员（四级）", "危险化学品安全作业证"],
  },
  BUILDING_HOME: {
    industryClasses: ["3071", "3032", "2110", "4710", "5012"],
    employerWord: "建材",
    skills: ["AutoCAD", "BIM建模", "工程测量", "施工组织设计", "工程造价"],
    certificates: ["施工员证", "1+X建筑信息模型（BIM）职业技能等级证书（初级）", "测量放线工（四级）"],
  },
  FOOD_BEVERAGE: {
    industryClasses: ["1411", "1419", "1530", "1525", "1431"],
    employerWord: "食品",
    skills: ["食品检验", "HACCP体系", "焙烤工艺", "微生物检测", "茶叶审评"],
    certificates: ["食品检验管理职业技能等级证书（初级）", "农产品食品检验员（四级）", "评茶员（四级）"],
  },
  MACHINERY: {
    industryClasses: ["3421", "3514", "3551", "3484", "3491"],
    employerWord: "机械",
    skills: ["数控编程", "SolidWorks", "PLC编程", "工业机器人操作", "机械制图", "钳工"],
    certificates: ["数控车工（四级）", "电工（四级）", "1+X工业机器人操作与运维职业技能等级证书（初级）", "低压电工作业证"],
  },
  ELECTRONICS: {
    industryClasses: ["3922", "3982", "3976", "3963"],
    employerWord: "电子",
    skills: ["电路设计", "单片机开发", "SMT工艺", "PCB设计", "嵌入式C语言"],
    certificates: ["电子设备装接工（四级）", "1+X传感网应用开发职业技能等级证书（初级）"],
  },
  PAPER_PRINTING: {
    industryClasses: ["2221", "2319", "2231"],
    employerWord: "纸业",
    skills: ["印前处理", "包装结构设计", "色彩管理", "印刷设备操作"],
    certificates: ["印前处理和制作员（四级）", "平版印刷员（四级）"],
  },
  CRAFTS: {
    industryClasses: ["3074", "3075", "2431", "2439"],
    employerWord: "工艺",
    skills: ["陶瓷造型", "Photoshop", "Illustrator", "手绘效果图", "产品摄影"],
    certificates: ["陶瓷装饰工（四级）", "1+X界面设计职业技能等级证书（初级）"],
  },
  HEALTH: {
    industryClasses: ["2740", "2770", "8411", "8415"],
    employerWord: "医药",
    skills: ["基础护理", "急救技术", "药品调剂", "健康评估"],
    certificates: ["护士执业资格证", "1+X老年照护职业技能等级证书（初级）", "药物制剂工（四级）"],
  },
  DIGITAL_ECONOMY: {
    industryClasses: ["6513", "6531", "6450", "6519"],
    employerWord: "信息技术",
    skills: ["Java", "Python", "MySQL", "Vue.js", "Linux运维", "数据分析", "网络配置"],
    certificates: ["全国计算机等级考试二级", "1+X Web前端开发职业技能等级证书（初级）", "软件设计师（中级）", "华为HCIA认证"],
  },
  LOGISTICS: {
    industryClasses: ["5920", "5821", "6020", "5437"],
    employerWord: "物流",
    skills: ["仓储管理", "WMS系统操作", "供应链数据分析", "叉车操作", "报关实务"],
    certificates: ["1+X物流管理职业技能等级证书（初级）", "叉车司机证", "报关员水平测试合格证"],
  },
  TRADE_FINANCE: {
    industryClasses: ["5292", "5132", "5181", "6621", "7241"],
    employerWord: "商贸",
    skills: ["直播运营", "店铺运营", "跨境电商平台操作", "财务软件", "Excel数据处理", "外贸函电"],
    certificates: ["初级会计专业技术资格", "1+X网店运营推广职业技能等级证书（初级）", "1+X跨境电商B2B数据运营职业技能等级证书（初级）", "证券从业资格"],
  },
  CULTURE_TOURISM: {
    industryClasses: ["6110", "6210", "7291", "8930"],
    employerWord: "文旅",
    skills: ["前厅接待", "闽南菜烹饪", "中式面点", "导游讲解", "活动策划", "体育教学"],
    certificates: ["导游资格证", "中式烹调师（四级）", "中式面点师（四级）", "社会体育指导员（三级）"],
  },
  "": {
    industryClasses: ["8310", "8321", "8336", "8393"],
    employerWord: "教育",
    skills: ["课堂教学", "幼儿活动设计", "英语翻译", "公文写作"],
    certificates: ["教师资格证", "保育师（四级）", "普通话二级甲等", "大学英语四级"],
  },
};

/** Skills every student may have. */
export const GENERIC_SKILLS: readonly string[] = ["办公软件", "沟通表达", "团队协作", "英语口语", "短视频剪辑"];
