import path from "node:path";
import ExcelJS from "exceljs";
import { Role } from "../../schema/enums";
import { aNationalId, aSchool, aStudent, withWrongCheckChar } from "../helpers/factories";
import { ARTIFACTS, createAccount, describeWithBrowser, jsErrors, loggedIn, open, screenshotPages, startJourney, type Journey } from "./browser";

let journey: Journey;
let schoolId: string;
let email: string;
let registered: string;

const HEADER = "姓名,身份证号,手机号,专业代码,入学年份,毕业年份,生源地区县代码,技能,证书";
const line = (name: string, nationalId: string) => `${name},${nationalId},,510201,2024,2027,350582,Python、Excel,`;

async function studentCount(): Promise<number> {
  return (await journey.server.ok(`query($f: StudentFilter) { students(filter: $f) { totalCount } }`, { f: { schoolId } }, journey.bureau)).students.totalCount;
}

describeWithBrowser("a school in the web app", () => {
  beforeAll(async () => {
    journey = await startJourney();
    schoolId = (await journey.server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool({ name: "泉州旅程测试职业学院" }) }, journey.bureau)).createSchool.id;
    email = await createAccount(Role.SCHOOL, { school: schoolId });
    registered = aNationalId();
    await journey.server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: schoolId, i: aStudent({ nationalId: registered }) }, journey.bureau);
  }, 180_000);
  afterAll(async () => { await journey?.close(); });

  test("a school imports students: a bad row is shown with its message and fixed, a registered one is refused by the server and removed", async () => {
    const good = aNationalId();
    const fixed = aNationalId();
    const wrong = withWrongCheckChar(fixed);
    const csv = `\uFEFF${HEADER}\n${line("陈晓", good)}\n${line("林小雨", wrong)}\n${line("王已登", registered)}\n`;

    const page = await loggedIn(journey, email, 1920);
    await page.getByRole("menuitem", { name: "批量导入学生" }).click();
    await page.waitForSelector("[data-testid=import-file]", { state: "attached" });
    await page.setInputFiles("[data-testid=import-file]", { name: "学生名单.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });

    // The wrong check character is caught in the browser, in Chinese, beside its row.
    await page.waitForSelector("[data-testid=bad-count] >> text=1 行有问题");
    const problems = page.locator("[data-testid=row-problems]");
    expect(await problems.count()).toBe(1);
    expect(await problems.first().textContent()).toMatch(/身份证号：校验位错误（应为 .）/);
    await page.screenshot({ path: path.join(ARTIFACTS, "school-import-bad-row-1920.png"), fullPage: true });

    await page.locator("[data-testid=preview] .el-table__row").first().getByRole("button", { name: "修改" }).click();
    const dialog = page.getByRole("dialog", { name: "修改第 2 行" });
    await dialog.getByLabel("身份证号").fill(fixed);
    await page.click("[data-testid=save-row]");
    await page.waitForSelector("[data-testid=bad-count] >> text=全部通过校验");

    // Only the server knows the third ID is registered already: it refuses the whole import.
    await page.click("[data-testid=do-import]");
    await page.waitForSelector("[data-testid=import-error]");
    expect(await page.textContent("[data-testid=import-error]")).toContain("未写入任何数据");
    expect(await problems.first().textContent()).toContain("身份证号：该身份证号的学生已登记");
    expect(await page.locator("[data-testid=preview] .el-table__row").first().textContent()).toContain("王已登");
    await page.screenshot({ path: path.join(ARTIFACTS, "school-import-refused-1920.png"), fullPage: true });
    expect(await studentCount()).toBe(1);

    await page.locator("[data-testid=preview] .el-table__row").first().getByRole("button", { name: "删除" }).click();
    await page.click("[data-testid=do-import]");
    await page.waitForSelector("[data-testid=import-done] >> text=已导入 2 名学生");
    expect(jsErrors(page)).toEqual([]);
    await page.close();
    expect(await studentCount()).toBe(3);
  }, 120_000);

  test("an XLSX file is read as well, at phone width", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("学生");
    sheet.addRow(HEADER.split(","));
    for (const name of ["郑一", "黄二"]) sheet.addRow([name, aNationalId(), "13800001111", "510201", 2024, 2027, "350503", "CAD", "电工证"]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    const page = await loggedIn(journey, email, 360);
    await open(page, journey, "/school/import");
    await page.setInputFiles("[data-testid=import-file]", { name: "学生名单.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.waitForSelector("[data-testid=bad-count] >> text=全部通过校验");
    await page.screenshot({ path: path.join(ARTIFACTS, "school-import-preview-360.png"), fullPage: true });
    await page.click("[data-testid=do-import]");
    await page.waitForSelector("[data-testid=import-done] >> text=已导入 2 名学生");
    await page.close();
    expect(await studentCount()).toBe(5);
  }, 120_000);

  test("every school page renders at 360 and 1920 px", async () => {
    await screenshotPages(journey, email, "school", [
      ["students", "/school/students"],
      ["import", "/school/import"],
      ["applications", "/school/applications"],
      ["placements", "/school/placements"],
      ["retention", "/school/retention"],
      ["exports", "/school/exports"],
    ]);
  }, 180_000);
});
