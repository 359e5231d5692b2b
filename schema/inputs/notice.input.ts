import { Field, Float, ID, InputType, Int } from "type-graphql";
import { LicensingMode, NoticeKind, NoticeStatus, ResearchMaturity } from "../notice.model";

/*
 * Notice inputs carry no class-validator rules: the notice service checks every field and reports
 * each problem with its path (body.length, attachments.2.url, ...), so a client gets them all at once.
 */

@InputType({ description: "附件链接" })
export class NoticeAttachmentInput {
  @Field({ description: "附件名称" })
  title!: string;

  @Field({ description: "链接（只接受 http 或 https）" })
  url!: string;
}

/** The fields every kind shares, and those of one kind (the service refuses another kind's fields). */
@InputType({ description: "发布信息：各类别共有的字段，以及本类别的字段" })
export class NoticeInput {
  @Field(() => NoticeKind, { description: "类别（产业政策只由市人社局发布）" })
  kind!: NoticeKind;

  @Field({ description: "标题（2–200 字）" })
  title!: string;

  @Field({ description: "正文（纯文本，至多 20000 字）" })
  body!: string;

  @Field({ defaultValue: "", description: "来源（至多 200 字）" })
  source!: string;

  @Field(() => String, { nullable: true, description: "地区代码 (GB/T 2260)；默认发布方所在地，产业政策默认全市 350500" })
  district?: string | null;

  @Field(() => [String], { defaultValue: [], description: "行业代码 (GB/T 4754-2017)，至多 20 个" })
  industries!: string[];

  @Field(() => [String], { defaultValue: [], description: "专业代码或 4 位专业类，至多 30 个" })
  majors!: string[];

  @Field({ description: "有效期起 YYYY-MM-DD" })
  validFrom!: string;

  @Field({ description: "有效期止 YYYY-MM-DD（不早于起始日期）" })
  validUntil!: string;

  @Field(() => [NoticeAttachmentInput], { defaultValue: [], description: "附件链接，至多 10 个" })
  attachments!: NoticeAttachmentInput[];

  @Field(() => ID, { nullable: true, description: "就业需求：学校账号为本校哪位学生发布（学生账号省略）" })
  studentId?: string | null;

  @Field(() => [ID], { nullable: true, description: "用工需求：关联的本企业岗位" })
  postingIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: "用工需求：需求人数" })
  openings?: number | null;

  @Field(() => Float, { nullable: true, description: "科技需求：预算下限（万元）" })
  budgetMin?: number | null;

  @Field(() => Float, { nullable: true, description: "科技需求：预算上限（万元）" })
  budgetMax?: number | null;

  @Field(() => String, { nullable: true, description: "科技需求：截止日期 YYYY-MM-DD" })
  deadline?: string | null;

  @Field(() => [String], { nullable: true, description: "就业需求：意向工作区县" })
  desiredDistricts?: string[] | null;

  @Field(() => Float, { nullable: true, description: "就业需求：期望月薪下限（元）" })
  salaryMin?: number | null;

  @Field(() => Float, { nullable: true, description: "就业需求：期望月薪上限（元）" })
  salaryMax?: number | null;

  @Field(() => ResearchMaturity, { nullable: true, description: "科研成果：成熟度" })
  maturity?: ResearchMaturity | null;

  @Field(() => [LicensingMode], { nullable: true, description: "科研成果：转化方式" })
  licensingModes?: LicensingMode[] | null;

  @Field(() => String, { nullable: true, description: "科研成果：许可条件（至多 2000 字）" })
  licensingTerms?: string | null;
}

@InputType({ description: "修改信息（只改给出的字段；类别与发布方不能改）" })
export class UpdateNoticeInput {
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) body?: string;
  @Field({ nullable: true }) source?: string;
  @Field(() => String, { nullable: true }) district?: string | null;
  @Field(() => [String], { nullable: true }) industries?: string[];
  @Field(() => [String], { nullable: true }) majors?: string[];
  @Field({ nullable: true }) validFrom?: string;
  @Field({ nullable: true }) validUntil?: string;
  @Field(() => [NoticeAttachmentInput], { nullable: true }) attachments?: NoticeAttachmentInput[];
  @Field(() => [ID], { nullable: true }) postingIds?: string[] | null;
  @Field(() => Int, { nullable: true }) openings?: number | null;
  @Field(() => Float, { nullable: true }) budgetMin?: number | null;
  @Field(() => Float, { nullable: true }) budgetMax?: number | null;
  @Field(() => String, { nullable: true }) deadline?: string | null;
  @Field(() => [String], { nullable: true }) desiredDistricts?: string[] | null;
  @Field(() => Float, { nullable: true }) salaryMin?: number | null;
  @Field(() => Float, { nullable: true }) salaryMax?: number | null;
  @Field(() => ResearchMaturity, { nullable: true }) maturity?: ResearchMaturity | null;
  @Field(() => [LicensingMode], { nullable: true }) licensingModes?: LicensingMode[] | null;
  @Field(() => String, { nullable: true }) licensingTerms?: string | null;
}

@InputType({ description: "信息筛选：各条件同时满足" })
export class NoticeFilter {
  @Field(() => NoticeKind, { nullable: true }) kind?: NoticeKind | null;
  @Field(() => NoticeStatus, { nullable: true, description: "状态（默认只列已发布；已撤回、已过期的只有发布方和市人社局可见）" }) status?: NoticeStatus | null;
  @Field(() => String, { nullable: true, description: "行业代码或其上级（门类字母、2–4 位）" }) industry?: string | null;
  @Field(() => String, { nullable: true, description: "6 位专业代码或 4 位专业类" }) major?: string | null;
  @Field(() => String, { nullable: true, description: "地区代码" }) district?: string | null;
  @Field(() => String, { nullable: true, description: "在该日期 YYYY-MM-DD 有效" }) activeOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: "只列本账号（本企业、本校、本人）发布的" }) mine?: boolean | null;
}
