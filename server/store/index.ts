import { ApplicationsStore } from "./applications.store";
import { PostingsStore } from "./postings.store";
import { AuditStore, ClustersStore, EnterprisesStore, SchoolsStore, UsersStore } from "./registries.store";
import { RunsStore } from "./runs.store";
import { FerretSql } from "./sql";
import { StudentsStore } from "./students.store";
import { NoticesStore } from "./notices.store";
import { InternshipsStore } from "./internships.store";

export { DuplicateKey } from "./document-store";
export { encodeCursor, decodeCursor, type PageArgs } from "./collection";
export type { StudentsStore, StudentFields, StudentProfile } from "./students.store";
export type { PostingsStore, PostingProfile, PostingListFilter } from "./postings.store";
export type { ApplicationsStore } from "./applications.store";
export type { AuditStore, ClustersStore, EnterprisesStore, SchoolsStore, UsersStore } from "./registries.store";
export type { RunsStore, PlacementProfile } from "./runs.store";
export type { NoticesStore, NoticeCriteria, NoticeCandidate } from "./notices.store";
export type { InternshipsStore, InternshipListFilter } from "./internships.store";

/** Every store of the platform, over one database connection (mongoose's default). */
export interface Stores {
  students: StudentsStore;
  postings: PostingsStore;
  applications: ApplicationsStore;
  enterprises: EnterprisesStore;
  schools: SchoolsStore;
  users: UsersStore;
  clusters: ClustersStore;
  audit: AuditStore;
  runs: RunsStore;
  notices: NoticesStore;
  internships: InternshipsStore;
  /** Direct reads of FerretDB's PostgreSQL tables (embedded database only), or null. */
  sql: FerretSql | null;
  close(): Promise<void>;
}

/**
 * The stores on the connected database. `postgresUrl` (the embedded database's) lets them read
 * FerretDB's tables with SQL where FerretDB cannot push a page down; without it (MongoDB) every
 * read goes through mongoose and MongoDB's own indexes.
 */
export function createStores(options: { postgresUrl?: string; database: string }): Stores {
  const sql = options.postgresUrl ? FerretSql.connect(options.postgresUrl, options.database) : null;
  return {
    students: new StudentsStore(sql),
    postings: new PostingsStore(sql),
    applications: new ApplicationsStore(sql),
    enterprises: new EnterprisesStore(sql),
    schools: new SchoolsStore(sql),
    users: new UsersStore(sql),
    clusters: new ClustersStore(sql),
    audit: new AuditStore(sql),
    runs: new RunsStore(sql),
    notices: new NoticesStore(sql),
    internships: new InternshipsStore(sql),
    sql,
    async close() {
      await sql?.close();
    },
  };
}
