import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { Role } from "../../schema/enums";
import { UserModel } from "../../schema/user.model";
import { hashPassword } from "../../server/security/passwords";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { aSchool, aStudent } from "../helpers/factories";

const CHROMIUM = "/usr/bin/chromium";
const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium fonts-noto-cjk)`);
const describeWithBrowser = haveBrowser ? describe : describe.skip;
const ARTIFACTS = path.resolve(__dirname, "../artifacts/e2e");
const ROOT = path.resolve(__dirname, "../..");
const PASSWORD = "web-app-password-1";

let server: TestServer;
let browser: Browser;

describeWithBrowser("the web app in a headless browser", () => {
  beforeAll(async () => {
    execSync("npm run --silent build:web:if-stale", { cwd: ROOT, stdio: "inherit" });
    server = await startTestServer();
    for (const role of [Role.BUREAU, Role.SCHOOL, Role.ENTERPRISE]) {
      await UserModel.create({ email: `web-${role.toLowerCase()}@test.local`, role, passwordHash: await hashPassword(PASSWORD) });
    }
    // A student account needs its student.
    const bureau = await server.account(Role.BUREAU);
    const schoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
    const studentId = (await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: schoolId, i: aStudent() }, bureau)).createStudent.id;
    await UserModel.create({ email: "web-student@test.local", role: Role.STUDENT, student: studentId, passwordHash: await hashPassword(PASSWORD) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const appUrl = () => server.url.replace(/\/graphql$/, "/app/");

  test.each([
    [Role.BUREAU, "监测看板"],
    [Role.SCHOOL, "学生名册"],
    [Role.ENTERPRISE, "企业信息"],
    [Role.STUDENT, "我的信息"],
  ])("a %s account logs in and lands on its first page, at 360 and 1920 px", async (role, firstPage) => {
    for (const width of [360, 1920]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(appUrl());
      await page.waitForSelector("input[name=email]");
      await page.fill("input[name=email]", `web-${role.toLowerCase()}@test.local`);
      await page.fill("input[name=password]", PASSWORD);
      await page.click("button[type=submit]");
      await page.waitForSelector("[data-testid=who]", { state: "attached", timeout: 30_000 });
      await page.waitForFunction(`document.title.startsWith(${JSON.stringify(firstPage)})`);
      await page.screenshot({ path: path.join(ARTIFACTS, `${role.toLowerCase()}-home-${width}.png`), fullPage: true });
      await page.close();
    }
  }, 90_000);

  test("a wrong password shows the error in Chinese on the login form", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(appUrl() + "login");
    await page.fill("input[name=email]", "web-bureau@test.local");
    await page.fill("input[name=password]", "wrong-password-1");
    await page.click("button[type=submit]");
    await page.waitForSelector("#login-error");
    expect(await page.textContent("#login-error")).toContain("登录失败：邮箱或密码错误");
    await page.screenshot({ path: path.join(ARTIFACTS, "login-error-360.png"), fullPage: true });
    await page.close();
  });
});
