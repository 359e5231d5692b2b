import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { Role } from "../../schema/enums";
import { UserModel } from "../../schema/user.model";
import { hashPassword } from "../../server/security/passwords";
import { aSchool, aStudent, anEnterprise, anOutcome } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

const CHROMIUM = "/usr/bin/chromium";
/**
 * The browser test needs Debian's Chromium, which `.ci/run` installs (apt-get install chromium
 * fonts-noto-cjk). On a developer machine without it the suite is skipped with a notice; in CI
 * (CI=true) a missing browser fails the run instead.
 */
const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium fonts-noto-cjk)`);
if (!haveBrowser) console.warn(`skipping the dashboard browser test: ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)`);
const describeWithBrowser = haveBrowser ? describe : describe.skip;
const ARTIFACTS = path.resolve(__dirname, "../artifacts");

let server: TestServer;
let browser: Browser;
const EMAIL = "dashboard-bureau@test.local";
const PASSWORD = "dashboard-password-1";


/**
 * Seeded figures: 泉州看板测试职业学院 graduated 4 students in 2024 (all employed, 1 of them in
 * Quanzhou: 25%) and 2 in 2025 (both employed in Quanzhou: 100%); all majors 510201 (数字经济 cluster).
 * One above-scale enterprise (headcount 1,000: floor 20, ceiling 30) with 25 recorded interns.
 */
describeWithBrowser("the dashboard in a headless browser", () => {
  beforeAll(async () => {
    server = await startTestServer();
    await UserModel.create({ email: EMAIL, role: Role.BUREAU, passwordHash: await hashPassword(PASSWORD) });
    const bureau = await server.account(Role.BUREAU);
    const school = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool({ name: "泉州看板测试职业学院" }) }, bureau)).createSchool;
    await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ headcount: 1000, recordedInterns: 25 }) }, bureau);
    const rows = [
      ...Array.from({ length: 4 }, () => aStudent({ enrolmentYear: 2021, graduationYear: 2024 })),
      ...Array.from({ length: 2 }, () => aStudent({ enrolmentYear: 2022, graduationYear: 2025 })),
    ];
    await server.ok(`mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: school.id, rows }, bureau);
    const outcomes = rows.map((row, i) => anOutcome({
      nationalId: row.nationalId, graduationYear: row.graduationYear, date: `${row.graduationYear}-08-01`,
      workDistrict: i === 0 || i >= 4 ? "350582" : "350203",
    }));
    await server.ok(`mutation($rows: [EmploymentOutcomeInput!]!) { recordEmploymentOutcomes(rows: $rows) { recorded } }`, { rows: outcomes }, bureau);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server.close();
  });

  test("the bureau logs in and sees retention, its trend, fit, compliance and supply against demand", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const external: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("http://127.0.0.1")) external.push(request.url());
    });
    await page.goto(server.url.replace(/\/graphql$/, "/dashboard/"));
    await page.fill("input[name=email]", EMAIL);
    await page.fill("input[name=password]", PASSWORD);
    await page.click("button[type=submit]");
    const values = async (id: string) => {
      await page.waitForSelector(`#${id}[data-ready="true"]`, { timeout: 30_000 });
      return JSON.parse((await page.getAttribute(`#${id}`, "data-values"))!);
    };
    expect(await values("chart-retention")).toEqual([{ label: "泉州看板测试职业学院", employed: 2, employedInCity: 2, retentionRate: 1, target: 0.5 }]);
    expect(await values("chart-trend")).toEqual([
      { year: 2024, employed: 4, employedInCity: 1, retentionRate: 0.25, target: 0.5 },
      { year: 2025, employed: 2, employedInCity: 2, retentionRate: 1, target: 0.5 },
    ]);
    expect(await values("chart-fit")).toMatchObject({ graduates: 2, fitted: 2, fitRate: 1, target: 0.8 });
    expect((await values("chart-compliance")).total).toEqual({ enterprises: 1, below: 0, within: 1, above: 0 });
    expect((await values("chart-supply")).total).toEqual({ supply: 2, demand: 0, gap: -2 });
    expect(await page.textContent("h1")).toBe("泉州市人才供需监测看板");
    expect(await page.isVisible("#login")).toBe(false);
    expect(external).toEqual([]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard.png"), fullPage: true });
  }, 90_000);

  test("a wrong password shows the error on the login form", async () => {
    const page = await browser.newPage();
    await page.goto(server.url.replace(/\/graphql$/, "/dashboard/"));
    await page.fill("input[name=email]", EMAIL);
    await page.fill("input[name=password]", "wrong-password-1");
    await page.click("button[type=submit]");
    await page.waitForFunction(`(document.getElementById("login-error")?.textContent ?? "").length > 0`);
    expect(await page.textContent("#login-error")).toContain("登录失败");
    expect(await page.isVisible("#board")).toBe(false);
  });
});
