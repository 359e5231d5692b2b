import { ageOn, checkNationalId, createRng, generateNationalId, maskNationalId } from "../../schema/rules";

const TODAY = "2026-06-01";

describe("resident ID number (GB 11643-1999)", () => {
  test("the standard's example 11010519491231002X is valid: a woman born 1949-12-31", () => {
    expect(checkNationalId("11010519491231002X", TODAY)).toEqual({
      ok: true,
      value: { normalized: "11010519491231002X", birthDate: "1949-12-31", gender: "FEMALE", addressCode: "110105" },
    });
  });

  test("a lower-case x check character is accepted and normalised", () => {
    const result = checkNationalId("11010519491231002x", TODAY);
    expect(result.ok && result.value.normalized).toBe("11010519491231002X");
  });

  test("a wrong check digit is rejected naming the expected one", () => {
    expect(checkNationalId("110105194912310021", TODAY)).toEqual({ ok: false, message: "check character mismatch: expected X" });
  });

  test("an impossible date such as 1999-02-30 is rejected", () => {
    expect(checkNationalId("350582199902301234", TODAY)).toMatchObject({ ok: false, message: "impossible birth date 19990230" });
  });

  test("a birth date after today is rejected", () => {
    const future = generateNationalId(createRng(1), { addressCode: "350582", birthDate: "2026-06-02", gender: "MALE" });
    expect(checkNationalId(future, TODAY)).toMatchObject({ ok: false, message: "birth date 2026-06-02 is in the future" });
    expect(checkNationalId(future, "2026-06-02").ok).toBe(true);
  });

  test("a birth year before 1900 is rejected", () => {
    const old = generateNationalId(createRng(1), { addressCode: "350582", birthDate: "1899-12-31", gender: "MALE" });
    expect(checkNationalId(old, TODAY).ok).toBe(false);
  });

  test("an unknown province prefix is rejected", () => {
    const id = generateNationalId(createRng(1), { addressCode: "990101", birthDate: "2005-01-01", gender: "MALE" });
    expect(checkNationalId(id, TODAY)).toMatchObject({ ok: false, message: "unknown province in address code 990101" });
  });

  test("wrong length and letters in the body are rejected", () => {
    expect(checkNationalId("35058220050101123", TODAY).ok).toBe(false);
    expect(checkNationalId("35058220050101A23X", TODAY).ok).toBe(false);
    expect(checkNationalId(null, TODAY).ok).toBe(false);
  });

  test("the sequence parity gives the gender and generated IDs round-trip", () => {
    const rng = createRng(3);
    for (const gender of ["MALE", "FEMALE"] as const) {
      for (let i = 0; i < 100; i++) {
        const id = generateNationalId(rng, { addressCode: "350503", birthDate: "2006-02-28", gender });
        expect(checkNationalId(id, TODAY)).toMatchObject({ ok: true, value: { gender, birthDate: "2006-02-28", addressCode: "350503" } });
      }
    }
  });

  test("masking keeps the first 6 and the last 4 characters", () => {
    expect(maskNationalId("350582200501011234")).toBe("350582********1234");
  });

  test("age counts whole years and turns on the birthday", () => {
    expect(ageOn("2010-09-01", "2026-08-31")).toBe(15);
    expect(ageOn("2010-09-01", "2026-09-01")).toBe(16);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
  });
});
