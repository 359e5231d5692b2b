import { Field, Float, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection";
import { Notice } from "./notice.model";
import { Enterprise } from "./enterprise.model";
import { Posting } from "./posting.model";
import { School } from "./school.model";

export const NoticeConnection = Connection(Notice, "Notice");

@ObjectType({ description: "高亮片段：match 为命中检索词的部分（纯文本，不是 HTML）" })
export class TextFragment {
  @Field() text!: string;
  @Field() match!: boolean;
}

@ObjectType({ description: "一条检索结果" })
export class NoticeHit {
  @Field(() => Notice) notice!: Notice;
  @Field(() => Float, { description: "相关度" }) score!: number;
  @Field(() => [TextFragment], { description: "标题高亮" }) title!: TextFragment[];
  @Field(() => [TextFragment], { description: "正文摘要高亮（正文未命中时为空）" }) snippet!: TextFragment[];
}

@ObjectType({ description: "检索结果（按相关度排序）" })
export class NoticeSearchResult {
  @Field(() => Int, { description: "命中条数（最新的至多 300 条命中参与排序）" }) totalCount!: number;
  @Field(() => [String], { description: "检索词（分词结果）" }) terms!: string[];
  @Field(() => [NoticeHit]) hits!: NoticeHit[];
}

@ObjectType({ description: "推荐的信息及理由" })
export class NoticeRecommendation {
  @Field(() => Notice) notice!: Notice;
  @Field(() => Float) score!: number;
  @Field({ description: "推荐理由" }) reason!: string;
}

@ObjectType({ description: "推荐的学校及理由" })
export class SchoolRecommendation {
  @Field(() => School) school!: School;
  @Field(() => Float) score!: number;
  @Field({ description: "推荐理由" }) reason!: string;
}

@ObjectType({ description: "推荐的企业及理由" })
export class EnterpriseRecommendation {
  @Field(() => Enterprise) enterprise!: Enterprise;
  @Field(() => Float) score!: number;
  @Field({ description: "推荐理由" }) reason!: string;
}

@ObjectType({ description: "推荐的岗位及理由" })
export class PostingRecommendation {
  @Field(() => Posting) posting!: Posting;
  @Field(() => Float) score!: number;
  @Field({ description: "推荐理由" }) reason!: string;
}

@ObjectType({ description: "一条信息的匹配结果：科技需求的成果与学校、科研成果的企业、就业需求的岗位" })
export class NoticeMatches {
  @Field(() => [NoticeRecommendation], { description: "相匹配的信息（科技需求→科研成果，科研成果→科技需求）" }) notices!: NoticeRecommendation[];
  @Field(() => [SchoolRecommendation], { description: "科技需求：最可能承接的学校" }) schools!: SchoolRecommendation[];
  @Field(() => [EnterpriseRecommendation], { description: "科研成果：需求相符的企业" }) enterprises!: EnterpriseRecommendation[];
  @Field(() => [PostingRecommendation], { description: "就业需求：相符的开放岗位" }) postings!: PostingRecommendation[];
}
