import { registerEnumType } from "type-graphql";

export enum Role {
  BUREAU = "BUREAU",
  SCHOOL = "SCHOOL",
  ENTERPRISE = "ENTERPRISE",
  /** A student's own account, linked to one registered student. */
  STUDENT = "STUDENT",
}
registerEnumType(Role, { name: "Role", description: "市人社局 BUREAU, 学校 SCHOOL, 企业 ENTERPRISE, 学生 STUDENT" });

export enum SchoolLevel {
  SECONDARY_VOCATIONAL = "SECONDARY_VOCATIONAL",
  HIGHER_VOCATIONAL = "HIGHER_VOCATIONAL",
  VOCATIONAL_UNDERGRADUATE = "VOCATIONAL_UNDERGRADUATE",
  UNDERGRADUATE = "UNDERGRADUATE",
}
registerEnumType(SchoolLevel, { name: "SchoolLevel", description: "中职, 高职专科, 职业本科, 普通本科" });

export enum PostingKind {
  INTERNSHIP = "INTERNSHIP",
  JOB = "JOB",
}
registerEnumType(PostingKind, { name: "PostingKind", description: "实习岗位 INTERNSHIP or 就业岗位 JOB" });

export enum PostingStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}
registerEnumType(PostingStatus, { name: "PostingStatus" });

export enum ApplicationStatus {
  ACTIVE = "ACTIVE",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(ApplicationStatus, { name: "ApplicationStatus", description: "ACTIVE preference or WITHDRAWN" });

export enum Gender {
  MALE = "MALE",
  FEMALE = "FEMALE",
}
registerEnumType(Gender, { name: "Gender" });

export enum SizeClass {
  LARGE = "LARGE",
  MEDIUM = "MEDIUM",
  SMALL = "SMALL",
  MICRO = "MICRO",
}
registerEnumType(SizeClass, { name: "SizeClass", description: "MIIT 2011 No. 300 size class (大型/中型/小型/微型)" });
