import { Role } from "../../schema/enums";
import { prefersEnglish } from "../../server/i18n";
import { aSchool, aStudent, withWrongCheckChar } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

/**
 * Users read Chinese: every error message comes in Chinese, with its English code and field path
 * unchanged; `Accept-Language: en` gives the English sentences.
 */
let server: TestServer;
let bureau: string;

beforeAll(async () => {
  server = await startTestServer();
  bureau = await server.account(Role.BUREAU);
});

afterAll(async () => {
  await server.close();
});

async function ask(query: string, variables: Record<string, unknown>, lang?: string, token = bureau) {
  const res = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(lang ? { "accept-language": lang } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as { errors?: { message: string; extensions: Record<string, any> }[] }) };
}

const both = async (query: string, variables: Record<string, unknown> = {}, token = bureau) =>
  [await ask(query, variables, "zh-CN,zh;q=0.9", token), await ask(query, variables, "en-US,en;q=0.8", token)] as const;

test("a wrong password: Chinese by default, English on request, same code", async () => {
  const [zh, en] = await both(`mutation { login(email: "nobody@test.local", password: "wrong-password-1") { token } }`);
  expect(zh.errors![0]).toMatchObject({ message: "邮箱或密码错误", extensions: { code: "UNAUTHENTICATED" } });
  expect(en.errors![0]).toMatchObject({ message: "wrong email or password", extensions: { code: "UNAUTHENTICATED" } });
  const none = await ask(`mutation { login(email: "nobody@test.local", password: "wrong-password-1") { token } }`, {});
  expect(none.errors![0]!.message).toBe("邮箱或密码错误");
});

test("a bad argument names its field in Chinese; the field path stays English", async () => {
  const [zh, en] = await both(`{ schools(first: 5, after: "not-a-cursor") { totalCount } }`);
  expect(zh.errors![0]).toMatchObject({ message: "翻页游标无效，请从第一页重新查询", extensions: { code: "BAD_USER_INPUT", field: "after" } });
  expect(en.errors![0]!.message).toBe("after: invalid cursor");
});

test("not found, and a class-validator input error", async () => {
  const [zh, en] = await both(`{ school(id: "0123456789abcdef01234567") { id } }`);
  expect(zh.errors![0]).toMatchObject({ message: "记录不存在或无权查看", extensions: { code: "NOT_FOUND" } });
  expect(en.errors![0]!.message).toMatch(/not found/);
  const [zhInput] = await both(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool({ district: "12" }) });
  expect(zhInput.errors![0]).toMatchObject({ message: "所在区县：区县代码须为 6 位数字", extensions: { code: "BAD_USER_INPUT", field: "district" } });
});

test("import row errors: each row's message in Chinese with its row and field, nothing imported", async () => {
  const created = await server.ok(`mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, bureau);
  const good = aStudent();
  const bad = aStudent({ nationalId: withWrongCheckChar(aStudent().nationalId as string) });
  const rows = [good, bad, good];
  const IMPORT = `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`;
  const [zh, en] = await both(IMPORT, { s: created.createSchool.id, rows });
  expect(zh.errors![0]!.message).toBe("3 行中有 2 行有误，未导入任何数据");
  expect(zh.errors![0]!.extensions.errors).toEqual([
    { row: 2, field: "nationalId", message: expect.stringMatching(/^第 2 行 身份证号：校验位错误（应为 .）$/) },
    { row: 3, field: "nationalId", message: "第 3 行 身份证号：与第 1 行身份证号重复" },
  ]);
  expect(en.errors![0]!.message).toBe("2 of 3 rows invalid; nothing imported");
  expect(en.errors![0]!.extensions.errors.map((e: { message: string }) => e.message)).toEqual([expect.stringMatching(/^check character mismatch/), "same national ID as row 1"]);
});

test("a body over the limit and a query the schema does not have", async () => {
  const big = async (lang: string) => (await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", "accept-language": lang }, body: JSON.stringify({ query: "{ me { id } }", variables: { pad: "x".repeat(4_300_000) } }) })).json() as Promise<{ errors: { message: string }[] }>;
  expect((await big("zh-CN")).errors[0]!.message).toBe("数据太大（超过 4 MB），请分批导入");
  expect((await big("en")).errors[0]!.message).toBe("request body larger than 4 MB");
  const [zh, en] = await both(`{ nope }`);
  expect(zh.errors![0]).toMatchObject({ message: "请求格式有误", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
  expect(en.errors![0]!.message).toMatch(/Cannot query field "nope"/);
});

test("Accept-Language: the first of English or Chinese by quality decides", () => {
  expect(prefersEnglish(undefined)).toBe(false);
  expect(prefersEnglish("en")).toBe(true);
  expect(prefersEnglish("en-US,en;q=0.9")).toBe(true);
  expect(prefersEnglish("zh-CN,zh;q=0.9,en;q=0.8")).toBe(false);
  expect(prefersEnglish("fr-FR, en;q=0.5, zh;q=0.4")).toBe(true);
  expect(prefersEnglish("zh;q=0.5, en;q=0.9")).toBe(true);
  expect(prefersEnglish("en;q=0")).toBe(false);
});

test("a NUL character in a variable or the query is refused with its path, not an internal error", async () => {
  const [zh, en] = await both(`query($d: String) { enterprises(first: 5, filter: { district: $d }) { totalCount } }`, { d: "35\u00000582" });
  expect(zh.status).toBe(400);
  expect(zh.errors![0]).toMatchObject({ message: "d：不能包含空字符（U+0000）", extensions: { code: "BAD_USER_INPUT", field: "d" } });
  expect(en.errors![0]!.message).toBe("d: must not contain the NUL character (U+0000)");
  const inline = await ask(`mutation { login(email: "a\\u0000b@test.local", password: "x-password-1") { token } }`, {});
  expect(inline.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query" });
});

test("an automatic persisted query is refused as not supported, not as an internal error", async () => {
  const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ clusters { name } }", extensions: { persistedQuery: { version: 1, sha256Hash: "ab" } } }) });
  const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0]!.extensions.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
});
