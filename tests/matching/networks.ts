/** Component networks of test instances, and what tests check on their circulations. */
import type { Instance } from "../../matching";
import { buildComponentNetwork, componentEdges, components, degrees, integerCostModel, Workspace, type CirculationNetwork } from "../../matching/network";
import { parseInstance, type ParsedInstance } from "../../matching/validate";

/** The instance validated and indexed (throws on an invalid one: tests build valid ones). */
export function parsed(instance: Instance): ParsedInstance {
  const outcome = parseInstance(instance);
  if (!outcome.ok) throw new Error(outcome.errors.join());
  return outcome.instance;
}

/** Each component's network, built afresh (own arrays) so it can be solved twice. */
export function networks(instance: Instance): CirculationNetwork[] {
  const data = parsed(instance);
  const deg = degrees(data);
  const costs = integerCostModel(data);
  if (!costs) throw new Error("no integer cost model");
  const scratch = { studentLocal: new Int32Array(data.studentIds.length), postingLocal: new Int32Array(data.postingIds.length), enterpriseLocal: new Int32Array(data.enterpriseIds.length) };
  return components(data, deg).map((layout) => {
    componentEdges(data, layout, new Workspace());
    return buildComponentNetwork(data, layout, deg, costs, scratch);
  });
}

export function copy(net: CirculationNetwork): CirculationNetwork {
  return { nodes: net.nodes, first: net.first.slice(), head: net.head.slice(), rcap: net.rcap.slice(), cost: net.cost.slice(), rev: net.rev.slice(), forwardSlot: net.forwardSlot.slice() };
}

/** Cost of the circulation held in the residual capacities (flow on a forward arc = its reverse's rcap). */
export function circulationCost(net: CirculationNetwork): number {
  let total = 0;
  for (const x of net.forwardSlot) total += net.cost[x] * net.rcap[net.rev[x]];
  return total;
}

/** Residual arcs with negative reduced cost under the potentials (none for a certified optimum). */
export function violations(net: CirculationNetwork, pi: Float64Array): number {
  let count = 0;
  for (let v = 0; v < net.nodes; v++) {
    for (let a = net.first[v]; a < net.first[v + 1]; a++) if (net.rcap[a] > 0 && net.cost[a] + pi[v] - pi[net.head[a]] < 0) count++;
  }
  return count;
}
