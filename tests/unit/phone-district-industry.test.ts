import { checkDistrict, checkIndustry, checkPhone, isIndustrial, isInQuanzhou, maskPhone } from "../../schema/rules";

describe("mobile phone numbers", () => {
  test("a mainland mobile number is accepted, with separators and +86 removed", () => {
    expect(checkPhone("13812345678")).toEqual({ ok: true, value: "13812345678" });
    expect(checkPhone("+86 138-1234-5678")).toEqual({ ok: true, value: "13812345678" });
  });

  test("numbers of the wrong length or prefix are rejected", () => {
    expect(checkPhone("1381234567").ok).toBe(false);
    expect(checkPhone("12812345678").ok).toBe(false);
    expect(checkPhone("0595-22222222").ok).toBe(false);
  });

  test("masking keeps the first 3 and last 4 digits", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
  });
});

describe("districts (GB/T 2260)", () => {
  test("a Quanzhou county is accepted in the city with its name", () => {
    expect(checkDistrict("350582")).toEqual({ ok: true, value: { code: "350582", name: "晋江市", inCity: true } });
  });

  test("an unknown 3505xx code is rejected", () => {
    expect(checkDistrict("350599")).toEqual({ ok: false, message: "unknown district 350599" });
  });

  test("Xiamen's Siming district is accepted outside the city", () => {
    expect(checkDistrict("350203")).toMatchObject({ ok: true, value: { code: "350203", inCity: false } });
  });

  test("a code with no such province is rejected", () => {
    expect(checkDistrict("990101").ok).toBe(false);
  });

  test("Kinmen is listed but flagged as not administered", () => {
    expect(checkDistrict("350527")).toMatchObject({ ok: true, value: { name: "金门县", inCity: true }, warnings: ["NOT_ADMINISTERED"] });
  });

  test("malformed codes are rejected and the in-city test follows the prefix", () => {
    expect(checkDistrict("35058").ok).toBe(false);
    expect(checkDistrict(350582).ok).toBe(false);
    expect(isInQuanzhou("350503")).toBe(true);
    expect(isInQuanzhou("350203")).toBe(false);
  });
});

describe("industries (GB/T 4754-2017)", () => {
  test("codes of each level are accepted with their level", () => {
    expect(checkIndustry("C")).toMatchObject({ ok: true, value: { level: 1, section: "C", name: "制造业" } });
    expect(checkIndustry("19")).toMatchObject({ ok: true, value: { level: 2, section: "C" } });
    expect(checkIndustry("195")).toMatchObject({ ok: true, value: { level: 3 } });
    expect(checkIndustry("1954")).toMatchObject({ ok: true, value: { level: 4, name: "橡胶鞋制造" } });
  });

  test("codes not in the standard are rejected", () => {
    expect(checkIndustry("1999")).toEqual({ ok: false, message: "unknown industry code 1999" });
    expect(checkIndustry("Z").ok).toBe(false);
    expect(checkIndustry("12345").ok).toBe(false);
  });

  test("only mining, manufacturing and utilities are industrial", () => {
    expect(isIndustrial("0610")).toBe(true);
    expect(isIndustrial("1954")).toBe(true);
    expect(isIndustrial("4411")).toBe(true);
    expect(isIndustrial("5292")).toBe(false);
    expect(isIndustrial("6513")).toBe(false);
    expect(isIndustrial("nonsense")).toBe(false);
  });
});
