import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { LoginPayload } from "../../schema/payloads";
import { User } from "../../schema/user.model";
import { UserInput } from "../../schema/inputs/misc.input";
import { Role } from "../../schema/enums";
import { ANY_ROLE, PUBLIC } from "../auth";
import { viewerOf, type Context } from "../context";

@Resolver()
export class AuthResolver {
  @Authorized(PUBLIC)
  @Mutation(() => LoginPayload, { description: "登录，返回令牌" })
  login(@Arg("email") email: string, @Arg("password") password: string, @Ctx() { services }: Context) {
    return services.users.login(email, password);
  }

  @Authorized(ANY_ROLE)
  @Query(() => User, { description: "当前账号" })
  me(@Ctx() context: Context) {
    return context.services.users.me(viewerOf(context));
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => User, { description: "新建账号（市人社局）" })
  createUser(@Arg("input") input: UserInput, @Ctx() { services }: Context) {
    return services.users.create(input);
  }
}
