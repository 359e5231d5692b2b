import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Notice } from "../../schema/notice.model";
import { NoticeConnection, NoticeMatches, NoticeRecommendation, NoticeSearchResult } from "../../schema/notice.types";
import { AuditEntryConnection } from "../../schema/connections";
import { PageArgs } from "../../schema/connection";
import { NoticeFilter, NoticeInput, UpdateNoticeInput } from "../../schema/inputs/notice.input";
import { Role } from "../../schema/enums";
import { EVERY_ROLE } from "../auth";
import { viewerOf, type Context } from "../context";
import type { Recommended } from "../services/notice.service";

const asNotice = (r: Recommended<Notice>) => ({ notice: r.item, score: r.score, reason: r.reason });

@Resolver(() => Notice)
export class NoticeResolver {
  @Authorized(EVERY_ROLE)
  @Query(() => NoticeConnection, { description: "信息列表（新发布的在前）；就业需求只向企业、学校和市人社局开放" })
  notices(@Arg("filter", () => NoticeFilter, { nullable: true }) filter: NoticeFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.notices.list(viewerOf(context), filter, page);
  }

  @Authorized(EVERY_ROLE)
  @Query(() => Notice)
  notice(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.notices.get(viewerOf(context), id);
  }

  @Authorized(EVERY_ROLE)
  @Query(() => NoticeSearchResult, { description: "检索信息（中文分词，可夹英文和数字；按相关度排序，含高亮）" })
  searchNotices(
    @Arg("query", { description: "检索词（1–100 字）" }) query: string,
    @Arg("filter", () => NoticeFilter, { nullable: true }) filter: NoticeFilter | undefined,
    @Arg("first", () => Int, { defaultValue: 20, description: "条数 1–100" }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0, description: "跳过的条数" }) offset: number,
    @Ctx() context: Context,
  ) {
    return context.services.notices.search(viewerOf(context), query, filter, Math.max(1, Math.min(100, first)), offset);
  }

  @Authorized(EVERY_ROLE)
  @Query(() => NoticeMatches, { description: "与一条信息相匹配的成果、需求、学校、企业或岗位（含推荐理由）" })
  async noticeMatches(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    const m = await context.services.notices.matchesFor(viewerOf(context), id);
    return {
      notices: m.notices.map(asNotice),
      schools: m.schools.map((r) => ({ school: r.item, score: r.score, reason: r.reason })),
      enterprises: m.enterprises.map((r) => ({ enterprise: r.item, score: r.score, reason: r.reason })),
      postings: m.postings.map((r) => ({ posting: r.item, score: r.score, reason: r.reason })),
    };
  }

  @Authorized(EVERY_ROLE)
  @Query(() => [NoticeRecommendation], { description: "为你推荐（按角色：企业、学校、市人社局、学生），含推荐理由" })
  async recommendedNotices(@Ctx() context: Context) {
    return (await context.services.notices.recommendedFor(viewerOf(context))).map(asNotice);
  }

  @Authorized(EVERY_ROLE)
  @Query(() => AuditEntryConnection, { description: "一条信息的操作记录（发布方和市人社局可见）" })
  noticeHistory(@Arg("id", () => ID) id: string, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.notices.history(viewerOf(context), id, page);
  }

  @Authorized(EVERY_ROLE)
  @Mutation(() => Notice, { description: "发布信息（产业政策：市人社局；用工、科技需求：企业；科研成果：学校；就业需求：学校或学生本人）" })
  publishNotice(@Arg("input") input: NoticeInput, @Ctx() context: Context) {
    return context.services.notices.publish(viewerOf(context), input);
  }

  @Authorized(EVERY_ROLE)
  @Mutation(() => Notice, { description: "修改信息（只有发布方和市人社局）" })
  updateNotice(@Arg("id", () => ID) id: string, @Arg("input") input: UpdateNoticeInput, @Ctx() context: Context) {
    return context.services.notices.update(viewerOf(context), id, input);
  }

  @Authorized(EVERY_ROLE)
  @Mutation(() => Notice, { description: "撤回信息" })
  withdrawNotice(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.notices.withdraw(viewerOf(context), id);
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => Int, { description: "把有效期已过的信息置为已过期，返回条数" })
  expireNotices(@Ctx() context: Context) {
    return context.services.notices.expireEnded(viewerOf(context));
  }
}
