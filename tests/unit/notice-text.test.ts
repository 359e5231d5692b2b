import { documentTerms, highlight, maskName, maskPersonalText, queryTerms, rank, snippet } from "../../server/services/notice-text";
import { industryFit, industryKeysOf, majorKeysOf, majorListFit, noticeFit, postingFit } from "../../server/services/notice-match";
import { knownMessage } from "../../schema/rules/messages-zh";

describe("search terms", () => {
  test("ICU finds Chinese words of two or more characters, with English and numbers", () => {
    const terms = queryTerms("招聘Java软件开发工程师3名，5G应用").required;
    expect(terms).toEqual(expect.arrayContaining(["招聘", "java", "软件", "开发", "5g"]));
    expect(terms).not.toContain("3"); // one character is not a word
  });

  test("single characters ICU cannot join are paired, on both sides alike", () => {
    expect(queryTerms("鞋服").required).toEqual(["鞋服"]);
    expect(documentTerms("晋江鞋服产业数字化转型")).toContain("鞋服");
  });

  test("a single character beside a word ranks and highlights with it, but is not required", () => {
    const terms = queryTerms("碳纤维复合材料");
    expect(terms.required).toEqual(["纤维", "复合", "材料"]);
    expect(terms.all).toContain("碳纤维");
    expect(documentTerms("高性能碳纤维复合材料制备技术")).toEqual(expect.arrayContaining(["碳纤维", "纤维", "制备"]));
    expect(queryTerms("鞋服 晋江").all).not.toContain("服晋江");
  });

  test("part of a longer word finds it: 晋江 finds 晋江市", () => {
    expect(documentTerms("晋江市人民政府")).toContain("晋江");
    expect(queryTerms("晋江市").required).toEqual(["晋江市"]);
  });

  test("full-width letters and upper case are the same term", () => {
    expect(queryTerms("ＰＬＣ控制").required).toContain("plc");
    expect(documentTerms("PLC 控制系统")).toContain("plc");
  });

  test("a phone number or a national ID is never a term", () => {
    const terms = documentTerms("联系电话 13812345678，身份证 350582200001011234");
    expect(terms.some((t) => /^\d{11,}/.test(t))).toBe(false);
  });
});

describe("ranking and highlights", () => {
  const a = { id: "a1", title: "碳纤维复合材料成果转让", titleTerms: ["碳纤维"], terms: ["碳纤维"] };
  const b = { id: "b2", title: "复合材料", titleTerms: [], terms: ["碳纤维"] };
  test("a term in the title ranks above the same term in the text", () => {
    expect(rank([b, a], ["碳纤维"], "碳纤维").map((r) => r.candidate.id)).toEqual(["a1", "b2"]);
  });

  test("equal scores: the newest (largest id) first", () => {
    expect(rank([{ ...b, id: "b1" }, { ...b, id: "b3" }], ["碳纤维"], "x").map((r) => r.candidate.id)).toEqual(["b3", "b1"]);
  });

  test("highlights mark every occurrence, case-insensitively, as text", () => {
    const fragments = highlight("Java 与 java：<b>软件</b>", ["java", "软件"]);
    expect(fragments.filter((f) => f.match).map((f) => f.text)).toEqual(["Java", "java", "软件"]);
    expect(fragments.map((f) => f.text).join("")).toBe("Java 与 java：<b>软件</b>");
  });

  test("a snippet cuts a long text around the first match", () => {
    const text = "甲".repeat(500) + "碳纤维" + "乙".repeat(500);
    const s = snippet(text, ["碳纤维"], 60, 10);
    expect(s[0]).toEqual({ text: "…", match: false });
    expect(s.find((f) => f.match)?.text).toBe("碳纤维");
    expect(s.map((f) => f.text).join("").length).toBeLessThanOrEqual(62);
  });
});

describe("masking", () => {
  test("names keep the family name only", () => {
    expect(maskName("陈晓明")).toBe("陈**");
    expect(maskName("林")).toBe("林*");
  });
  test("phones and national IDs in text are masked", () => {
    expect(maskPersonalText("电话13812345678")).toBe("电话138****5678");
    expect(maskPersonalText("身份证35058220000101123X。")).toBe("身份证3505**********123X。");
  });
});

describe("fit", () => {
  test("industry keys hold the section and every prefix", () => {
    expect(industryKeysOf(["1311"]).sort()).toEqual(["13", "131", "1311", "C"].sort());
    expect(majorKeysOf(["510201", "5102"]).sort()).toEqual(["5102", "510201"]);
  });

  test("industry fit goes from the same class down to the same section", () => {
    expect(industryFit(["1311"], ["1311"]).level).toBe(4);
    expect(industryFit(["1311"], ["1312"]).level).toBe(3);
    expect(industryFit(["1311"], ["1391"]).level).toBe(2);
    expect(industryFit(["1311"], ["1811"]).level).toBe(1);
    expect(industryFit(["1311"], ["A"]).level).toBe(0);
  });

  test("major fit is matching's: same major, class, category", () => {
    expect(majorListFit(["510201"], ["510201"]).level).toBe(3);
    expect(majorListFit(["5102"], ["510201"]).level).toBe(2);
    expect(majorListFit(["510201"], ["5103"]).level).toBe(1);
  });

  test("a need and a result sharing industry, major and words fit, with the reason in Chinese", () => {
    const need = { industries: ["2651"], majors: ["530101"], district: "350582", titleTerms: ["碳纤维"], terms: ["碳纤维", "复合材料"] };
    const result = { industries: ["2651"], majors: ["5301"], district: "350503", titleTerms: ["碳纤维", "复合材料"], terms: ["碳纤维", "复合材料"] };
    const fit = noticeFit(need, result);
    expect(fit.score).toBeGreaterThan(60);
    expect(fit.reason).toMatch(/同属行业小类/);
    expect(fit.reason).toMatch(/共同关键词：.*碳纤维/);
    expect(noticeFit(need, { industries: ["0111"], majors: ["610101"], district: "x", titleTerms: [], terms: [] }).score).toBe(0);
  });

  test("a posting fits a seeker of its major; pay below the minimum lowers it; another level cannot take them", () => {
    const seeker = { majors: ["510201"], level: "HIGHER_VOCATIONAL", desiredDistricts: ["350582"], salaryMin: 5000, salaryMax: 8000 };
    const posting = { kind: "JOB", majors: ["510201"], levels: [], district: "350582", monthlyPay: 6000 };
    const good = postingFit(seeker, posting)!;
    const cheap = postingFit(seeker, { ...posting, monthlyPay: 4000 })!;
    expect(good.score).toBeGreaterThan(cheap.score);
    expect(good.reason).toMatch(/专业相同.*意向区县晋江市/);
    expect(postingFit(seeker, { ...posting, levels: ["UNDERGRADUATE"] })).toBeNull();
    expect(postingFit(seeker, { ...posting, majors: ["610101"] })).toBeNull();
  });
});

test("every notice message has its Chinese", () => {
  for (const message of ["only for TECH_NEED notices", "must not be before validFrom", "must be an http or https URL", "only the bureau publishes policies", "the notice is WITHDRAWN", "at most 20 codes", "needs a word of two or more characters", "only the publisher changes a notice"]) {
    expect(knownMessage(message)).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(knownMessage("only for TECH_NEED notices")).toBe("仅适用于企业科技需求信息");
});
