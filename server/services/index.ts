import type { Config } from "../config";
import { TokenService } from "../auth";
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
import { KeyClaims } from "./key-claims";
import { APPLICATION_CODEC, PackedProfiles, PLACEMENT_CODEC, POSTING_CODEC, STUDENT_CODEC, type ApplicationProfiles, type PlacementProfiles, type PostingProfiles, type StudentProfiles } from "./packed-profiles";
import { AllocationService, type CrashPoint } from "./allocation.service";
import { AuditService } from "./audit.service";
import { buildAndSolveInWorker } from "../solver/worker-pool";
import { createLogger } from "../logger";

export interface Services {
  tokens: TokenService;
  cipher: PersonalDataCipher;
  users: UserService;
  clusters: ClusterService;
  enterprises: EnterpriseService;
  schools: SchoolService;
  students: StudentService;
  studentProfiles: StudentProfiles;
  postingProfiles: PostingProfiles;
  placementProfiles: PlacementProfiles;
  applicationProfiles: ApplicationProfiles;
  postings: PostingService;
  applications: ApplicationService;
  audit: AuditService;
  allocation: AllocationService;
  outcomes: OutcomeService;
  reports: ReportService;
}

/** Wires the services once per process. */
export function createServices(config: Config): Services {
  const tokens = new TokenService(config.jwtSecret, config.jwtTtl);
  const cipher = new PersonalDataCipher(config.encryptionKey, config.hashKey);
  const clusters = new ClusterService();
  const enterprises = new EnterpriseService(clusters);
  const schools = new SchoolService();
  const studentProfiles: StudentProfiles = new PackedProfiles(STUDENT_CODEC);
  const postingProfiles: PostingProfiles = new PackedProfiles(POSTING_CODEC);
  const placementProfiles: PlacementProfiles = new PackedProfiles(PLACEMENT_CODEC);
  const applicationProfiles: ApplicationProfiles = new PackedProfiles(APPLICATION_CODEC);
  const claims = new KeyClaims();
  const students = new StudentService(cipher, schools, claims, studentProfiles);
  const postings = new PostingService(enterprises, postingProfiles);
  const applications = new ApplicationService(applicationProfiles);
  const audit = new AuditService();
  const logger = createLogger(config.logLevel);
  const allocation = new AllocationService(audit, { students: studentProfiles, postings: postingProfiles, placements: placementProfiles, applications: applicationProfiles }, {
    solve: (profiles, solver) => buildAndSolveInWorker(profiles, { solver }, { timeoutMs: config.solveTimeoutMs }),
    crashPoint: (point: CrashPoint) => {
      if (config.crashAt !== point) return;
      logger.fatal(`ALLOCATION_CRASH_AT=${point}: killing the process (crash test)`);
      process.kill(process.pid, "SIGKILL");
    },
    today: () => new Date().toISOString().slice(0, 10),
    log: (message, details) => logger.error(details ?? {}, message),
    claims,
  });
  return { tokens, cipher, users: new UserService(tokens), clusters, enterprises, schools, students, studentProfiles, postingProfiles, placementProfiles, applicationProfiles, postings, applications, audit, allocation, outcomes: new OutcomeService(cipher, claims), reports: new ReportService(postingProfiles) };
}

/**
 * What must hold before the services take requests: the default clusters, the
 * profiles of students, postings, placements and applications, and the claimed
 * slots of graduate destinations (each built once for a database that predates them).
 */
export async function prepareServices(services: Services): Promise<void> {
  await services.clusters.ensureDefaults();
  await services.studentProfiles.ensureBuilt();
  await services.postingProfiles.ensureBuilt();
  await services.placementProfiles.ensureBuilt();
  await services.applicationProfiles.ensureBuilt();
  await services.outcomes.ensureSlotsClaimed();
}
