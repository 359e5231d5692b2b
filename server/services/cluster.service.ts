import type { Cluster } from "../store/documents";
import type { ClustersStore } from "../store";
import type { ClusterInput } from "../../schema/inputs/misc.input";
import { DEFAULT_CLUSTERS } from "../../schema/reference/clusters";
import { checkIndustry } from "../../schema/rules";
import { Problems } from "./problems";

/** The city's key industrial clusters: data the bureau edits. */
export class ClusterService {
  constructor(private readonly store: ClustersStore) {}

  list(): Promise<Cluster[]> {
    return this.store.all();
  }

  async codes(): Promise<Set<string>> {
    return new Set((await this.store.all()).map((r) => r.code));
  }

  /** Creates or replaces a cluster by its code. */
  async upsert(input: ClusterInput): Promise<Cluster> {
    const problems = new Problems();
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(input.code)) problems.add("code", "must be upper-case letters, digits and _");
    for (const code of input.industries) if (!checkIndustry(code).ok) problems.add("industries", `unknown industry "${code}"`);
    for (const prefix of input.majorPrefixes) if (!/^\d{2}(\d{2})?$/.test(prefix)) problems.add("majorPrefixes", `"${prefix}" must be a 2- or 4-digit major prefix`);
    problems.throwIfAny();
    return this.store.upsert(input.code, { name: input.name.trim(), industries: input.industries, majorPrefixes: input.majorPrefixes });
  }

  /** Loads the default clusters when there are none yet. */
  async ensureDefaults(): Promise<void> {
    if (!(await this.store.isEmpty())) return;
    await this.store.insertAll(DEFAULT_CLUSTERS.map((c) => ({ code: c.code, name: c.name, industries: [...c.industries], majorPrefixes: [...c.majorPrefixes] })));
  }
}
