import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { collectionOptions } from "./common";
import { Role } from "./enums";

export enum AuditAction {
  RUN_STARTED = "RUN_STARTED",
  RUN_SOLVED = "RUN_SOLVED",
  RUN_FAILED = "RUN_FAILED",
  RUN_COMMITTED = "RUN_COMMITTED",
  RUN_SUPERSEDED = "RUN_SUPERSEDED",
  PLACEMENT_ACCEPTED = "PLACEMENT_ACCEPTED",
  PLACEMENT_DECLINED = "PLACEMENT_DECLINED",
  NOTICE_PUBLISHED = "NOTICE_PUBLISHED",
  NOTICE_UPDATED = "NOTICE_UPDATED",
  NOTICE_WITHDRAWN = "NOTICE_WITHDRAWN",
  NOTICE_EXPIRED = "NOTICE_EXPIRED",
}
registerEnumType(AuditAction, { name: "AuditAction", description: "发起 / 求解完成 / 失败 / 提交 / 被取代 / 接受 / 拒绝；信息发布 / 修改 / 撤回 / 过期" });

/**
 * Who did what and when, for the bureau. Only ids and codes: no names,
 * national IDs, phones or free-text reasons (those stay on their records).
 */
@ObjectType({ description: "操作日志" })
@modelOptions(collectionOptions("audit_log"))
@index({ runId: 1 })
@index({ action: 1 })
@index({ noticeId: 1 })
export class AuditEntry {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field(() => AuditAction)
  @prop({ required: true, enum: AuditAction, type: String })
  action!: AuditAction;

  @Field({ description: "操作账号 id（system 为系统）" })
  @prop({ required: true })
  actorId!: string;

  @Field(() => Role, { nullable: true })
  @prop({ type: () => String, enum: Role, default: null })
  actorRole?: Role | null;

  @Field(() => ID, { nullable: true })
  @prop({ type: () => Types.ObjectId, default: null })
  runId?: Types.ObjectId | null;

  @Field(() => ID, { nullable: true })
  @prop({ type: () => Types.ObjectId, default: null })
  placementId?: Types.ObjectId | null;

  @Field(() => ID, { nullable: true })
  @prop({ type: () => Types.ObjectId, default: null })
  enterpriseId?: Types.ObjectId | null;

  @Field(() => ID, { nullable: true })
  @prop({ type: () => Types.ObjectId, default: null })
  schoolId?: Types.ObjectId | null;

  @Field(() => ID, { nullable: true })
  @prop({ type: () => Types.ObjectId, default: null })
  noticeId?: Types.ObjectId | null;

  @Field(() => Date)
  @prop({ required: true })
  at!: Date;
}

export const AuditEntryModel = getModelForClass(AuditEntry);
