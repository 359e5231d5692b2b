import path from "node:path";
import type { Page } from "playwright-core";
import { Role } from "../../schema/enums";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { ARTIFACTS, createAccount, describeWithBrowser, jsErrors, loggedIn, screenshotPages, settled, startJourney, type Journey } from "./browser";

let journey: Journey;
let email: string;
let enterpriseToken: string;
let runId: string;
const STUDENTS = ["李思远", "张若晴"];
const REASONS = ["名额被匹配分更高的学生占用", "符合条件的岗位已无名额（或企业已达上限）", "安排该生不能提高总目标值"];

interface Compliance { byDistrict: { label: string; below: number; within: number; above: number }[] }
const complianceChart = async (page: Page): Promise<Compliance> => JSON.parse((await page.getAttribute("[data-testid=chart-compliance]", "data-values"))!);

describeWithBrowser("the bureau in the web app", () => {
  beforeAll(async () => {
    journey = await startJourney();
    const { server, bureau } = journey;
    // Above scale with 50 staff: floor ⌈2%⌉ = 1 = ceiling ⌊3%⌋.
    const enterpriseId = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ name: "泉州旅程测试电子有限公司", headcount: 50, annualRevenue: 50_000_000 }) }, bureau)).createEnterprise.id;
    enterpriseToken = await server.account(Role.ENTERPRISE, { enterpriseId });
    const year = new Date().getFullYear();
    // One place for two students; open to the 计算机类 of 高职专科 (5102) and of 职业本科 (3102), which share
    // their category's name 电子与信息大类.
    await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId, title: "嵌入式开发实习生", capacity: 1, majors: ["5102", "3102"], startDate: `${year}-09-01`, endDate: `${year + 1}-02-28` }) }, bureau);
    const schoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
    await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: schoolId, rows: STUDENTS.map((name) => aStudent({ name })) }, bureau);
    email = await createAccount(Role.BUREAU);
  }, 180_000);
  afterAll(async () => { await journey?.close(); });

  test("the bureau runs an allocation, reads why a student was not placed, commits it and sees the dashboard change", async () => {
    const page = await loggedIn(journey, email, 1920);
    await page.waitForFunction(`document.title.startsWith("监测看板")`);
    await settled(page);
    expect((await complianceChart(page)).byDistrict.map(({ below, within }) => ({ below, within }))).toEqual([{ below: 1, within: 0 }]);
    // The supply–demand x-axis names each category once; its levels are series.
    const supply = JSON.parse((await page.getAttribute("[data-testid=chart-supply]", "data-values"))!) as { categories: string[]; series: { name: string; data: number[] }[] };
    expect(new Set(supply.categories).size).toBe(supply.categories.length);
    const category = supply.categories.indexOf("电子与信息大类");
    expect(category).toBeGreaterThanOrEqual(0);
    const demand = Object.fromEntries(supply.series.filter((s) => s.name.startsWith("需求")).map((s) => [s.name, s.data[category]]));
    expect(demand).toMatchObject({ "需求·高职专科": 1, "需求·职业本科": 1 });

    await page.getByRole("menuitem", { name: "实习分配" }).click();
    await settled(page);
    await page.fill("input[name=run-name]", "2027 春季实习（旅程）");
    await page.click("[data-testid=start-run]");
    await page.waitForURL(/\/bureau\/runs\/[0-9a-f]{24}$/);
    runId = page.url().split("/").pop()!;
    await page.waitForSelector("[data-testid=run-status][data-status=SOLVED]", { timeout: 60_000 });
    expect(await page.textContent("[data-testid=placed-count]")).toBe("1");
    expect(await page.textContent("[data-testid=unplaced-count]")).toBe("1");

    // Why was the other student not placed? The unplaced tab says, in Chinese.
    await page.waitForSelector("[data-testid=unplaced-table] .el-table__row");
    const unplaced = await page.locator("[data-testid=unplaced-table] .el-table__row").first().textContent();
    expect(STUDENTS.some((name) => unplaced!.includes(name))).toBe(true);
    expect(REASONS).toContain(await page.locator("[data-testid=unplaced-reason]").first().textContent());
    await page.screenshot({ path: path.join(ARTIFACTS, "bureau-run-solved-1920.png"), fullPage: true });
    await page.getByRole("tab", { name: /名额价值/ }).click();
    await page.waitForSelector("[data-testid=slot-table] >> text=嵌入式开发实习生");

    await page.click("[data-testid=commit-run]");
    await page.waitForSelector("[data-testid=run-status][data-status=COMMITTED]");
    await page.waitForSelector("[data-testid=follow-up]");

    // The enterprise accepts the offer; the dashboard's compliance moves from below the floor to within.
    const offer = (await journey.server.ok(`{ placements { edges { node { id } } } }`, {}, enterpriseToken)).placements.edges[0].node.id;
    await journey.server.ok(`mutation($id: ID!) { respondToPlacement(id: $id, response: ACCEPT) { status } }`, { id: offer }, enterpriseToken);
    await page.getByRole("menuitem", { name: "监测看板" }).click();
    await settled(page);
    expect((await complianceChart(page)).byDistrict.map(({ below, within }) => ({ below, within }))).toEqual([{ below: 0, within: 1 }]);
    await page.screenshot({ path: path.join(ARTIFACTS, "bureau-dashboard-after-1920.png"), fullPage: true });
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  }, 180_000);

  test("every bureau page renders at 360 and 1920 px", async () => {
    await screenshotPages(journey, email, "bureau", [
      ["dashboard", "/bureau/dashboard"],
      ["runs", "/bureau/runs"],
      ["run", `/bureau/runs/${runId}`],
      ["compliance", "/bureau/compliance"],
      ["exports", "/bureau/exports"],
    ]);
  }, 180_000);
});
