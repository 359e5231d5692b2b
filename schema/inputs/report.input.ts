import { registerEnumType } from "type-graphql";

export enum RetentionGroupBy {
  SCHOOL = "SCHOOL",
  MAJOR = "MAJOR",
  MAJOR_CATEGORY = "MAJOR_CATEGORY",
  INDUSTRY = "INDUSTRY",
  DISTRICT = "DISTRICT",
  SCHOOL_LEVEL = "SCHOOL_LEVEL",
}
registerEnumType(RetentionGroupBy, { name: "RetentionGroupBy", description: "按学校 / 专业 / 专业大类 / 行业大类 / 工作地区县 / 办学层次分组" });

export enum SupplyDemandGroupBy {
  MAJOR_CATEGORY = "MAJOR_CATEGORY",
  INDUSTRY = "INDUSTRY",
}
registerEnumType(SupplyDemandGroupBy, { name: "SupplyDemandGroupBy", description: "按专业大类或行业大类" });
