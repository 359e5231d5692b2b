import {
  addMonths, ageOn, checkDuration, checkInternCounts, checkPayRecord, checkPositionEligibility, checkReadyToStart,
  checkShift, checkWorkplace, internshipAlerts, mondayOf, requiredParties, shiftNeeds, yearOfStudy, type AlertInput,
} from "../../schema/rules/internship";

const adult = { birthDate: "2005-05-10", enrolmentYear: 2024 };

describe("who may start a position internship (2021 rules art. 16)", () => {
  test("a first-year student may not, a second-year student may", () => {
    expect(yearOfStudy(2024, "2025-06-30")).toBe(1);
    expect(yearOfStudy(2024, "2025-09-01")).toBe(2);
    expect(checkPositionEligibility("POSITION", adult, "2025-03-01")).toMatchObject({ ok: false, message: expect.stringMatching(/^a first-year student/) });
    expect(checkPositionEligibility("POSITION", adult, "2025-09-01")).toMatchObject({ ok: true, value: { yearOfStudy: 2, age: 20 } });
  });

  test("a student under 16 may not, on the day before the birthday either", () => {
    const young = { birthDate: "2010-03-02", enrolmentYear: 2023 };
    expect(ageOn(young.birthDate, "2026-03-01")).toBe(15);
    expect(checkPositionEligibility("POSITION", young, "2026-03-01")).toMatchObject({ ok: false, message: expect.stringMatching(/under 16/) });
    expect(checkPositionEligibility("POSITION", young, "2026-03-02").ok).toBe(true);
  });

  test("an observation internship is not limited by year or age", () => {
    expect(checkPositionEligibility("OBSERVATION", adult, "2025-03-01").ok).toBe(true);
  });
});

describe("duration", () => {
  test("six months end the day before the same date six months on", () => {
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(checkDuration("POSITION", "2027-03-01", "2027-08-31")).toEqual({ ok: true, value: { days: 184 } });
    expect(checkDuration("POSITION", "2027-03-01", "2027-09-01")).toMatchObject({ ok: false, message: expect.stringMatching(/at most 6 months: end by 2027-08-31/) });
    expect(checkDuration("OBSERVATION", "2027-03-01", "2027-12-01").ok).toBe(true);
    expect(checkDuration("POSITION", "2027-03-01", "2027-02-28")).toMatchObject({ ok: false, message: "must not be before startDate" });
  });
});

describe("workplaces (2021 rules art. 16)", () => {
  test.each(["6233", "9011", "9012", "9013"])("industry %s is refused", (code) => {
    expect(checkWorkplace(code, false).ok).toBe(false);
  });
  test("a shoe factory is fine, unless the post is heavy physical labour", () => {
    expect(checkWorkplace("1951", false).ok).toBe(true);
    expect(checkWorkplace("1951", true)).toMatchObject({ ok: false, message: expect.stringMatching(/heavy physical labour/) });
  });
});

