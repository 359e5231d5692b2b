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
import { KeyClaims } from "./key-claims";

export interface Services {
  tokens: TokenService;
  cipher: PersonalDataCipher;
  users: UserService;
  clusters: ClusterService;
  enterprises: EnterpriseService;
  schools: SchoolService;
  students: StudentService;
  postings: PostingService;
  applications: ApplicationService;
}

/** Wires the services once per process. */
export function createServices(config: Config): Services {
  const tokens = new TokenService(config.jwtSecret, config.jwtTtl);
  const cipher = new PersonalDataCipher(config.encryptionKey, config.hashKey);
  const clusters = new ClusterService();
  const enterprises = new EnterpriseService(clusters);
  const schools = new SchoolService();
  const students = new StudentService(cipher, schools, new KeyClaims());
  const postings = new PostingService(enterprises);
  const applications = new ApplicationService(students, postings);
  return { tokens, cipher, users: new UserService(tokens), clusters, enterprises, schools, students, postings, applications };
}
