import { allocate } from "../../matching";
import { generateSyntheticInstance } from "../../seeds/synthetic-instance";

// Seeded synthetic instances big enough for several refine phases, global price updates and the
// fused relabel to matter (the property tests' instances have at most 60 students).
describe("flow solver on seeded synthetic instances", () => {
  test.each([1, 2, 3])("seed %i: certified optimum equal to the reference LP's, with work counters", (seed) => {
    const { instance } = generateSyntheticInstance({ students: 300, seed });
    const flow = allocate(instance, { solver: "flow", slotValues: false });
    const lp = allocate(instance, { solver: "lp", slotValues: false, lpMemoryBudgetBytes: 2 ** 30 });
    expect(flow.status).toBe("OPTIMAL");
    expect(lp.status).toBe("OPTIMAL");
    if (flow.status !== "OPTIMAL" || lp.status !== "OPTIMAL") return;
    expect(flow.stats.certified).toBe(true);
    expect(flow.objective).toBe(lp.objective);
    const { relabels, pushes, arcScans, updateScans } = flow.stats as Record<string, number>;
    expect(pushes).toBeGreaterThan(0);
    expect(relabels).toBeGreaterThan(0);
    expect(arcScans).toBeGreaterThan(updateScans);
    expect(updateScans).toBeGreaterThanOrEqual(0);
  });
});
