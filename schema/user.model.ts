import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";
import { Role } from "./enums";

@ObjectType({ description: "用户账号" })
@modelOptions(collectionOptions("users"))
@index({ email: 1 }, { unique: true })
export class User {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field()
  @prop({ required: true, lowercase: true, trim: true })
  email!: string;

  /** scrypt hash; never exposed. */
  @prop({ required: true })
  passwordHash!: string;

  @Field(() => Role)
  @prop({ required: true, enum: Role, type: String })
  role!: Role;

  @Field(() => ID, { nullable: true, description: "SCHOOL 账号所属学校" })
  @prop({ type: () => Types.ObjectId, default: null })
  school?: Types.ObjectId | null;

  @Field(() => ID, { nullable: true, description: "ENTERPRISE 账号所属企业" })
  @prop({ type: () => Types.ObjectId, default: null })
  enterprise?: Types.ObjectId | null;

  /** The STUDENT account's own student (read through `me { student }`). */
  @prop({ type: () => Types.ObjectId, default: null })
  student?: Types.ObjectId | null;
}

export const UserModel = getModelForClass(User);
