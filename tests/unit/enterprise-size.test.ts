import { checkInternPay, internQuota, isAboveScale, minimumInternPay, sizeClass } from "../../schema/rules";

describe("above-scale industrial enterprises", () => {
  test("an industrial enterprise with exactly 20,000,000 yuan revenue is above scale", () => {
    expect(isAboveScale({ industry: "1954", annualRevenue: 20_000_000 })).toBe(true);
  });

  test("one yuan less is not", () => {
    expect(isAboveScale({ industry: "1954", annualRevenue: 19_999_999 })).toBe(false);
  });

  test("a large non-industrial enterprise is not an above-scale industrial enterprise", () => {
    expect(isAboveScale({ industry: "6513", annualRevenue: 1_500_000_000 })).toBe(false);
  });

  test("the intern floor is 2% and the target 3% of staff for above-scale enterprises only", () => {
    expect(internQuota({ industry: "1419", annualRevenue: 5e9, headcount: 1000 })).toEqual({ floor: 20, target: 30, cap: 100 });
    expect(internQuota({ industry: "6513", annualRevenue: 5e9, headcount: 1000 })).toEqual({ floor: 0, target: 0, cap: 100 });
  });
});

describe("size classes (MIIT 2011 No. 300, industry)", () => {
  test("large needs both 1,000 staff and 400M yuan", () => {
    expect(sizeClass({ headcount: 1000, annualRevenue: 400_000_000 })).toBe("LARGE");
    expect(sizeClass({ headcount: 999, annualRevenue: 5_000_000_000 })).toBe("MEDIUM");
    expect(sizeClass({ headcount: 20_000, annualRevenue: 399_999_999 })).toBe("MEDIUM");
  });

  test("medium needs 300 staff and 20M yuan", () => {
    expect(sizeClass({ headcount: 300, annualRevenue: 20_000_000 })).toBe("MEDIUM");
    expect(sizeClass({ headcount: 299, annualRevenue: 20_000_000 })).toBe("SMALL");
    expect(sizeClass({ headcount: 300, annualRevenue: 19_999_999 })).toBe("SMALL");
  });

  test("small needs 20 staff and 3M yuan, else micro", () => {
    expect(sizeClass({ headcount: 20, annualRevenue: 3_000_000 })).toBe("SMALL");
    expect(sizeClass({ headcount: 19, annualRevenue: 3_000_000 })).toBe("MICRO");
    expect(sizeClass({ headcount: 500, annualRevenue: 2_999_999 })).toBe("MICRO");
  });
});

describe("intern pay (2021 rules art. 18)", () => {
  test("pay of exactly 80% of the regular wage is accepted", () => {
    expect(checkInternPay(4000, 5000)).toEqual({ ok: true, value: { monthlyPay: 4000, minimumPay: 4000 } });
  });

  test("pay one yuan below 80% is rejected naming the minimum", () => {
    expect(checkInternPay(3999, 5000)).toEqual({ ok: false, message: "intern pay below 80% of the regular wage: minimum 4000" });
  });

  test("the minimum rounds up to the yuan", () => {
    expect(minimumInternPay(5001)).toBe(4001);
    expect(checkInternPay(4000.8, 5001).ok).toBe(true);
    expect(checkInternPay(4000.7, 5001).ok).toBe(false);
  });

  test("without a regular wage the pay is accepted with a warning, unless it is zero", () => {
    expect(checkInternPay(3000)).toEqual({ ok: true, value: { monthlyPay: 3000 }, warnings: ["REGULAR_WAGE_UNKNOWN"] });
    expect(checkInternPay(0).ok).toBe(false);
  });

  test("negative or non-numeric amounts are rejected", () => {
    expect(checkInternPay(-1, 5000).ok).toBe(false);
    expect(checkInternPay(Number.NaN, 5000).ok).toBe(false);
    expect(checkInternPay(4000, 0).ok).toBe(false);
  });
});
