import { findMajor, majorCategoryName, majorCategoryOf, majorClassName, majorClassOf, majorLevelOf, MAJORS } from "../../schema/reference/majors";
import { checkMajor, checkMajorPattern, majorMatchesPattern, SCHOOL_LEVELS } from "../../schema/rules";

describe("majors", () => {
  test("an undergraduate catalogue code with a T suffix is found with its class and discipline", () => {
    expect(checkMajor("080910T")).toMatchObject({
      ok: true,
      value: { name: "数据科学与大数据技术", level: "UNDERGRADUATE", classCode: "0809", className: "计算机类", categoryName: "工学" },
    });
  });

  test("a higher-vocational major is consistent with a higher-vocational school", () => {
    expect(checkMajor("510201", "HIGHER_VOCATIONAL")).toMatchObject({ ok: true, value: { name: "计算机应用技术", categoryName: "电子与信息大类" } });
  });

  test("a major of another level is rejected for the school", () => {
    const result = checkMajor("510201", "UNDERGRADUATE");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("major level mismatch");
  });

  test("an unknown or malformed code is rejected", () => {
    expect(checkMajor("089999")).toEqual({ ok: false, message: "unknown major 089999" });
    expect(checkMajor("5102").ok).toBe(false);
    expect(checkMajor(510201).ok).toBe(false);
  });

  test("a lower-case suffix is accepted", () => {
    expect(checkMajor("080910t").ok).toBe(true);
  });

  test("levels follow the 2-digit prefix ranges of the catalogues", () => {
    expect(majorLevelOf("080901")).toBe("UNDERGRADUATE");
    expect(majorLevelOf("310201")).toBe("VOCATIONAL_UNDERGRADUATE");
    expect(majorLevelOf("510201")).toBe("HIGHER_VOCATIONAL");
    expect(majorLevelOf("710201")).toBe("SECONDARY_VOCATIONAL");
    expect(majorLevelOf("990101")).toBeUndefined();
    expect(majorLevelOf("150101")).toBeUndefined();
  });

  test("class and category are the 4- and 2-digit prefixes, named per level", () => {
    expect(majorClassOf("710201")).toBe("7102");
    expect(majorCategoryOf("710201")).toBe("71");
    expect(majorClassName("710201")).toBe("计算机类");
    expect(majorClassName("310201")).toBe("计算机类");
    expect(majorCategoryName("680405")).toBe("轻工纺织大类");
    expect(majorCategoryName("120801")).toBe("管理学");
  });

  test("every catalogue entry is at the level its prefix says and has class and category names", () => {
    for (const major of MAJORS) {
      expect(majorLevelOf(major.code)).toBe(major.level);
      expect(major.className).not.toBe("");
      expect(major.categoryName).not.toBe("");
      expect(findMajor(major.code)).toBe(major);
    }
    expect(new Set(MAJORS.map((m) => m.code)).size).toBe(MAJORS.length);
    for (const level of SCHOOL_LEVELS) expect(MAJORS.filter((m) => m.level === level).length).toBeGreaterThanOrEqual(30);
  });

  test("posting filters accept a major or a known class, and match by prefix", () => {
    expect(checkMajorPattern("5307")).toEqual({ ok: true, value: { kind: "CLASS", code: "5307", level: "HIGHER_VOCATIONAL", name: "电子商务类" } });
    expect(checkMajorPattern("530701")).toMatchObject({ ok: true, value: { kind: "MAJOR", name: "电子商务" } });
    expect(checkMajorPattern("5399").ok).toBe(false);
    expect(checkMajorPattern("53").ok).toBe(false);
    expect(majorMatchesPattern("530702", "5307")).toBe(true);
    expect(majorMatchesPattern("530702", "530701")).toBe(false);
  });
});
