import { generateSyntheticInstance, writeSyntheticInstance } from "../../seeds/synthetic-instance";

describe("the synthetic instance written in chunks", () => {
  test("is byte for byte the JSON of the generated instance, handed over in several chunks", () => {
    for (const options of [{ students: 300, seed: 7 }, { students: 2_000, seed: 2025, postingsPerEnterprise: 8 }]) {
      const chunks: string[] = [];
      const counts = writeSyntheticInstance(options, (chunk) => chunks.push(chunk));
      const { instance } = generateSyntheticInstance(options);
      expect(chunks.join("")).toBe(JSON.stringify(instance));
      expect(counts).toEqual({ students: instance.students.length, postings: instance.postings.length, enterprises: instance.enterprises.length, edges: instance.edges.length });
      expect(chunks.length).toBeGreaterThan(3);
    }
  });
});
