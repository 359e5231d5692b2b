import { demoNoticeInputs } from "../../seeds/notices";
import { checkDistrict, checkIndustry, checkMajorPattern } from "../../schema/rules";

const refs = {
  enterprises: [{ id: "e1", industry: "1951", district: "350582" }],
  schools: [{ id: "s1", district: "350503", majors: ["510201", "460301"] }],
  students: Array.from({ length: 50 }, (_, i) => ({ id: `st${i}`, schoolId: "s1", major: "510201" })),
};

test("the demo notices have every kind, valid codes and dates, and are the same for the same seed", () => {
  const notices = demoNoticeInputs(refs, 40);
  const kinds = new Map<string, number>();
  for (const { input } of notices) {
    kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
    for (const code of input.industries) expect(checkIndustry(code).ok).toBe(true);
    for (const code of input.majors) expect(checkMajorPattern(code).ok).toBe(true);
    expect(checkDistrict(input.district!).ok).toBe(true);
    expect(input.validUntil >= input.validFrom).toBe(true);
    expect(input.body.length).toBeLessThanOrEqual(20000);
  }
  expect(Object.fromEntries(kinds)).toEqual({ POLICY: 40, STAFFING_NEED: 40, TECH_NEED: 40, JOB_SEEKING: 40, RESEARCH_RESULT: 40 });
  expect(demoNoticeInputs(refs, 5)).toEqual(demoNoticeInputs(refs, 5));
});
