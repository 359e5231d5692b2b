import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { LoginPayload } from "../../schema/payloads";
import { User } from "../../schema/user.model";
import { Student } from "../../schema/student.model";
import { UserInput } from "../../schema/inputs/misc.input";
import { Role } from "../../schema/enums";
import { EVERY_ROLE, PUBLIC } from "../auth";
import { viewerOf, type Context } from "../context";

@Resolver(() => User)
export class AuthResolver {
  @Authorized(PUBLIC)
  @Mutation(() => LoginPayload, { description: "登录，返回令牌" })
  login(@Arg("email") email: string, @Arg("password") password: string, @Ctx() { services }: Context) {
    return services.users.login(email, password);
  }

  @Authorized(EVERY_ROLE)
  @Query(() => User, { description: "当前账号" })
  me(@Ctx() context: Context) {
    return context.services.users.me(viewerOf(context));
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => User, { description: "新建账号（市人社局）" })
  createUser(@Arg("input") input: UserInput, @Ctx() { services }: Context) {
    return services.users.create(input);
  }

  @FieldResolver(() => Student, { nullable: true, description: "STUDENT 账号本人的学生信息" })
  student(@Root() user: User, @Ctx() { services }: Context) {
    return user.student ? services.students.byId(user.student) : null;
  }
}
