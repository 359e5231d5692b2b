import { checkCreditCode, createRng, creditCodeCheckChar, FUJIAN_PILOT_CODE, generateCreditCode, generateFujianPilotCode } from "../../schema/rules";

describe("unified social credit code (GB 32100-2015)", () => {
  test("a known valid Fuzhou code is accepted and split into its parts", () => {
    const result = checkCreditCode("91350100M000100Y43");
    expect(result).toEqual({
      ok: true,
      value: { normalized: "91350100M000100Y43", registrationAuthority: "9", orgType: "1", divisionCode: "350100", orgCode: "M000100Y4", pilotCode: false },
    });
  });

  test("a second valid code with a digits-only organisation code is accepted", () => {
    expect(checkCreditCode("91440300708461136T").ok).toBe(true);
  });

  test("surrounding spaces and lower case are normalised", () => {
    const result = checkCreditCode(" 91350100m000100y43 ");
    expect(result.ok && result.value.normalized).toBe("91350100M000100Y43");
  });

  test("a wrong check character outside Fujian is rejected naming the expected one", () => {
    expect(checkCreditCode("91440300708461136A")).toEqual({ ok: false, message: "check character mismatch: expected T" });
  });

  test.each(["I", "O", "Z", "S", "V"])("the illegal character %s is rejected", (letter) => {
    const result = checkCreditCode(`91350100M000100${letter}43`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`illegal character "${letter}"`);
  });

  test("codes of the wrong length are rejected", () => {
    expect(checkCreditCode("91350100M000100Y4")).toEqual({ ok: false, message: "credit code must have 18 characters, got 17" });
    expect(checkCreditCode("91350100M000100Y430").ok).toBe(false);
    expect(checkCreditCode("").ok).toBe(false);
  });

  test("a wrong GB 11714 organisation-code check character is rejected", () => {
    expect(checkCreditCode("91350100M000100Y53")).toMatchObject({ ok: false, message: "organisation code check character mismatch: expected 4" });
  });

  test("an unknown registration authority or province is rejected", () => {
    expect(checkCreditCode("B1350100M000100Y43").ok).toBe(false);
    expect(checkCreditCode("91990100M000100Y43")).toMatchObject({ ok: false, message: "unknown division code 990100" });
  });

  test("a Fujian 9135 pilot code failing MOD 31 is accepted with a warning", () => {
    const valid = "91350100M000100Y43";
    const pilot = `${valid.slice(0, 17)}A`;
    expect(creditCodeCheckChar(valid.slice(0, 17))).toBe("3");
    expect(checkCreditCode(pilot)).toEqual({
      ok: true,
      value: { normalized: pilot, registrationAuthority: "9", orgType: "1", divisionCode: "350100", orgCode: "M000100Y4", pilotCode: true },
      warnings: [FUJIAN_PILOT_CODE],
    });
  });

  test("non-string input is a failed result, not an exception", () => {
    expect(checkCreditCode(undefined).ok).toBe(false);
    expect(checkCreditCode(91350100).ok).toBe(false);
  });

  test("generated codes are valid and carry the requested division", () => {
    const rng = createRng(42);
    for (let i = 0; i < 500; i++) {
      const code = generateCreditCode(rng, "350582");
      const result = checkCreditCode(code);
      expect(result.ok && !result.value.pilotCode && result.value.divisionCode).toBe("350582");
    }
  });

  test("generated Fujian pilot codes are accepted only as pilot codes", () => {
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      const result = checkCreditCode(generateFujianPilotCode(rng, "350503"));
      expect(result.ok && result.value.pilotCode).toBe(true);
    }
  });
});
