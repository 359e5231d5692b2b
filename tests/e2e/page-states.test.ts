import { Role } from "../../schema/enums";
import { aSchool } from "../helpers/factories";
import { createAccount, describeWithBrowser, loggedIn, settled, startJourney, type Journey } from "./browser";

let journey: Journey;
let email: string;

describeWithBrowser("a page's loading, error and empty states", () => {
  beforeAll(async () => {
    journey = await startJourney();
    const schoolId = (await journey.server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, journey.bureau)).createSchool.id;
    email = await createAccount(Role.SCHOOL, { school: schoolId });
  }, 180_000);
  afterAll(async () => { await journey?.close(); });

  test("a failed request shows the error in Chinese with a retry, which then loads the page (empty here)", async () => {
    const page = await loggedIn(journey, email, 360);
    await settled(page);
    // The network goes down: the next page's request fails.
    await page.route("**/graphql", (route) => route.abort());
    await page.getByRole("button", { name: "打开菜单" }).click();
    await page.getByRole("menuitem", { name: "学生志愿" }).click();
    await page.waitForSelector("[data-state=error] >> text=无法连接服务器，请检查网络后重试");
    // Back online: 重试 loads it, and a school without preferences sees the empty state.
    await page.unroute("**/graphql");
    await page.getByRole("button", { name: "重试" }).click();
    await page.waitForSelector("[data-state=empty] >> text=暂无志愿");
    await page.close();
  }, 60_000);
});
