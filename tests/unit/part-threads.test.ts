import { allocate } from "../../matching";
import { generateSyntheticInstance } from "../../seeds/synthetic-instance";
import { PartThreads } from "../../server/solver/part-threads";
import { withoutStats } from "../matching/factories";


describe("PartThreads (components solved side by side on worker threads)", () => {
  const threads = new PartThreads(2);
  afterAll(() => threads.close());

  test("gives the one-thread Result, also on a second call to the same (warm) thread", () => {
    // 1,000 synthetic students fall into 9 components (one per major category), 12k edges.
    const { instance } = generateSyntheticInstance({ students: 1000, seed: 7 });
    const alone = allocate(instance);
    expect(alone.status).toBe("OPTIMAL");
    const runner = { threads: threads.threads, minEdges: 0, start: threads.start.bind(threads) };
    for (let call = 0; call < 2; call++) {
      const shared = allocate(instance, { parts: runner });
      expect(shared.status === "OPTIMAL" && shared.stats.threads).toBe(2);
      expect(withoutStats(shared)).toEqual(withoutStats(alone));
    }
  });

  test("refuses more parts than it has helper threads", () => {
    expect(threads.start([]).wait()).toEqual([]);
    expect(() => new PartThreads(1).start([{} as never])).toThrow(RangeError);
  });
});
