import type { Config } from "../config";
import { TokenService } from "../auth/token";
import { PersonalDataCipher } from "../security/crypto";
import { ApplicationService } from "./application.service";
import { ClusterService } from "./cluster.service";
import { EnterpriseService } from "./enterprise.service";
import { PostingService } from "./posting.service";
import { SchoolService } from "./school.service";
import { StudentService } from "./student.service";
import { UserService } from "./user.service";
import { OutcomeService } from "./outcome.service";
import { ReportService } from "./report.service";
import { createOutcomeStores } from "../store/reports.store";
import type { Stores } from "../store";
import { AllocationService, type CrashPoint } from "./allocation.service";
import { AuditService } from "./audit.service";
import { buildAndSolveInWorker } from "../solver/worker-pool";
import { createLogger } from "../logger";
import { NoticeService } from "./notice.service";
import { InternshipService } from "./internship.service";

export interface Services {
  tokens: TokenService;
  cipher: PersonalDataCipher;
  users: UserService;
  clusters: ClusterService;
  enterprises: EnterpriseService;
  schools: SchoolService;
  students: StudentService;
  stores: Stores;
  postings: PostingService;
  applications: ApplicationService;
  audit: AuditService;
  allocation: AllocationService;
  outcomes: OutcomeService;
  reports: ReportService;
  notices: NoticeService;
  internships: InternshipService;
}

/** Wires the services once per process, on the stores of the connected database. */
export function createServices(config: Config, stores: Stores): Services {
  const tokens = new TokenService(config.jwtSecret, config.jwtTtl);
  const cipher = new PersonalDataCipher(config.encryptionKey, config.hashKey);
  const clusters = new ClusterService(stores.clusters);
  const enterprises = new EnterpriseService(stores.enterprises, clusters);
  const schools = new SchoolService(stores.schools);
  const students = new StudentService(cipher, schools, stores.students);
  const postings = new PostingService(enterprises, stores.postings);
  const applications = new ApplicationService(stores);
  const audit = new AuditService(stores.audit);
  const logger = createLogger(config.logLevel);
  const allocation = new AllocationService(audit, stores, {
    solve: (profiles, solver) => buildAndSolveInWorker(profiles, { solver }, { timeoutMs: config.solveTimeoutMs }),
    crashPoint: (point: CrashPoint) => {
      if (config.crashAt !== point) return;
      logger.fatal(`ALLOCATION_CRASH_AT=${point}: killing the process (crash test)`);
      process.kill(process.pid, "SIGKILL");
    },
    today: () => new Date().toISOString().slice(0, 10),
    log: (message, details) => logger.error(details ?? {}, message),
  });
  const outcomeStores = createOutcomeStores(stores.sql);
  return {
    tokens, cipher, stores, users: new UserService(tokens, stores), clusters, enterprises, schools, students, postings, applications, audit, allocation,
    outcomes: new OutcomeService(cipher, outcomeStores.outcomes, outcomeStores.counters),
    reports: new ReportService(outcomeStores.reports, outcomeStores.counters),
    internships: new InternshipService(stores),
    notices: new NoticeService(stores.notices, stores, audit, () => new Date().toISOString().slice(0, 10)),
  };
}

/** What must hold before the services take requests: the default clusters. */
export async function prepareServices(services: Services): Promise<void> {
  await services.clusters.ensureDefaults();
}
