import { startTestServer, type TestServer } from "../helpers/test-server";
import { Role } from "../../schema/enums";
import { anEnterprise } from "../helpers/factories";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

test("a bureau account creates an enterprise and reads it back", async () => {
  const bureau = await server.account(Role.BUREAU);
  const created = await server.gql(`mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id name aboveScale sizeClass inCity districtName industryName } }`, { i: anEnterprise() }, bureau);
  expect(created.errors).toBeUndefined();
  expect(created.data!.createEnterprise).toMatchObject({ aboveScale: true, sizeClass: "MEDIUM", inCity: true, districtName: "晋江市" });
  const list = await server.gql(`{ enterprises(first: 5) { totalCount edges { node { id } } } }`, {}, bureau);
  expect(list.data!.enterprises.totalCount).toBe(1);
});
