import { solveInWorker } from "../../server/solver/worker-pool";
import { generateSyntheticInstance } from "../../seeds/synthetic-instance";
import { anInstance } from "./factories";

const oneSeat = anInstance({
  students: [{ id: "s" }],
  enterprises: [{ id: "e", minInterns: 0, maxInterns: 1 }],
  postings: [{ id: "p", enterprise: "e", capacity: 1 }],
  edges: [{ student: "s", posting: "p", score: 5 }],
});

describe("solveInWorker", () => {
  test("returns the worker's optimal result", async () => {
    const result = await solveInWorker(oneSeat, { solver: "lp" }, { timeoutMs: 30_000 });
    expect(result).toMatchObject({ status: "OPTIMAL", objective: 5 });
  });

  test("returns invalid input as data", async () => {
    const result = await solveInWorker({ version: 9 }, {}, { timeoutMs: 30_000 });
    expect(result.status).toBe("INVALID_INPUT");
  });

  test("terminates a solve that exceeds its time limit with TIME_LIMIT", async () => {
    const { instance } = generateSyntheticInstance({ students: 600, seed: 3 });
    const result = await solveInWorker(instance, { solver: "lp" }, { timeoutMs: 300 });
    expect(result.status).toBe("TIME_LIMIT");
  });
});
