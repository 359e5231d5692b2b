import * as fc from "fast-check";
import { allocate, type OptimalResult, type Result } from "../../matching";
import { WorkerNetworkThread } from "../../server/cli/network-thread";
import { generateSyntheticInstance } from "../../seeds/synthetic-instance";
import { randomInstance } from "./factories";

function optimal(result: Result): OptimalResult {
  if (result.status !== "OPTIMAL") throw new Error(JSON.stringify(result));
  return result;
}

describe("allocate() with a second thread for the component networks", () => {
  const thread = new WorkerNetworkThread();
  afterAll(() => thread.close());

  test("gives the same certified optimum as one thread, cold and warm-started", () => {
    fc.assert(
      fc.property(randomInstance(), (instance) => {
        const alone = optimal(allocate(instance, { duals: true }));
        const shared = optimal(allocate(instance, { networkThread: thread, networkThreadMinEdges: 1, duals: true }));
        expect(shared.objective).toBe(alone.objective);
        expect(shared.stats.certified).toBe(true);
        expect(shared.postingSlotValues).toEqual(alone.postingSlotValues);
        const warm = optimal(allocate(instance, { networkThread: thread, networkThreadMinEdges: 1, warmStart: alone }));
        expect(warm.objective).toBe(alone.objective);
        expect(thread.idle()).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  test("solves the same work in the same way on a synthetic city (its counters add up to one thread's)", () => {
    const { instance } = generateSyntheticInstance({ students: 3_000, seed: 11 });
    const alone = optimal(allocate(instance));
    const shared = optimal(allocate(instance, { networkThread: thread, networkThreadMinEdges: 1 }));
    expect(shared.objective).toBe(alone.objective);
    expect(shared.stats.components).toBeGreaterThan(1);
    expect(shared.stats.relabels).toBe(alone.stats.relabels);
    expect(shared.stats.arcScans).toBe(alone.stats.arcScans);
  });

  test("a thread that never answers fails the solve with a message instead of hanging it", async () => {
    const silent = new WorkerNetworkThread(200);
    const { instance } = generateSyntheticInstance({ students: 500, seed: 5 });
    await silent.close(); // a stopped worker never answers
    const result = allocate(instance, { networkThread: silent, networkThreadMinEdges: 1 });
    expect(result.status).toBe("ERROR");
    if (result.status === "ERROR") expect(result.message).toMatch(/no answer within 200 ms/);
  });
});
