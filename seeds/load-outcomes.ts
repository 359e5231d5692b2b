import { trusted } from "mongoose";
import { EnterpriseModel } from "../schema/enterprise.model";
import { Role } from "../schema/enums";
import type { EmploymentOutcomeInput } from "../schema/inputs/outcome.input";
import { OutcomeStatus } from "../schema/outcome.model";
import type { Viewer } from "../server/auth";
import type { Services } from "../server/services";
import type { DemoCity } from "./demo-city";

const BUREAU: Viewer = { userId: "seed", role: Role.BUREAU, schoolId: null, enterpriseId: null };

/**
 * Records the demo city's graduate destinations (graduates of 2024 and 2025) through the outcome
 * service, after the students and enterprises are loaded: employers of the platform by their
 * credit code, others by name and code. Returns the number of records.
 */
export async function loadDemoOutcomes(services: Services, city: DemoCity): Promise<number> {
  const codes = [...new Set(city.outcomes.filter((o) => o.employerKey && o.employerCreditCode).map((o) => o.employerCreditCode!))];
  const enterprises = await EnterpriseModel.find({ creditCode: trusted({ $in: codes }) }, { creditCode: 1 }).lean<{ _id: unknown; creditCode: string }[]>();
  const idOfCode = new Map(enterprises.map((e) => [e.creditCode, String(e._id)]));
  const rows: EmploymentOutcomeInput[] = city.outcomes.map((o) => {
    const employed = o.status === "EMPLOYED";
    const employerId = o.employerKey && o.employerCreditCode ? idOfCode.get(o.employerCreditCode) : undefined;
    return {
      nationalId: o.studentNationalId,
      graduationYear: o.graduationYear,
      status: o.status as OutcomeStatus,
      ...(employed && employerId ? { employerId } : {}),
      ...(employed && !employerId ? { employerName: o.employerName ?? null, employerCreditCode: o.employerCreditCode ?? null } : {}),
      ...(employed ? { workDistrict: o.workDistrict ?? null, industry: o.industry ?? null, relatedToMajor: o.relatedToMajor ?? null } : {}),
      date: o.date,
      source: o.source,
    };
  });
  let recorded = 0;
  for (let i = 0; i < rows.length; i += 5000) recorded += (await services.outcomes.record(BUREAU, rows.slice(i, i + 5000))).recorded;
  return recorded;
}
