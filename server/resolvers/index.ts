import type { NonEmptyArray } from "type-graphql";
import { ApplicationResolver } from "./application.resolver";
import { AllocationRunResolver, AuditResolver, PlacementResolver, RunEnterpriseResolver, UnplacedStudentResolver } from "./allocation.resolver";
import { AuthResolver } from "./auth.resolver";
import { ClusterResolver } from "./cluster.resolver";
import { EnterpriseResolver } from "./enterprise.resolver";
import { PostingResolver } from "./posting.resolver";
import { SchoolResolver } from "./school.resolver";
import { StudentResolver } from "./student.resolver";
import { OutcomeResolver } from "./outcome.resolver";
import { ReportResolver } from "./report.resolver";
import { NoticeResolver } from "./notice.resolver";
import { InternshipResolver, WeeklyLogResolver } from "./internship.resolver";

export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  EnterpriseResolver,
  SchoolResolver,
  StudentResolver,
  PostingResolver,
  ApplicationResolver,
  AllocationRunResolver,
  RunEnterpriseResolver,
  PlacementResolver,
  UnplacedStudentResolver,
  AuditResolver,
  ClusterResolver,
  OutcomeResolver,
  ReportResolver,
  NoticeResolver,
  InternshipResolver,
  WeeklyLogResolver,
];
