import path from "node:path";
import { Role } from "../../schema/enums";
import { aPosting, aSchool, aStudent, anEnterprise } from "../helpers/factories";
import { ARTIFACTS, createAccount, describeWithBrowser, jsErrors, loggedIn, open, screenshotPages, settled, startJourney, type Journey } from "./browser";

let journey: Journey;
let schoolId: string;
let studentId: string;
let email: string;
const TITLES = ["电商运营实习生", "软件测试实习生", "网络运维实习生"];

const preferences = async () => (await journey.server.ok(`query($id: ID!) { student(id: $id) { preferences { rank posting { title } } } }`, { id: studentId }, journey.bureau))
  .student.preferences.map((p: { rank: number; posting: { title: string } }) => [p.rank, p.posting.title]);

describeWithBrowser("a student in the web app", () => {
  beforeAll(async () => {
    journey = await startJourney();
    const { server, bureau } = journey;
    const enterpriseId = (await server.ok(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise({ name: "泉州旅程测试科技有限公司", headcount: 200, annualRevenue: 50_000_000 }) }, bureau)).createEnterprise.id;
    const postingIds: string[] = [];
    for (const title of TITLES) postingIds.push((await server.ok(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting({ enterpriseId, title, capacity: 2 }) }, bureau)).createPosting.id);
    schoolId = (await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau)).createSchool.id;
    studentId = (await server.ok(`mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, { s: schoolId, i: aStudent({ name: "陈晓雯" }) }, bureau)).createStudent.id;
    for (const [i, postingId] of postingIds.entries()) {
      await server.ok(`mutation($i: ApplyInput!) { applyToPosting(input: $i) { id } }`, { i: { studentId, postingId, rank: i + 1 } }, bureau);
    }
    email = await createAccount(Role.STUDENT, { student: studentId });
  }, 180_000);
  afterAll(async () => { await journey?.close(); });

  test("a student ranks her preferences by dragging on a phone, then accepts her offer before its deadline", async () => {
    const page = await loggedIn(journey, email, 360);
    await page.waitForFunction(`document.title.startsWith("我的信息")`);
    await page.waitForSelector("[data-testid=student-name] >> text=陈晓雯");
    await page.getByRole("button", { name: "打开菜单" }).click();
    await page.getByRole("menuitem", { name: "我的志愿" }).click();
    await settled(page);
    const titles = () => page.locator("[data-testid=pref-title]").allTextContents();
    expect(await titles()).toEqual(TITLES);

    // Drag the third preference by its handle above the first.
    const handles = page.locator("[data-testid=preferences] .handle");
    const from = (await handles.nth(2).boundingBox())!;
    const to = (await handles.nth(0).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + ((to.y - 10 - from.y) * i) / 20);
    await page.mouse.up();
    await page.waitForFunction(`document.querySelector("[data-testid=pref-title]")?.textContent === ${JSON.stringify(TITLES[2])}`);
    expect(await titles()).toEqual([TITLES[2], TITLES[0], TITLES[1]]);
    // The arrow buttons do the same from the keyboard: the (now) third moves up one.
    await page.getByRole("button", { name: `上移：${TITLES[1]}` }).click();
    expect(await titles()).toEqual([TITLES[2], TITLES[1], TITLES[0]]);
    await page.screenshot({ path: path.join(ARTIFACTS, "student-ranked-360.png"), fullPage: true });
    await page.click("[data-testid=save-order]");
    await page.waitForSelector("text=志愿顺序已保存");
    expect(await preferences()).toEqual([[1, TITLES[2]], [2, TITLES[1]], [3, TITLES[0]]]);

    // The bureau allocates the student's school and commits: she now has an offer.
    const run = (await journey.server.ok(`mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name: "学生旅程", scope: { schoolIds: [schoolId] } } }, journey.bureau)).startAllocationRun;
    await journey.server.services.allocation.idle();
    await journey.server.ok(`mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "student-journey") { status } }`, { id: run.id }, journey.bureau);

    await open(page, journey, "/student/offer");
    await page.waitForSelector("[data-testid=offer-OFFERED]");
    expect(await page.textContent("[data-testid=offer-OFFERED]")).toContain("还剩 6 天");
    expect(await page.textContent("[data-testid=respond-by]")).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/);
    await page.screenshot({ path: path.join(ARTIFACTS, "student-offer-pending-360.png"), fullPage: true });
    await page.click("[data-testid=accept]");
    await page.getByRole("button", { name: "确认接受" }).click();
    await page.waitForSelector("[data-testid=offer-ACCEPTED] >> [data-testid=offer-status] >> text=已接受");
    expect(jsErrors(page)).toEqual([]);
    await page.close();

    const offers = (await journey.server.ok(`query($id: ID!) { student(id: $id) { offers { status respondedAt } } }`, { id: studentId }, journey.bureau)).student.offers;
    expect(offers).toEqual([{ status: "ACCEPTED", respondedAt: expect.any(String) }]);
  }, 120_000);

  test("every student page renders at 360 and 1920 px", async () => {
    await screenshotPages(journey, email, "student", [
      ["profile", "/student/profile"],
      ["applications", "/student/applications"],
      ["offer", "/student/offer"],
    ]);
  }, 120_000);
});
