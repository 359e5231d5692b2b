import { Field, ID, Int, ObjectType } from "type-graphql";
import { User } from "./user.model";

@ObjectType({ description: "登录结果" })
export class LoginPayload {
  @Field({ description: "Bearer token for the Authorization header" })
  token!: string;

  @Field(() => User)
  user!: User;
}

@ObjectType({ description: "批量导入结果" })
export class ImportStudentsResult {
  @Field(() => Int, { description: "导入人数" })
  imported!: number;

  @Field({ description: "本次导入批次号" })
  batchId!: string;

  @Field(() => [ID], { description: "新建学生的 id，与导入行顺序一致" })
  ids!: string[];
}

@ObjectType({ description: "批量导入结果" })
export class ImportResult {
  @Field(() => Int, { description: "导入条数" })
  imported!: number;

  @Field(() => [ID], { description: "新建记录的 id，与导入行顺序一致" })
  ids!: string[];
}
