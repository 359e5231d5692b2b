import { validateInstance } from "../../matching";
import { instanceErrorZh } from "../../schema/rules/messages-zh";

/** The allocate command's messages on a bad instance, in Chinese: each validation error is known. */
const bad = {
  version: 2,
  params: { floorPenalty: -1 },
  students: [{ id: "s1", maxPlacements: 1 }, { id: "s1", maxPlacements: -2 }],
  enterprises: [{ id: "e1", minInterns: 3, maxInterns: 1 }],
  postings: [{ id: "p1", enterprise: "e9", capacity: 1 }],
  edges: [{ student: "s1", posting: "p1", score: 1.5 }, { student: "s7", posting: "p1", score: 1 }, { student: "s1", posting: "p1", score: 2 }],
};

test("every validation error of a bad instance has its Chinese, the path kept", () => {
  const errors = validateInstance(bad);
  expect(errors.length).toBeGreaterThan(5);
  for (const e of errors) expect(instanceErrorZh(e)).toMatch(/[\u4e00-\u9fff]/);
  expect(instanceErrorZh('version: expected 1, got 2')).toBe("version：须为 1（现为 2）");
  expect(instanceErrorZh('students[1]: duplicate student id "s1"')).toBe('students[1]：学生 id "s1" 重复');
  expect(instanceErrorZh('edges[1] (student "s7", posting "p1"): unknown student "s7"')).toBe('edges[1] (student "s7", posting "p1")：学生 "s7" 不存在');
  expect(instanceErrorZh("... and 12 more errors")).toBe("……另有 12 处错误");
  expect(instanceErrorZh("something new")).toBe("something new");
});