describe("intern counts: 10% of the workforce, 20% of a post", () => {
  test("the tenth intern of 100 staff fits, the eleventh does not", () => {
    expect(checkInternCounts({ headcount: 100, enterpriseInterns: 9, postStaff: 100, postInterns: 0 }).ok).toBe(true);
    expect(checkInternCounts({ headcount: 100, enterpriseInterns: 10, postStaff: 100, postInterns: 0 })).toMatchObject({ ok: false, message: expect.stringMatching(/10% of the enterprise's 100 staff: at most 10, 10 already/) });
  });
  test("a post of 10 staff takes 2 interns, not 3", () => {
    expect(checkInternCounts({ headcount: 1000, enterpriseInterns: 0, postStaff: 10, postInterns: 1 }).ok).toBe(true);
    expect(checkInternCounts({ headcount: 1000, enterpriseInterns: 0, postStaff: 10, postInterns: 2 })).toMatchObject({ ok: false, message: expect.stringMatching(/20% of the post's 10 staff: at most 2/) });
  });
  test("a post of 4 staff takes none", () => {
    expect(checkInternCounts({ headcount: 1000, enterpriseInterns: 0, postStaff: 4, postInterns: 0 }).ok).toBe(false);
  });
});

describe("pay records (2021 rules art. 18)", () => {
  test("exactly 80% passes, a yuan less does not", () => {
    expect(checkPayRecord(2800, 3500)).toEqual({ ok: true, value: { minimum: 2800 } });
    expect(checkPayRecord(2799, 3500)).toMatchObject({ ok: false, message: expect.stringMatching(/below 80% of the post's wage 3500: minimum 2800/) });
  });
});

describe("work arrangements need a filing", () => {
  const weekday = { date: "2027-03-03", start: "09:00", end: "17:00", publicHoliday: false };
  test("a day shift on a weekday needs nothing", () => {
    expect(shiftNeeds(weekday)).toEqual([]);
    expect(checkShift(weekday, []).ok).toBe(true);
  });
  test("night, overtime, weekends and holidays are told apart", () => {
    expect(shiftNeeds({ ...weekday, start: "20:00", end: "23:00" })).toEqual(["NIGHT_SHIFT"]);
    expect(shiftNeeds({ ...weekday, start: "05:00", end: "12:00" })).toEqual(["NIGHT_SHIFT"]);
    expect(shiftNeeds({ ...weekday, start: "22:00", end: "06:00" })).toEqual(["NIGHT_SHIFT"]);
    expect(shiftNeeds({ ...weekday, start: "08:00", end: "18:00" })).toEqual(["OVERTIME"]);
    expect(shiftNeeds({ ...weekday, date: "2027-03-06" })).toEqual(["HOLIDAY"]);
    expect(shiftNeeds({ ...weekday, publicHoliday: true })).toEqual(["HOLIDAY"]);
  });
  test("a filing of the right kind covering the day lets the shift pass", () => {
    const night = { ...weekday, start: "20:00", end: "23:00" };
    expect(checkShift(night, [])).toMatchObject({ ok: false, message: "a night shift needs a filing with the school (2021 rules)" });
    expect(checkShift(night, [{ kind: "OVERTIME", from: "2027-03-01", to: "2027-03-31" }]).ok).toBe(false);
    expect(checkShift(night, [{ kind: "NIGHT_SHIFT", from: "2027-03-04", to: "2027-03-31" }]).ok).toBe(false);
    expect(checkShift(night, [{ kind: "NIGHT_SHIFT", from: "2027-03-01", to: "2027-03-03" }]).ok).toBe(true);
  });
});

describe("agreement and insurance", () => {
  test("a guardian is a party for a student under 18 on the start date", () => {
    expect(requiredParties("2009-03-02", "2027-03-01")).toEqual(["SCHOOL", "ENTERPRISE", "STUDENT", "GUARDIAN"]);
    expect(requiredParties("2009-03-01", "2027-03-01")).toEqual(["SCHOOL", "ENTERPRISE", "STUDENT"]);
  });
  test("an internship starts only with every confirmation and insurance covering its period", () => {
    const base = { required: requiredParties("2005-01-01", "2027-03-01"), startDate: "2027-03-01", endDate: "2027-08-31" };
    const insurance = { startDate: "2027-03-01", endDate: "2027-08-31" };
    expect(checkReadyToStart({ ...base, confirmed: ["SCHOOL", "STUDENT"], insurance })).toMatchObject({ ok: false, message: "the tripartite agreement lacks the confirmation of ENTERPRISE" });
    expect(checkReadyToStart({ ...base, confirmed: ["SCHOOL", "STUDENT", "ENTERPRISE"], insurance: null })).toMatchObject({ ok: false, message: expect.stringMatching(/liability insurance/) });
    expect(checkReadyToStart({ ...base, confirmed: ["SCHOOL", "STUDENT", "ENTERPRISE"], insurance: { ...insurance, endDate: "2027-08-30" } })).toMatchObject({ ok: false, message: "the insurance period does not cover the internship" });
    expect(checkReadyToStart({ ...base, confirmed: ["SCHOOL", "STUDENT", "ENTERPRISE"], insurance }).ok).toBe(true);
  });
});

describe("alerts on a given day", () => {
  // 2027-03-01 is a Monday.
  const running: AlertInput = { active: true, startDate: "2027-03-01", endDate: "2027-08-31", insuranceEndDate: "2027-08-31", checkInDays: [], leaves: [], logWeeks: [], evaluated: false };
  const kinds = (input: AlertInput, on: string) => internshipAlerts(input, on).map((a) => a.kind);

  test("three working days without a check-in raise an alert; a weekend does not count", () => {
    expect(mondayOf("2027-03-07")).toBe("2027-03-01");
    expect(kinds({ ...running, checkInDays: ["2027-03-01"] }, "2027-03-04")).toEqual([]);
    expect(internshipAlerts({ ...running, checkInDays: ["2027-03-01"] }, "2027-03-05")).toEqual([{ kind: "NO_CHECK_IN", since: "2027-03-02", count: 3 }]);
    expect(kinds({ ...running, checkInDays: ["2027-03-04"], logWeeks: ["2027-03-01"] }, "2027-03-09")).toEqual([]); // Fri, Mon missed
  });

  test("approved leave excuses its days", () => {
    expect(kinds({ ...running, checkInDays: ["2027-03-01"], leaves: [{ from: "2027-03-03", to: "2027-03-03" }] }, "2027-03-05")).toEqual([]);
  });

  test("a week's log is overdue from the Tuesday after it", () => {
    const checkedIn = { ...running, checkInDays: ["2027-03-05", "2027-03-08"] };
    expect(kinds(checkedIn, "2027-03-08")).toEqual([]);
    expect(internshipAlerts(checkedIn, "2027-03-09")).toEqual([{ kind: "LOG_OVERDUE", since: "2027-03-01", count: 1 }]);
    expect(kinds({ ...checkedIn, logWeeks: ["2027-03-01"] }, "2027-03-09")).toEqual([]);
  });

  test("the end within 14 days without an evaluation raises an alert", () => {
    const late = { ...running, checkInDays: ["2027-08-13", "2027-08-16"], logWeeks: Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2027, 2, 1 + 7 * i)).toISOString().slice(0, 10)) };
    expect(kinds(late, "2027-08-16")).toEqual([]);
    expect(kinds(late, "2027-08-17")).toEqual(["ENDING_WITHOUT_EVALUATION"]);
    expect(kinds({ ...late, evaluated: true }, "2027-08-17")).toEqual([]);
  });

  test("insurance ending before the internship does raises an alert, before the start too", () => {
    expect(internshipAlerts({ ...running, active: false, insuranceEndDate: "2027-06-30" }, "2027-02-01")).toEqual([{ kind: "INSURANCE_ENDS_EARLY", since: "2027-06-30", count: 62 }]);
  });
});
