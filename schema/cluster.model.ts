import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { Field, ID, ObjectType } from "type-graphql";
import { collectionOptions } from "./common";

@ObjectType({ description: "重点产业集群（市人社局可编辑）" })
@modelOptions(collectionOptions("clusters"))
@index({ code: 1 }, { unique: true })
export class Cluster {
  @Field(() => ID, { name: "id" })
  readonly _id!: Types.ObjectId;

  @Field({ description: "集群代码" })
  @prop({ required: true })
  code!: string;

  @Field({ description: "集群名称" })
  @prop({ required: true })
  name!: string;

  @Field(() => [String], { description: "对应的国民经济行业门类/大类代码" })
  @prop({ type: () => [String], default: [] })
  industries!: string[];

  @Field(() => [String], { description: "对应的专业大类/专业类代码前缀" })
  @prop({ type: () => [String], default: [] })
  majorPrefixes!: string[];
}

export const ClusterModel = getModelForClass(Cluster);
