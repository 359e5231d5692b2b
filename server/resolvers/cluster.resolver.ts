import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Cluster } from "../../schema/cluster.model";
import { ClusterInput } from "../../schema/inputs/misc.input";
import { Role } from "../../schema/enums";
import { ANY_ROLE } from "../auth";
import type { Context } from "../context";

@Resolver(() => Cluster)
export class ClusterResolver {
  @Authorized(ANY_ROLE)
  @Query(() => [Cluster], { description: "重点产业集群" })
  clusters(@Ctx() { services }: Context) {
    return services.clusters.list();
  }

  @Authorized(Role.BUREAU)
  @Mutation(() => Cluster, { description: "新建或修改产业集群（市人社局）" })
  upsertCluster(@Arg("input") input: ClusterInput, @Ctx() { services }: Context) {
    return services.clusters.upsert(input);
  }
}
