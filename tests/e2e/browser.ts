/**
 * What the browser journeys share: the built web app, a real server (tests/helpers/test-server) on
 * the embedded database, Debian's Chromium, accounts, logging in, and screenshots of every page at
 * phone and desktop width into tests/artifacts/e2e (git-ignored).
 */
import { execSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Role } from "../../schema/enums";
import { UserModel } from "../../schema/user.model";
import { hashPassword } from "../../server/security/passwords";
import { startTestServer, type TestServer } from "../helpers/test-server";

export const CHROMIUM = "/usr/bin/chromium";
const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium fonts-noto-cjk)`);
/** `describe` when Chromium is installed, `describe.skip` otherwise (outside CI). */
export const describeWithBrowser = haveBrowser ? describe : describe.skip;

export const ARTIFACTS = path.resolve(__dirname, "../artifacts/e2e");
export const WIDTHS = [360, 1920] as const;
const ROOT = path.resolve(__dirname, "../..");
export const PASSWORD = "web-journey-password-1";

export interface Journey {
  server: TestServer;
  browser: Browser;
  /** A bureau token for setting the scene over the API. */
  bureau: string;
  appUrl: string;
  close(): Promise<void>;
}

/** Builds the web app if stale, starts a server and the browser. */
export async function startJourney(): Promise<Journey> {
  execSync("npm run --silent build:web:if-stale", { cwd: ROOT, stdio: "inherit" });
  const server = await startTestServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const bureau = await server.account("BUREAU" as Role);
  return {
    server,
    browser,
    bureau,
    appUrl: server.url.replace(/\/graphql$/, "/app"),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** An account that logs in with PASSWORD; returns its email. */
export async function createAccount(role: Role, owner: { school?: string; enterprise?: string; student?: string } = {}): Promise<string> {
  const email = `${role.toLowerCase()}-${crypto.randomBytes(4).toString("hex")}@journey.local`;
  await UserModel.create({ email, role, passwordHash: await hashPassword(PASSWORD), school: owner.school ?? null, enterprise: owner.enterprise ?? null, student: owner.student ?? null });
  return email;
}

/** A page at this width, logged in as the account through the login form. */
export async function loggedIn(journey: Journey, email: string, width: number): Promise<Page> {
  const page = await journey.browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  (page as Page & { jsErrors?: string[] }).jsErrors = errors;
  await page.goto(`${journey.appUrl}/login`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForSelector("[data-testid=who]", { state: "attached", timeout: 30_000 });
  return page;
}

/** Uncaught errors of the page's scripts so far (a journey ends with none). */
export function jsErrors(page: Page): string[] {
  return (page as Page & { jsErrors?: string[] }).jsErrors ?? [];
}

/** Opens an app path and waits until no loading state is left on it. */
export async function open(page: Page, journey: Journey, appPath: string): Promise<void> {
  await page.goto(`${journey.appUrl}${appPath}`);
  await settled(page);
}

/** Waits for the page's title and for its loading skeletons to go. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector(".page-title", { timeout: 30_000 });
  await page.waitForFunction(`document.querySelectorAll("[data-state=loading]").length === 0`, undefined, { timeout: 30_000 });
  await page.waitForTimeout(300); // charts animate in; Element Plus transitions end
}

/** Screenshots these app paths at both widths, as `<role>-<name>-<width>.png`. */
export async function screenshotPages(journey: Journey, email: string, prefix: string, pages: [string, string][]): Promise<void> {
  for (const width of WIDTHS) {
    const page = await loggedIn(journey, email, width);
    for (const [name, appPath] of pages) {
      await open(page, journey, appPath);
      await page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-${name}-${width}.png`), fullPage: true });
      // At 360 px nothing may force the page wider than the screen.
      if (width === 360) expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360 + 1);
    }
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  }
}

/** Picks an option of an Element Plus select by typing into it and clicking the matching option. */
export async function choose(page: Page, selectLabel: string, typed: string, optionText: string): Promise<void> {
  const select = page.getByLabel(selectLabel, { exact: true });
  await select.click({ force: true });
  await page.keyboard.type(typed);
  await page.locator(".el-select-dropdown__item:visible", { hasText: optionText }).first().click();
  await page.keyboard.press("Escape");
}
