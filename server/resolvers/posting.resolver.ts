import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Posting } from "../../schema/posting.model";
import { Enterprise } from "../../schema/enterprise.model";
import { PostingConnection } from "../../schema/connections";
import { PageArgs } from "../../schema/connection";
import { PostingFilter, PostingInput, UpdatePostingInput } from "../../schema/inputs/posting.input";
import { Role } from "../../schema/enums";
import { ANY_ROLE } from "../auth";
import { ImportResult } from "../../schema/payloads";
import { viewerOf, type Context } from "../context";

@Resolver(() => Posting)
export class PostingResolver {
  @Authorized(ANY_ROLE)
  @Query(() => PostingConnection, { description: "岗位（企业只见本企业岗位，学校只见开放岗位）" })
  postings(@Arg("filter", () => PostingFilter, { nullable: true }) filter: PostingFilter | undefined, @Args() page: PageArgs, @Ctx() context: Context) {
    return context.services.postings.list(viewerOf(context), filter, page);
  }

  @Authorized(ANY_ROLE)
  @Query(() => Posting)
  posting(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.postings.get(viewerOf(context), id);
  }

  @Authorized(Role.BUREAU, Role.ENTERPRISE)
  @Mutation(() => Posting, { description: "发布岗位" })
  createPosting(@Arg("input") input: PostingInput, @Ctx() context: Context) {
    return context.services.postings.create(viewerOf(context), input);
  }

  @Authorized(Role.BUREAU, Role.ENTERPRISE)
  @Mutation(() => ImportResult, { description: "批量发布岗位（每次至多 5000 行，全部成功或全部不写入）" })
  importPostings(@Arg("rows", () => [PostingInput], { validate: false }) rows: PostingInput[], @Ctx() context: Context) {
    return context.services.postings.importMany(viewerOf(context), rows);
  }

  @Authorized(Role.BUREAU, Role.ENTERPRISE)
  @Mutation(() => Posting, { description: "修改岗位" })
  updatePosting(@Arg("id", () => ID) id: string, @Arg("input") input: UpdatePostingInput, @Ctx() context: Context) {
    return context.services.postings.update(viewerOf(context), id, input);
  }

  @Authorized(Role.BUREAU, Role.ENTERPRISE)
  @Mutation(() => Posting, { description: "关闭岗位" })
  closePosting(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.postings.close(viewerOf(context), id);
  }

  @FieldResolver(() => Enterprise, { nullable: true })
  enterprise(@Root() posting: Posting, @Ctx() { services }: Context) {
    return services.enterprises.byId(posting.enterprise);
  }
}
