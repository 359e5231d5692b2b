import path from "node:path";
import { Role } from "../../schema/enums";
import { anEnterprise } from "../helpers/factories";
import { ARTIFACTS, createAccount, describeWithBrowser, jsErrors, loggedIn, open, screenshotPages, startJourney, type Journey } from "./browser";

let journey: Journey;
let enterpriseId: string;
let email: string;

describeWithBrowser("an enterprise in the web app", () => {
  beforeAll(async () => {
    journey = await startJourney();
    enterpriseId = (await journey.server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ name: "泉州旅程测试鞋业有限公司", headcount: 400, annualRevenue: 80_000_000 }) }, journey.bureau)).createEnterprise.id;
    email = await createAccount(Role.ENTERPRISE, { enterprise: enterpriseId });
  }, 180_000);
  afterAll(async () => { await journey?.close(); });

  test("an enterprise posts an internship: the 80% pay rule is shown at the field, then the posting is listed", async () => {
    const page = await loggedIn(journey, email, 1920);
    await page.waitForFunction(`document.title.startsWith("企业信息")`);
    await page.getByRole("menuitem", { name: "岗位管理" }).click();
    await page.waitForSelector("[data-state=empty]");
    await page.click("[data-testid=new-posting]");
    const dialog = page.getByRole("dialog", { name: "发布岗位" });
    await dialog.getByLabel("岗位名称").fill("鞋服智能制造实习生");
    await dialog.getByLabel("接受专业", { exact: true }).click({ force: true });
    await page.keyboard.type("5102");
    await page.locator(".el-select-dropdown__item:visible", { hasText: "5102 " }).first().click();
    await page.keyboard.press("Escape");
    await dialog.getByLabel("招收人数").fill("3");
    await dialog.getByLabel("同岗位正式员工月工资").fill("4000");
    await dialog.getByLabel("月薪").fill("3000");
    await dialog.getByPlaceholder("开始日期").fill("2027-03-01");
    await page.keyboard.press("Enter");
    await dialog.getByPlaceholder("结束日期").fill("2027-08-31");
    await page.keyboard.press("Enter");
    await page.click("[data-testid=save-posting]");
    // 3000 is below 80% of 4000: refused at the field before anything is sent.
    await page.waitForSelector("text=实习报酬不得低于同岗位正式员工工资的 80%，至少 3200 元");
    await page.screenshot({ path: path.join(ARTIFACTS, "enterprise-posting-pay-error-1920.png"), fullPage: true });
    await dialog.getByLabel("月薪").fill("3300");
    await page.click("[data-testid=save-posting]");
    await page.waitForSelector("text=岗位已发布");
    await page.waitForSelector("[data-testid=postings-table] >> text=鞋服智能制造实习生");
    expect(await page.textContent("[data-testid=postings-table]")).toContain("3,300 元");
    expect(jsErrors(page)).toEqual([]);
    await page.close();

    const stored = await journey.server.ok(`query($f: PostingFilter) { postings(filter: $f) { edges { node { title capacity monthlyPay regularWage majors startDate endDate status } } } }`, { f: { enterpriseId } }, journey.bureau);
    expect(stored.postings.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { title: "鞋服智能制造实习生", capacity: 3, monthlyPay: 3300, regularWage: 4000, majors: ["5102"], startDate: "2027-03-01", endDate: "2027-08-31", status: "OPEN" },
    ]);
  }, 120_000);

  test("the quota meter shows the 2%–3% bounds of the headcount", async () => {
    const page = await loggedIn(journey, email, 360);
    await open(page, journey, "/enterprise/quota");
    const meter = page.locator("[data-testid=quota-meter]");
    expect(await meter.getAttribute("data-state")).toBe("below");
    const text = await meter.textContent();
    expect(text).toContain("2% 下限 8");
    expect(text).toContain("3% 上限 12");
    expect(text).toContain("10% 封顶 40");
    await page.close();
  }, 60_000);

  test("every enterprise page renders at 360 and 1920 px", async () => {
    await screenshotPages(journey, email, "enterprise", [
      ["profile", "/enterprise/profile"],
      ["postings", "/enterprise/postings"],
      ["quota", "/enterprise/quota"],
      ["applicants", "/enterprise/applicants"],
      ["placements", "/enterprise/placements"],
    ]);
  }, 180_000);
});
